"""R's built-in data sets that R torch tutorials use without loading anything.

* ``JohnsonJohnson``: quarterly earnings per Johnson & Johnson share, 1960-1980 (84 values,
  R's ``datasets`` package), an R double vector.
* ``iris`` (150 rows) and ``mtcars`` (32 rows): R's data frames, as pandas DataFrames with R's
  column names (``iris["Sepal.Length"]``), ``iris.Species`` a ``category`` column with R's
  levels (setosa, versicolor, virginica), ``mtcars`` indexed by R's row names (the car models)
  with every column a double, as in R; ``iris`` rows are labelled 1 to 150. R's ``iris`` is not
  the UCI copy: rows 35 and 38 are Fisher's values. They need pandas (the
  ``data`` extra) and are built on first access, so that ``import rtorch`` does not import
  pandas: ``from rtorch import iris, mtcars`` (or ``rtorch.iris``); ``from rtorch import *``
  does not bring them. Each is one shared object: ``.copy()`` before changing it.
"""
from __future__ import annotations

import numpy as np

from .rbase import RVector

_JJ = """0.71 0.63 0.85 0.44 0.61 0.69 0.92 0.55 0.72 0.77 0.92 0.60 0.83 0.80 1.00 0.77
0.92 1.00 1.24 1.00 1.16 1.30 1.45 1.25 1.26 1.38 1.86 1.56 1.53 1.59 1.83 1.86
1.53 2.07 2.34 2.25 2.16 2.43 2.70 2.25 2.79 3.42 3.69 3.60 3.60 4.32 4.32 4.05
4.86 5.04 5.04 4.41 5.58 5.85 6.57 5.31 6.03 6.39 6.93 5.85 6.93 7.74 7.83 6.12
7.74 8.91 8.28 6.84 9.54 10.26 9.54 8.73 11.88 12.06 12.15 8.91 14.04 12.96 14.85 9.99
16.20 14.67 16.02 11.61"""

JohnsonJohnson = RVector(np.array([float(v) for v in _JJ.split()], dtype=np.float64))

