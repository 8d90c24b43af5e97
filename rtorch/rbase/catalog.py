"""The base-function table: every R base/stats/utils function a port may call, and how.

Each row is ``R name``, ``kind`` and, where it is not R's name with ``.`` made ``_``, the
spelling in Python:

* ``rbase``: a function of :mod:`rtorch.rbase` (exported by ``from rtorch import *``);
* ``rtorch``: a function rtorch exports from another module (the tensor methods of
  :mod:`rtorch.conversions`, the data-frame helpers of :mod:`rtorch.dataframe`);
* ``luz``: a function of :mod:`rtorch.luz` (a generic luz gives a method for);
* ``python``: Python's own construct, written in the third column (the porting guide spells
  each out);
* ``none``: not provided (R's modelling formulae, R's environments as objects, ...).

The table drives :mod:`rtorch.rbase`'s exports (``__all__`` is its ``rbase`` rows plus
:data:`ALSO_EXPORTED`) and ``docs/base-functions.md`` (written by
``tools/base_functions_table.py`` with the call counts of ``tools/count_base_calls.py``).
"""
from __future__ import annotations

_TABLE = """
c                 rbase
list              rbase    named_list
is.null           rbase
length            rbase
paste0            rbase
invisible         rbase
lapply            rbase
names             rbase
inherits          rbase
as.integer        rbase
file.path         rbase
cat               rbase
seq_along         rbase
seq_len           rbase
unlist            rbase
dim               rbase
class             rbase    class_
rep               rbase
nrow              rbase
stop              rbase
as.numeric        rbase
do.call           rbase
missing           rbase    missing(x) is x is None (arguments default to None)
ncol              rbase
paste             rbase
is.list           rbase
sapply            rbase
append            rbase
max               rbase
colnames          rtorch
as.character      rbase
is.numeric        rbase
any               rbase
vector            rbase
unique            rbase
all               rbase
UseMethod         python   a method of the class (def forward(self, ...)), or isinstance()
is.na             rbase
as.matrix         rbase
attr              rbase
identical         rbase
formals           rbase
matrix            rbase
min               rbase
which             rbase
is.character      rbase
data.frame        rtorch   data_frame
tryCatch          rbase
grepl             rbase
sum               rbase
sqrt              rbase
sub               rbase
apply             rbase
match.arg         rbase
levels            rbase
round             rbase
seq               rbase
factor            rbase
sprintf           rbase
sample            rbase
isTRUE            rbase
ifelse            rbase
print             python   print(x) (x.print() for R's print of a length-1 string)
is.factor         rbase
as.array          rtorch   as_array
cos               rbase
mean              rbase
abs               rbase
getOption         rbase
on.exit           python   try: ... finally: ...
sort              rbase
gsub              rbase
format            rbase    format_
is.integer        rbase
sample.int        rbase
as.logical        rbase
rev               rbase
log               rbase
warning           rbase
Sys.getenv        rbase
as.list           rbase
is.vector         rbase
tolower           rbase
file.exists       rbase
as.vector         rbase
ceiling           rbase
eval              python   call the function (R's lazy code is a lambda)
nzchar            rbase
gettext           rbase
predict           luz
tempdir           rbase
attributes        python   vars(x)
deparse1          python   repr(x) / the name as a string
requireNamespace  rbase
rownames          rtorch
setNames          rbase
environment       python   a closure or a class attribute
quote             python   lambda: ... (code as a value)
tail              rbase
is.data.frame     rtorch
structure         python   set the fields of an object (a class or named_list)
close             rbase
match             rbase
parent.frame      python   pass the value as an argument
rbind             rbase
basename          rbase
floor             rbase
force             rbase
list.files        rbase
new.env           rbase
prod              rbase
sin               rbase
untar             rbase
array             rbase
as.data.frame     rtorch
exp               rbase
integer           rbase
is.matrix         rbase
readRDS           rbase
saveRDS           rbase
character         rbase
deparse           python   repr(x)
readLines         rbase
head              rbase
is.logical        rbase
setdiff           rbase
colMeans          rbase
interactive       rbase
parse             python   not needed: write the code itself
rawConnection     rbase
runif             rbase
t                 rbase
vapply            rbase
NextMethod        python   super().method(...)
dir.exists        rbase
is.nan            rbase
startsWith        rbase
strsplit          rbase
typeof            rbase
Sys.info          rbase
as.factor         rbase
match.call        python   the arguments themselves (locals())
message           rbase
normalizePath     rbase
quantile          rbase
seq.int           rbase
stopifnot         rbase
Reduce            rbase
cbind             rbase
is.finite         rbase
nlevels           rbase
tempfile          rbase
unname            rbase
is.function       rbase
model.matrix      none
order             rbase
rank              rbase
weighted.mean     rbase
storage.mode      rbase
prettyNum         rbase
range             rbase    range_
substitute        python   pass the name as a string
table             rbase
try               rbase    try_
globalVariables   python   not needed
lengths           rbase
signif            rbase
unzip             rbase
diag              rbase
emptyenv          python   not needed
mapply            rbase
raw               rbase
sweep             none
asNamespace       python   importlib.import_module(name)
dir.create        rbase
readBin           python   open(path, "rb").read()
rm                python   del x
anyNA             rbase
as.double         rbase
formula           none
get               python   getattr(module, name) / globals()[name]
read.delim        rbase
trunc             rbase
which.max         rbase
Map               rbase
aperm             rbase
as.formula        none
gettextf          rbase
grep              rbase
intersect         rbase
log1p             rbase
ls                python   dir(x)
packageVersion    rbase
rawConnectionValue rbase
suppressWarnings  rbase
binomial          none
conditionMessage  rbase
cumsum            rbase
download.file     rbase
duplicated        rbase
install.packages  python   not needed
is.atomic         rbase
is.raw            python   isinstance(x, bytes)
log10             rbase
packageStartupMessage python not needed
parent.env        python   not needed
pmax              rbase
pmin              rbase
sd                rbase
terms             none
trimws            rbase
Filter            rbase
as.environment    python   not needed
as.raw            python   bytes(...)
ave               none
delete.response   none
file              python   open(path)
is.infinite       rbase
is.language       python   not needed
is.name           python   not needed
isFALSE           rbase
pnorm             rbase
registerS3method  python   not needed
regmatches        none
rpois             rbase    rpois
sign              rbase
substr            rbase
unlockBinding     python   not needed
Sys.setenv        rbase
complete.cases    rtorch
data              python   the data set's name (iris, mtcars)
dimnames          none
dirname           rbase
expand.grid       none
file.copy         rbase
file.remove       rbase
file.size         rbase
getRversion       python   not needed
is.call           python   not needed
list2env          python   not needed
local             python   a function called once
logical           rbase
makeActiveBinding python   a property
options           rbase
plot              rbase
read.csv          rbase
split             rbase
terms.formula     none
toupper           rbase
which.min         rbase
Sys.getpid        rbase
Sys.time          rbase
URLencode         python   urllib.parse.quote(s)
aggregate         none
asplit            none
exists            python   name in globals() / hasattr(x, name)
gc                python   gc.collect()
is.complex        rbase
is.object         python   not needed
is.symbol         python   not needed
library           python   import (from rtorch import *)
list.dirs         rbase
load              none
loadedNamespaces  python   sys.modules
median            rbase
rep_len           rbase
numeric           rbase
outer             rbase
union             rbase
is.element        rbase
cumprod           rbase
var               rbase
all.equal         rbase
set.seed          rbase
rnorm             rbase
dnorm             rbase
df                rbase
as.double         rbase
is.double         rbase
log2              rbase
expm1             rbase
tan               rbase
acos              rbase
asin              rbase
atan              rbase
atan2             rbase
cosh              rbase
sinh              rbase
tanh              rbase
Find              rbase
Position          rbase
match.fun         rbase
identity          rbase
nchar             rbase
endsWith          rbase
casefold          rbase
substring         rbase
regexpr           rbase
writeLines        rbase
sQuote            rbase
dQuote            rbase
shQuote           rbase
colSums           rbase
rowSums           rbase
rowMeans          rbase
diff              rbase
scale             rbase
tabulate          rbase
droplevels        rbase
isTRUE            rbase
is.array          rbase
path.expand       rbase
unlink            rbase
Sys.sleep         rbase
system.file       rbase
suppressMessages  rbase
read.csv2         rbase
write.csv         rbase
rawToChar         rbase
Negate            rbase
modifyList        rbase
formatC           rbase
qnorm             rbase
rbinom            rbase
rgamma            rbase
replicate         rbase
rle               rbase
system.time       rbase
read.table        rbase
merge             rtorch
subset            rtorch
str               rbase    str_
"""


