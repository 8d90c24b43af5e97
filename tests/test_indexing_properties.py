"""Property tests: R indexing (get and set) and 1-based dims against a 0-based reference.

The references are written independently of rtorch: numpy's ``take`` applied one
dimension at a time (R's per-dimension rule), with each R index converted to
0-based positions by hand; dims are checked against the same PyTorch call with
``d - 1``."""
from __future__ import annotations

import numpy as np
import torch
from hypothesis import given, settings, strategies as st, HealthCheck

import rtorch
from rtorch import torch_tensor, drop

SETTINGS = settings(max_examples=2000, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---- R index -> 0-based positions (reference) --------------------------------------------
def r_positions(e, n: int) -> list[int]:
    """0-based positions an R index selects along a dim of size n."""
    if isinstance(e, slice):
        a, b = e.start, e.stop
        if e.step is None and a is not None and b is not None and a > b and (b > 0 or a < 0):
            e = list(range(a, b - 1, -1))          # R's a:b counting down (3:1 is 3, 2, 1)
            return [v - 1 if v > 0 else n + v for v in e]
        start = 1 if e.start is None else e.start
        s0 = start - 1 if start > 0 else n + start
        end = -1 if e.stop is None else e.stop
        e0 = min(end, n) if end > 0 else (n if end == -1 else n + end + 1)
        return list(range(max(s0, 0), e0, e.step or 1))
    return [v - 1 if v > 0 else n + v for v in e]


def reference_get(a: np.ndarray, index: tuple, keep: bool, form: int = 2) -> np.ndarray:
    axis = 0
    for e in index:
        if form < 2 and isinstance(e, list) and len(e) == 1 and not isinstance(e[0], bool):
            e = e[0]                                # a length-1 R vector is R's scalar
        if e is None:
            a = np.expand_dims(a, axis)
            axis += 1
        elif isinstance(e, int):
            p = r_positions([e], a.shape[axis])
            a = np.take(a, p, axis) if keep else np.take(a, p[0], axis)
            axis += 1 if keep else 0
        elif isinstance(e, list) and e and isinstance(e[0], bool):
            a = np.take(a, np.nonzero(e)[0], axis)
            axis += 1
        else:
            a = np.take(a, r_positions(e, a.shape[axis]), axis)
            axis += 1
    return a


def reference_set(a: np.ndarray, index: tuple, value: float) -> np.ndarray:
    a = a.copy()
    lists = []
    dim = 0
    for e in index:
        if e is None:
            continue
        n = a.shape[dim]
        if isinstance(e, int):
            lists.append(r_positions([e], n))
        elif isinstance(e, list) and e and isinstance(e[0], bool):
            lists.append(list(np.nonzero(e)[0]))
        else:
            lists.append(r_positions(e, n))
        dim += 1
    lists += [list(range(a.shape[d])) for d in range(dim, a.ndim)]
    if all(lists):
        a[np.ix_(*lists)] = value
    return a


# ---- strategies --------------------------------------------------------------------------
shapes = st.lists(st.integers(1, 5), min_size=1, max_size=4)


@st.composite
def index_for(draw, shape, allow_none=True):
    k = draw(st.integers(1, len(shape)))
    out = []
    for n in shape[:k]:
        kind = draw(st.sampled_from(["int", "slice", "vector", "mask", "none"] if allow_none
                                    else ["int", "slice", "vector", "mask"]))
        if kind == "none":
            out.append(None)
            kind = draw(st.sampled_from(["int", "slice", "vector"]))
        if kind == "int":
            out.append(draw(st.sampled_from(list(range(1, n + 1)) + list(range(-n, 0)))))
        elif kind == "slice":
            start = draw(st.one_of(st.none(), st.integers(1, n), st.integers(-n, -1)))
            stop = draw(st.one_of(st.none(), st.integers(1, n + 2), st.integers(-n, -1)))
            step = draw(st.one_of(st.none(), st.integers(1, 3)))
            out.append(slice(start, stop, step))
        elif kind == "vector":
            out.append(draw(st.lists(st.sampled_from(list(range(1, n + 1)) + list(range(-n, 0))),
                                     min_size=1, max_size=4)))
        else:
            out.append(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    return tuple(out)


def as_r(e, form: int):
    """Spell a vector index as R code would: c(), seq-like integer vector, or long tensor."""
    if isinstance(e, list) and e and not isinstance(e[0], bool):
        if form == 0:
            return rtorch.c(*e)
        if form == 1:
            return rtorch.as_integer(rtorch.c(*e))
        return torch_tensor(rtorch.as_integer(rtorch.c(*e)))
    if isinstance(e, list):
        return rtorch.c(*e)
    return e


@st.composite
def get_case(draw):
    shape = draw(shapes)
    index = draw(index_for(shape))
    keep = draw(st.booleans())
    form = draw(st.integers(0, 2))
    return shape, index, keep, form


@SETTINGS
@given(get_case())
def test_getitem_matches_reference(case):
    shape, index, keep, form = case
    a = np.arange(int(np.prod(shape))).reshape(shape)
    x = torch_tensor(a)
    r_index = tuple(as_r(e, form) for e in index) + ((drop(False),) if keep else ())
    before = [list(e) if isinstance(e, list) else e for e in index]
    got = x[r_index if len(r_index) > 1 else r_index[0]].torch.numpy()
    want = reference_get(a, index, keep, form)
    assert got.shape == want.shape and (got == want).all(), (index, keep)
    assert [list(e) if isinstance(e, list) else e for e in index] == before


@st.composite
def set_case(draw):
    shape = draw(shapes)
    index = draw(index_for(shape, allow_none=False))
    form = draw(st.integers(0, 2))
    return shape, index, form


@SETTINGS
@given(set_case())
def test_setitem_matches_reference(case):
    shape, index, form = case
    a = np.arange(int(np.prod(shape))).reshape(shape).astype(np.float64)
    x = torch_tensor(a)
    r_index = tuple(as_r(e, form) for e in index)
    x[r_index if len(r_index) > 1 else r_index[0]] = -1
    assert (x.torch.numpy() == reference_set(a, index, -1)).all(), index


# ---- dims -------------------------------------------------------------------------------
DIM_CASES = {
    # name: (rtorch call with a 1-based dim, the same in PyTorch with a 0-based dim)
    "sum": (lambda x, d: x.sum(dim=d), lambda t, d: t.sum(dim=d)),
    "mean": (lambda x, d: rtorch.torch_mean(x, dim=d), lambda t, d: t.mean(dim=d)),
    "cumsum": (lambda x, d: x.cumsum(d), lambda t, d: t.cumsum(d)),
    "softmax": (lambda x, d: x.softmax(d), lambda t, d: t.softmax(d)),
    "argmax+1": (lambda x, d: x.argmax(dim=d), lambda t, d: t.argmax(dim=d) + 1),
    "max": (lambda x, d: x.max(dim=d)[0], lambda t, d: t.max(dim=d)[0]),
    "max idx": (lambda x, d: x.max(dim=d)[1], lambda t, d: t.max(dim=d)[1] + 1),
    "sort idx": (lambda x, d: rtorch.torch_sort(x, dim=d)[1], lambda t, d: t.sort(dim=d)[1] + 1),
    "unsqueeze": (lambda x, d: x.unsqueeze(d), lambda t, d: t.unsqueeze(d)),
    "flip": (lambda x, d: x.flip(d), lambda t, d: t.flip(d)),
    "transpose": (lambda x, d: x.transpose(d, 1), lambda t, d: t.transpose(d, 0)),
    "flatten": (lambda x, d: rtorch.torch_flatten(x, start_dim=d), lambda t, d: t.flatten(start_dim=d)),
    "select": (lambda x, d: x.select(d, 1), lambda t, d: t.select(d, 0)),
    "size": (lambda x, d: x.size(d), lambda t, d: t.size(d)),
    "cummax (0-based values)": (lambda x, d: rtorch.torch_cummax(x, dim=d)[1],
                                lambda t, d: t.cummax(dim=d)[1]),
    "stack": (lambda x, d: rtorch.torch_stack([x, x], dim=d), lambda t, d: torch.stack([t, t], dim=d)),
    "gather": (lambda x, d: x.gather(d, torch_tensor(torch.ones_like(x.torch, dtype=torch.long))),
               lambda t, d: t.gather(d, torch.zeros_like(t, dtype=torch.long))),
    "index_select": (lambda x, d: x.index_select(d, torch_tensor(rtorch.as_integer(1))),
                     lambda t, d: t.index_select(d, torch.tensor([0]))),
}


@st.composite
def dim_case(draw):
    shape = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4))
    name = draw(st.sampled_from(sorted(DIM_CASES)))
    nd = len(shape) + (1 if name in ("unsqueeze", "stack") else 0)
    d = draw(st.sampled_from([i for i in range(-nd, nd + 1) if i != 0]))
    return shape, name, d


@SETTINGS
@given(dim_case())
def test_dims_match_zero_based_pytorch(case):
    shape, name, d = case
    t = torch.randn(shape)
    ours, theirs = DIM_CASES[name]
    got = ours(torch_tensor(t), d)
    want = theirs(t, d - 1 if d > 0 else d)
    if isinstance(want, int):
        assert got == want
    else:
        assert torch.equal(got.torch, want), (name, d)