# iris: Sepal.Length Sepal.Width Petal.Length Petal.Width, 50 rows of each species in turn
_IRIS = """
5.1 3.5 1.4 0.2  4.9 3 1.4 0.2  4.7 3.2 1.3 0.2  4.6 3.1 1.5 0.2  5 3.6 1.4 0.2  5.4 3.9 1.7 0.4
4.6 3.4 1.4 0.3  5 3.4 1.5 0.2  4.4 2.9 1.4 0.2  4.9 3.1 1.5 0.1  5.4 3.7 1.5 0.2  4.8 3.4 1.6 0.2
4.8 3 1.4 0.1  4.3 3 1.1 0.1  5.8 4 1.2 0.2  5.7 4.4 1.5 0.4  5.4 3.9 1.3 0.4  5.1 3.5 1.4 0.3
5.7 3.8 1.7 0.3  5.1 3.8 1.5 0.3  5.4 3.4 1.7 0.2  5.1 3.7 1.5 0.4  4.6 3.6 1 0.2  5.1 3.3 1.7 0.5
4.8 3.4 1.9 0.2  5 3 1.6 0.2  5 3.4 1.6 0.4  5.2 3.5 1.5 0.2  5.2 3.4 1.4 0.2  4.7 3.2 1.6 0.2
4.8 3.1 1.6 0.2  5.4 3.4 1.5 0.4  5.2 4.1 1.5 0.1  5.5 4.2 1.4 0.2  4.9 3.1 1.5 0.2  5 3.2 1.2 0.2
5.5 3.5 1.3 0.2  4.9 3.6 1.4 0.1  4.4 3 1.3 0.2  5.1 3.4 1.5 0.2  5 3.5 1.3 0.3  4.5 2.3 1.3 0.3
4.4 3.2 1.3 0.2  5 3.5 1.6 0.6  5.1 3.8 1.9 0.4  4.8 3 1.4 0.3  5.1 3.8 1.6 0.2  4.6 3.2 1.4 0.2
5.3 3.7 1.5 0.2  5 3.3 1.4 0.2  7 3.2 4.7 1.4  6.4 3.2 4.5 1.5  6.9 3.1 4.9 1.5  5.5 2.3 4 1.3
6.5 2.8 4.6 1.5  5.7 2.8 4.5 1.3  6.3 3.3 4.7 1.6  4.9 2.4 3.3 1  6.6 2.9 4.6 1.3  5.2 2.7 3.9 1.4
5 2 3.5 1  5.9 3 4.2 1.5  6 2.2 4 1  6.1 2.9 4.7 1.4  5.6 2.9 3.6 1.3  6.7 3.1 4.4 1.4
5.6 3 4.5 1.5  5.8 2.7 4.1 1  6.2 2.2 4.5 1.5  5.6 2.5 3.9 1.1  5.9 3.2 4.8 1.8  6.1 2.8 4 1.3
6.3 2.5 4.9 1.5  6.1 2.8 4.7 1.2  6.4 2.9 4.3 1.3  6.6 3 4.4 1.4  6.8 2.8 4.8 1.4  6.7 3 5 1.7
6 2.9 4.5 1.5  5.7 2.6 3.5 1  5.5 2.4 3.8 1.1  5.5 2.4 3.7 1  5.8 2.7 3.9 1.2  6 2.7 5.1 1.6
5.4 3 4.5 1.5  6 3.4 4.5 1.6  6.7 3.1 4.7 1.5  6.3 2.3 4.4 1.3  5.6 3 4.1 1.3  5.5 2.5 4 1.3
5.5 2.6 4.4 1.2  6.1 3 4.6 1.4  5.8 2.6 4 1.2  5 2.3 3.3 1  5.6 2.7 4.2 1.3  5.7 3 4.2 1.2
5.7 2.9 4.2 1.3  6.2 2.9 4.3 1.3  5.1 2.5 3 1.1  5.7 2.8 4.1 1.3  6.3 3.3 6 2.5  5.8 2.7 5.1 1.9
7.1 3 5.9 2.1  6.3 2.9 5.6 1.8  6.5 3 5.8 2.2  7.6 3 6.6 2.1  4.9 2.5 4.5 1.7  7.3 2.9 6.3 1.8
6.7 2.5 5.8 1.8  7.2 3.6 6.1 2.5  6.5 3.2 5.1 2  6.4 2.7 5.3 1.9  6.8 3 5.5 2.1  5.7 2.5 5 2
5.8 2.8 5.1 2.4  6.4 3.2 5.3 2.3  6.5 3 5.5 1.8  7.7 3.8 6.7 2.2  7.7 2.6 6.9 2.3  6 2.2 5 1.5
6.9 3.2 5.7 2.3  5.6 2.8 4.9 2  7.7 2.8 6.7 2  6.3 2.7 4.9 1.8  6.7 3.3 5.7 2.1  7.2 3.2 6 1.8
6.2 2.8 4.8 1.8  6.1 3 4.9 1.8  6.4 2.8 5.6 2.1  7.2 3 5.8 1.6  7.4 2.8 6.1 1.9  7.9 3.8 6.4 2
6.4 2.8 5.6 2.2  6.3 2.8 5.1 1.5  6.1 2.6 5.6 1.4  7.7 3 6.1 2.3  6.3 3.4 5.6 2.4  6.4 3.1 5.5 1.8
6 3 4.8 1.8  6.9 3.1 5.4 2.1  6.7 3.1 5.6 2.4  6.9 3.1 5.1 2.3  5.8 2.7 5.1 1.9  6.8 3.2 5.9 2.3
6.7 3.3 5.7 2.5  6.7 3 5.2 2.3  6.3 2.5 5 1.9  6.5 3 5.2 2  6.2 3.4 5.4 2.3  5.9 3 5.1 1.8
"""
_IRIS_COLUMNS = ["Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width"]
_IRIS_SPECIES = ["setosa", "versicolor", "virginica"]

