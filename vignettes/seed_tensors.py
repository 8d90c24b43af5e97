"""The reference tutorial's tensor sections ("1.Tensors", "2.创建tensors",
"3. tensors的运算操作"), ported from R by the porting rules and run with R's auto-print.

Run: python vignettes/seed_tensors.py   (prints what R printed; random draws differ)
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from autoprint import run, star_import  # noqa: E402

#: (section title, ported code). The R original of each line is the same text with
#: R's spelling: ``<-`` for ``=``, ``$`` for ``.``, ``1:5`` for ``seq(1, 5)``, ``t[1, ]`` for ``t[1, :]``.
CHUNKS: list[tuple[str, str]] = [
    ("1.Tensors", """
t1 = torch_tensor(1)
t1
t1.dtype
t1.device
t1.shape
"""),
    ("1.Tensors: $to", """
t2 = t1.to(dtype = torch_int())
t2.dtype
"""),
    ("1.Tensors: cuda (only applicable if you have a GPU)", """
if cuda_is_available():
    t2 = t1.to(device = "cuda")
    print(t2.device)
"""),
    ("1.Tensors: shapes", """
t3 = t1.view(c(1, 1))
t3.shape
c(1)
matrix(1)
"""),
    ("2.创建tensors", """
torch_tensor(seq(1, 5))
torch_tensor(seq(1, 5), dtype = torch_float())
"""),
    ("2.创建tensors: cuda", """
if cuda_is_available():
    print(torch_tensor(seq(1, 5), device = "cuda"))
"""),
    ("2.创建tensors: matrices and arrays", """
torch_tensor(matrix(seq(1, 9), ncol = 3))
torch_tensor(matrix(seq(1, 9), ncol = 3, byrow = True))
torch_tensor(array(seq(1, 24), dim = c(4, 3, 2)))
"""),
    ("2.创建tensors: distributions (random)", """
torch_randn(3, 3)
"""),
    ("2.创建tensors: constants", """
torch_zeros(2, 5)
torch_ones(2, 2)
torch_eye(n = 5)
torch_diag(c(1, 2, 3))
torch_tensor(JohnsonJohnson)
"""),
    ("3. 加法运算", """
t1 = torch_tensor(c(1, 2))
t2 = torch_tensor(c(3, 4))
torch_add(t1, t2)
t1.add(t2)
t1.add_(t2)
t1
"""),
    ("3. 向量点乘", """
t1 = torch_tensor(seq(1, 3))
t2 = torch_tensor(seq(4, 6))
t1.dot(t2)
t1
t1 = torch_tensor(seq(1, 3))
t2 = torch_tensor(seq(4, 6))
t1.t().dot(t2)
"""),
    ("3. 向量与矩阵乘法", """
t1 = torch_tensor(seq(1, 3))
t3 = torch_tensor(matrix(seq(1, 12), ncol = 3, byrow = True))
t3.matmul(t1)
torch_multiply(t1, t2)
"""),
    ("3. 求和", """
m = outer(seq(1, 3), seq(1, 6))
sum(m)
apply(m, 1, sum)
apply(m, 2, sum)
t = torch_outer(torch_tensor(seq(1, 3)), torch_tensor(seq(1, 6)))
t.sum()
t.sum(dim = 1)
t.sum(dim = 2)
"""),
    ("3. 均值 (random)", """
t = torch_randn(4, 3, 2)
t
t.mean(dim = c(1, 2))
t.mean(dim = 2)
"""),
    ("3. 切片", """
t = torch_tensor(matrix(seq(1, 9), ncol = 3, byrow = True))
t[1, :]
t[1, :, drop(False)]
t = torch_rand(3, 3, 3)
t[1:2, 2:3, c(1, 3)]
"""),
]


def main() -> None:
    namespace = star_import("rtorch")
    for title, code in CHUNKS:
        print(f"\n# -- {title}")
        run(code, namespace, echo=True)


if __name__ == "__main__":
    main()
