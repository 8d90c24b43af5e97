"""The reference tutorial's sections 1-3, ported by the porting rules, print what R printed."""
from __future__ import annotations

import re

import pytest
import torch

import rtorch
from tutorial import namespace, run_chunks, seed_tensors

# R's printed output for each chunk, from the tutorial (``## `` prefixes removed).
EXPECTED = {
    "1.Tensors": """\
torch_tensor
 1
[ CPUFloatType{1} ]
torch_Float
torch_device(type='cpu')
[1] 1
""",
    "1.Tensors: $to": "torch_Int\n",
    "1.Tensors: shapes": """\
[1] 1 1
[1] 1
     [,1]
[1,]    1
""",
    "2.创建tensors": """\
torch_tensor
 1
 2
 3
 4
 5
[ CPULongType{5} ]
torch_tensor
 1
 2
 3
 4
 5
[ CPUFloatType{5} ]
""",
    "2.创建tensors: matrices and arrays": """\
torch_tensor
 1  4  7
 2  5  8
 3  6  9
[ CPULongType{3,3} ]
torch_tensor
 1  2  3
 4  5  6
 7  8  9
[ CPULongType{3,3} ]
torch_tensor
(1,.,.) = 
   1  13
   5  17
   9  21

(2,.,.) = 
   2  14
   6  18
  10  22

(3,.,.) = 
   3  15
   7  19
  11  23

(4,.,.) = 
   4  16
   8  20
  12  24
[ CPULongType{4,3,2} ]
""",
    "2.创建tensors: constants": """\
torch_tensor
 0  0  0  0  0
 0  0  0  0  0
[ CPUFloatType{2,5} ]
torch_tensor
 1  1
 1  1
[ CPUFloatType{2,2} ]
torch_tensor
 1  0  0  0  0
 0  1  0  0  0
 0  0  1  0  0
 0  0  0  1  0
 0  0  0  0  1
[ CPUFloatType{5,5} ]
torch_tensor
 1  0  0
 0  2  0
 0  0  3
[ CPUFloatType{3,3} ]
torch_tensor
  0.7100
  0.6300
  0.8500
  0.4400
  0.6100
  0.6900
  0.9200
  0.5500
  0.7200
  0.7700
  0.9200
  0.6000
  0.8300
  0.8000
  1.0000
  0.7700
  0.9200
  1.0000
  1.2400
  1.0000
  1.1600
  1.3000
  1.4500
  1.2500
  1.2600
  1.3800
  1.8600
  1.5600
  1.5300
  1.5900
... [the output was truncated (use n=-1 to disable)]
[ CPUFloatType{84} ]
""",
    "3. 加法运算": "torch_tensor\n 4\n 6\n[ CPUFloatType{2} ]\n" * 4,
    "3. 向量点乘": """\
torch_tensor
32
[ CPULongType{} ]
torch_tensor
 1
 2
 3
[ CPULongType{3} ]
torch_tensor
32
[ CPULongType{} ]
""",
    "3. 向量与矩阵乘法": """\
torch_tensor
 14
 32
 50
 68
[ CPULongType{4} ]
torch_tensor
  4
 10
 18
[ CPULongType{3} ]
""",
    "3. 求和": """\
[1] 126
[1] 21 42 63
[1]  6 12 18 24 30 36
torch_tensor
126
[ CPULongType{} ]
torch_tensor
  6
 12
 18
 24
 30
 36
[ CPULongType{6} ]
torch_tensor
 21
 42
 63
[ CPULongType{3} ]
""",
}

# Chunks whose values are random draws: R's text has this shape (values differ per run).
RANDOM_SHAPES = {
    "2.创建tensors: distributions (random)":
        r"torch_tensor\n(( *-?\d\.\d{4}){3}\n){3}\[ CPUFloatType\{3,3\} \]\n",
    "3. 均值 (random)":
        r"torch_tensor\n(\(\d,\.,\.\) = \n(( +-?\d\.\d{4}){2}\n){3}\n?){4}\[ CPUFloatType\{4,3,2\} \]\n"
        r"torch_tensor\n(-?\s?\d\.\d{4}\n){2}\[ CPUFloatType\{2\} \]\n"
        r"torch_tensor\n(( *-?\d\.\d{4}){2}\n){4}\[ CPUFloatType\{4,2\} \]\n",
}

SLICES = """\
torch_tensor
 1
 2
 3
[ CPULongType{3} ]
torch_tensor
 1  2  3
[ CPULongType{1,3} ]
"""


def _output(title: str) -> str:
    rtorch.torch_manual_seed(2023)      # random chunks: fixed draws, so the layout check is stable
    return run_chunks(seed_tensors.CHUNKS, title, namespace())


@pytest.mark.parametrize("title", sorted(EXPECTED))
def test_chunk_prints_what_r_printed(title):
    assert _output(title) == EXPECTED[title]


@pytest.mark.parametrize("title", sorted(RANDOM_SHAPES))
def test_random_chunk_has_r_layout(title):
    assert re.fullmatch(RANDOM_SHAPES[title], _output(title)), _output(title)


def test_slicing_chunk():
    out = _output("3. 切片")
    assert out.startswith(SLICES)
    rest = out[len(SLICES):]
    assert re.fullmatch(r"torch_tensor\n(\(\d,\.,\.\) = \n(  \d\.\d{4}  \d\.\d{4}\n){2}\n?){2}"
                        r"\[ CPUFloatType\{2,2,2\} \]\n", rest), rest


def test_random_prints_reproduce_r_text_from_its_values():
    """The seed's random tensors, rebuilt from the values R printed, print identically."""
    vals = [[1.0909, 0.7280], [-0.9649, 0.0656], [0.6603, -0.1091],
            [0.6917, -1.8887], [-0.7837, -0.4657], [-1.9810, 0.8186],
            [-0.3341, 0.4803], [1.4476, -0.4953], [0.0839, -1.2790],
            [0.5520, 0.1349], [-2.5736, 0.5080], [0.5140, -0.8253]]
    t = rtorch.torch_tensor(vals).view(c_(4, 3, 2))
    assert repr(t) == (
        "torch_tensor\n(1,.,.) = \n  1.0909  0.7280\n -0.9649  0.0656\n  0.6603 -0.1091\n\n"
        "(2,.,.) = \n  0.6917 -1.8887\n -0.7837 -0.4657\n -1.9810  0.8186\n\n"
        "(3,.,.) = \n -0.3341  0.4803\n  1.4476 -0.4953\n  0.0839 -1.2790\n\n"
        "(4,.,.) = \n  0.5520  0.1349\n -2.5736  0.5080\n  0.5140 -0.8253\n[ CPUFloatType{4,3,2} ]")
    m = rtorch.torch_tensor([[-1.5090, -1.9471, -1.0123], [0.4907, -0.6271, 0.1965],
                             [1.2400, 0.0293, 0.5151]])
    assert repr(m) == ("torch_tensor\n-1.5090 -1.9471 -1.0123\n 0.4907 -0.6271  0.1965\n"
                       " 1.2400  0.0293  0.5151\n[ CPUFloatType{3,3} ]")


def c_(*v):
    return rtorch.c(*v)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a GPU")
def test_cuda_chunks():
    assert _output("1.Tensors: cuda (only applicable if you have a GPU)") == \
        "torch_device(type='cuda', index=0)\n"
    assert _output("2.创建tensors: cuda") == \
        "torch_tensor\n 1\n 2\n 3\n 4\n 5\n[ CUDALongType{5} ]\n"