# mtcars: model|mpg cyl disp hp drat wt qsec vs am gear carb
_MTCARS = """
Mazda RX4|21 6 160 110 3.9 2.62 16.46 0 1 4 4
Mazda RX4 Wag|21 6 160 110 3.9 2.875 17.02 0 1 4 4
Datsun 710|22.8 4 108 93 3.85 2.32 18.61 1 1 4 1
Hornet 4 Drive|21.4 6 258 110 3.08 3.215 19.44 1 0 3 1
Hornet Sportabout|18.7 8 360 175 3.15 3.44 17.02 0 0 3 2
Valiant|18.1 6 225 105 2.76 3.46 20.22 1 0 3 1
Duster 360|14.3 8 360 245 3.21 3.57 15.84 0 0 3 4
Merc 240D|24.4 4 146.7 62 3.69 3.19 20 1 0 4 2
Merc 230|22.8 4 140.8 95 3.92 3.15 22.9 1 0 4 2
Merc 280|19.2 6 167.6 123 3.92 3.44 18.3 1 0 4 4
Merc 280C|17.8 6 167.6 123 3.92 3.44 18.9 1 0 4 4
Merc 450SE|16.4 8 275.8 180 3.07 4.07 17.4 0 0 3 3
Merc 450SL|17.3 8 275.8 180 3.07 3.73 17.6 0 0 3 3
Merc 450SLC|15.2 8 275.8 180 3.07 3.78 18 0 0 3 3
Cadillac Fleetwood|10.4 8 472 205 2.93 5.25 17.98 0 0 3 4
Lincoln Continental|10.4 8 460 215 3 5.424 17.82 0 0 3 4
Chrysler Imperial|14.7 8 440 230 3.23 5.345 17.42 0 0 3 4
Fiat 128|32.4 4 78.7 66 4.08 2.2 19.47 1 1 4 1
Honda Civic|30.4 4 75.7 52 4.93 1.615 18.52 1 1 4 2
Toyota Corolla|33.9 4 71.1 65 4.22 1.835 19.9 1 1 4 1
Toyota Corona|21.5 4 120.1 97 3.7 2.465 20.01 1 0 3 1
Dodge Challenger|15.5 8 318 150 2.76 3.52 16.87 0 0 3 2
AMC Javelin|15.2 8 304 150 3.15 3.435 17.3 0 0 3 2
Camaro Z28|13.3 8 350 245 3.73 3.84 15.41 0 0 3 4
Pontiac Firebird|19.2 8 400 175 3.08 3.845 17.05 0 0 3 2
Fiat X1-9|27.3 4 79 66 4.08 1.935 18.9 1 1 4 1
Porsche 914-2|26 4 120.3 91 4.43 2.14 16.7 0 1 5 2
Lotus Europa|30.4 4 95.1 113 3.77 1.513 16.9 1 1 5 2
Ford Pantera L|15.8 8 351 264 4.22 3.17 14.5 0 1 5 4
Ferrari Dino|19.7 6 145 175 3.62 2.77 15.5 0 1 5 6
Maserati Bora|15 8 301 335 3.54 3.57 14.6 0 1 5 8
Volvo 142E|21.4 4 121 109 4.11 2.78 18.6 1 1 4 2
"""
_MTCARS_COLUMNS = ["mpg", "cyl", "disp", "hp", "drat", "wt", "qsec", "vs", "am", "gear", "carb"]


def _iris(pd):
    values = np.array(_IRIS.split(), dtype=np.float64).reshape(150, 4)
    frame = pd.DataFrame(values, columns=_IRIS_COLUMNS, index=pd.RangeIndex(1, 151))
    species = np.repeat(_IRIS_SPECIES, 50)
    frame["Species"] = pd.Categorical(species, categories=_IRIS_SPECIES)
    return frame


def _mtcars(pd):
    rows = [line.split("|") for line in _MTCARS.strip().splitlines()]
    values = np.array([r[1].split() for r in rows], dtype=np.float64)
    return pd.DataFrame(values, columns=_MTCARS_COLUMNS, index=[r[0] for r in rows])


#: R's data frames, built (and pandas imported) on first access: ``rtorch.iris``
FRAMES = {"iris": _iris, "mtcars": _mtcars}
__all__ = ["JohnsonJohnson"]


def __getattr__(name: str):
    if name not in FRAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .lazy import require
    frame = globals()[name] = FRAMES[name](require("pandas", "data", f"R's {name} data set"))
    return frame
