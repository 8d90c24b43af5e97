# %% [markdown]
# # Scientific computing: least squares and the FFT with `linalg_*` and `torch_fft_*`
#
# Five ways to fit a linear model with R torch's linear algebra — the normal equations,
# Cholesky, QR, the SVD and `linalg_lstsq()` — give the same coefficients; then a discrete
# Fourier transform finds the frequencies hidden in a signal. The data are computed, not
# drawn, so every output below is deterministic.
#
# Run it as a script: `python -m rtorch.rscript --echo vignettes/least_squares.py`.

# %% library
from rtorch import *

# %% [markdown]
# ## The data
#
# 100 observations of an intercept and two predictors, with known coefficients 2, -1 and
# 0.5, plus a small deterministic disturbance. `torch_linspace()` and the elementwise
# functions work as in R; `torch_stack(dim = 2)` puts the columns side by side (dims are
# 1-based).

# %% data
n = 100
x1 = torch_linspace(0, 10, n)
x2 = torch_cos(x1)
X = torch_stack([torch_ones(n), x1, x2], dim = 2)
beta = torch_tensor(c(2, -1, 0.5))
y = X.matmul(beta) + 0.1 * torch_sin(7 * x1)
X.shape
X[1:3, :]

# %% [markdown]
# ## The normal equations
#
# `t()` transposes; `matmul()` (or `@`, R's `%*%`) multiplies; `linalg_solve()` solves
# $X^T X b = X^T y$.

# %% normal equations
XtX = X.t().matmul(X)
Xty = X.t().matmul(y)
b_normal = linalg_solve(XtX, Xty)
b_normal

# %% [markdown]
# ## Cholesky
#
# $X^T X = L L^T$ with `L` lower triangular; two triangular solves give the same `b`.
# `linalg_solve_triangular()` wants matrices on both sides, so `Xty` gains a second dim
# with `unsqueeze(2)` — the second dim, counted from 1.

# %% cholesky
L = linalg_cholesky(XtX)
z = linalg_solve_triangular(L, Xty.unsqueeze(2), upper = False)
b_chol = linalg_solve_triangular(L.t(), z, upper = True).squeeze(2)
b_chol

# %% [markdown]
# ## QR
#
# $X = QR$; then $R b = Q^T y$. Multiple results unpack like a tuple, where R writes
# `c(q, r) %<-% linalg_qr(X)`.

# %% qr
q, r = linalg_qr(X)
q.shape
r
b_qr = linalg_solve_triangular(r, q.t().matmul(y).unsqueeze(2), upper = True).squeeze(2)
b_qr

# %% [markdown]
# ## SVD
#
# $X = U \operatorname{diag}(s) V^T$, so $b = V \operatorname{diag}(1/s) U^T y$. R's
# `$S` of the named result is `.S`.

# %% svd
svd = linalg_svd(X, full_matrices = False)
svd.S
b_svd = svd.Vh.t().matmul(torch_diag(1 / svd.S)).matmul(svd.U.t()).matmul(y)
b_svd

# %% [markdown]
# ## `linalg_lstsq()` and the pseudo-inverse
#
# `linalg_lstsq()` takes `y` as a one-column matrix and returns a named result whose
# `solution` is the coefficients.

# %% lstsq
b_lstsq = linalg_lstsq(X, y.unsqueeze(2)).solution.squeeze(2)
b_lstsq
b_pinv = linalg_pinv(X).matmul(y)

# %% [markdown]
# All five agree, and the fit recovers the true coefficients closely:

# %% agreement
all_b = torch_stack([b_normal, b_chol, b_qr, b_svd, b_lstsq, b_pinv])
all_b.shape
(all_b - b_lstsq).abs().max() < 1e-4
torch_allclose(b_lstsq, beta, atol = 0.01)
linalg_matrix_rank(X)

# %% [markdown]
# Residuals and their norm; `linalg_vector_norm()` is the Euclidean norm by default.

# %% residuals
residuals = y - X.matmul(b_lstsq)
round(as_numeric(linalg_vector_norm(residuals)), 3)

# %% [markdown]
# ## Frequencies with the FFT
#
# A signal of 256 samples mixes a wave with 5 cycles and a weaker one with 12. The
# magnitudes of `torch_fft_rfft()` peak at those frequencies. `torch_topk()` returns
# **1-based** positions, as in R: position `k` holds frequency `k - 1`. R's
# `res[[1]]`, `res[[2]]` of a multi-result function unpack like a tuple.

# %% fft
m = 256
tt = torch_arange(0, m - 1) / m
signal = torch_sin(2 * pi * 5 * tt) + 0.5 * torch_sin(2 * pi * 12 * tt)
spectrum = torch_fft_rfft(signal).abs()
spectrum.shape
values, positions = torch_topk(spectrum, k = 2)
positions - 1
round(as_numeric(values / (m / 2)), 3)

# %% [markdown]
# The inverse transform gives the signal back:

# %% inverse fft
restored = torch_fft_irfft(torch_fft_rfft(signal), n = m)
torch_allclose(restored, signal, atol = 1e-5)
