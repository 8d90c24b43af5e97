# %% [markdown]
# # Distributions — in Python with rtorch
#
# R torch's `distr_*` objects: drawing samples, evaluating log densities, a batch of
# independent Bernoulli variables, and a Gaussian linear model whose loss is the negative
# log-likelihood of a `distr_normal()`, trained with `optim_sgd`. Each chunk of the R article
# is ported by the porting rules; the article seeds the generator, so the draws are R's too.
#
# Run it as a script with R's auto-print: `python -m rtorch.rscript --echo vignettes/distributions.py`.

# %% library
from rtorch import *
torch_manual_seed(1) # setting seed for reproducibility

# %% [markdown]
# ## A normal distribution
#
# The numbers given as parameters are R doubles, so `loc` and `scale` become Float tensors of
# shape `{1}`. R torch prints a distribution by its class name only.

# %% a normal distribution
n = distr_normal(loc = 0, scale = 1)
n

# %% [markdown]
# One draw has the batch shape `{1}`; R's `$sample()` is the method `.sample()`.

# %% one sample
n.sample()

# %% [markdown]
# A `sample_shape` of 3 is put in front of the batch shape: the result is `{3,1}`, not `{3}`.

# %% three samples
n.sample(3)

# %% [markdown]
# The log density at 0, and the same number from R's `dnorm()` (R's `log(dnorm(0))`; an R
# vector, printed as R prints it).

# %% log density
n.log_prob(0)
log(dnorm(0)) # equivalent R code

# %% [markdown]
# `c(0, 2, 4)` is an R double vector, so the values arrive as a Float tensor.

# %% several log densities
n.log_prob(c(0, 2, 4))

# %% [markdown]
# ## A batch of distributions
#
# Tensor parameters give one distribution per element: three independent Bernoulli variables.

# %% three Bernoulli variables
b = distr_bernoulli(probs = torch_tensor(c(0.25, 0.5, 0.75)))
b

# %% [markdown]
# One draw per variable; the draws are Float (0 and 1), as in R.

# %% one draw each
b.sample()

# %% [markdown]
# Six draws of the batch: a `{6,3}` tensor.

# %% six draws
b.sample(6)

# %% [markdown]
# ## A model whose output is a distribution
#
# Simulated data for a linear model: `2*x + 1` keeps R's operator order (a number on the
# left of a tensor works as in R).

# %% data
x = torch_randn(100, 1)
y = 2*x + 1 + torch_randn(100, 1)

# %% [markdown]
# R's base `plot(x, y)` draws a scatter plot; here it returns a matplotlib figure, which
# Jupyter shows (as a script it prints the figure's size).

# %% plot
plot(as_numeric(x), as_numeric(y))

# %% [markdown]
# `nn_module()` takes plain functions whose first argument is `self`; `forward()` returns a
# `distr_normal()` whose mean is the linear predictor and whose scale is a parameter.

# %% the model
def initialize(self):
    # this linear predictor will estimate the mean of the normal distribution
    self.linear = nn_linear(1, 1)
    # this parameter will hold the estimate of the variability
    self.scale = nn_parameter(torch_ones(1))

def forward(self, x):
    # we estimate the mean
    loc = self.linear(x)
    # return a normal distribution
    return distr_normal(loc, self.scale)

GaussianLinear = nn_module(
  initialize = initialize,
  forward = forward
)

model = GaussianLinear()

# %% [markdown]
# The loss is the mean negative log-likelihood. `1:100` is `seq(1, 100)`, R's `%%` is `%`,
# and `cat()` prints `loss.item()` with R's 7 significant digits.

# %% training
opt = optim_sgd(model.parameters, lr = 0.1)

for i in seq(1, 100):
    opt.zero_grad()
    d = model(x)
    loss = torch_mean(-d.log_prob(y))
    loss.backward()
    opt.step()
    if i % 10 == 0:
        cat("iter: ", i, " loss: ", loss.item(), "\n")

# %% [markdown]
# `model.parameters` is R's named list of parameters, children's first.

# %% estimates
model.parameters

# %% [markdown]
# The article ends with `summary(glm(as.numeric(y) ~ as.numeric(x)))`. R's model formulas
# and `glm()` belong to R's `stats` package, which has no counterpart here; the same
# least-squares estimates (intercept, then slope: R's `1.1226` and `2.1259`) come from
# `linalg_lstsq()` on a design matrix with a column of ones.

# %% least squares (R's glm)
X = torch_cat([torch_ones(100, 1), x], dim = 2)
linalg_lstsq(X, y).solution