def _rows() -> list[tuple[str, str, str]]:
    rows, seen = [], set()
    for line in _TABLE.strip().splitlines():
        parts = line.split(None, 2)
        name, kind = parts[0], parts[1]
        spelling = parts[2] if len(parts) > 2 else name.replace(".", "_")
        if kind in ("rbase", "rtorch") and len(parts) > 2 and " " in spelling:
            spelling = name.replace(".", "_")          # a note, not a different name
        if name in seen:
            continue
        seen.add(name)
        rows.append((name, kind, spelling))
    return rows


#: (R name, kind, Python spelling) for every function in the table.
ROWS: list[tuple[str, str, str]] = _rows()

#: R name -> note for the rows whose third column is a note on an rbase/rtorch function.
NOTES = {name: line.split(None, 2)[2] for line in _TABLE.strip().splitlines()
         for name in [line.split()[0]] if len(line.split(None, 2)) > 2
         and line.split()[1] in ("rbase", "rtorch") and " " in line.split(None, 2)[2]}

#: rbase's exports that are not R functions: classes, constants, rtorch's own helpers.
ALSO_EXPORTED = ["RVector", "RString", "Factor", "NA", "NA_integer_", "NA_real_",
                 "NA_character_", "pi", "LETTERS", "letters", "month_name", "month_abb",
                 "set_sample_seed", "named_list",
                 "missing", "isFALSE", "is_list", "pluck", "setattr", "dots_list",
                 "coord_cartesian"]   # ggplot2's, added to a figure: fig + coord_cartesian()

#: What ``from rtorch.rbase import *`` gives.
EXPORTS: list[str] = list(dict.fromkeys(
    ALSO_EXPORTED + [spelling for _, kind, spelling in ROWS if kind == "rbase"]))
