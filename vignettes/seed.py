# %% [markdown]
# # 用R torch 做深度学习和科学计算 — in Python with rtorch
#
# The reference tutorial (薛英杰, 2023-09-04), every code block in order, ported from R
# by the porting rules: `<-` becomes `=`, `$` becomes `.`, `1:5` becomes `seq(1, 5)`,
# `t[1, ]` becomes `t[1, :]`, `%>%` becomes `>>`, `TRUE` becomes `True`, and a function
# given to `nn_module()` or `dataset()` takes `self` first. Everything else — names,
# 1-based indices and dims, printed output — is R torch's.
#
# Run it as a script with R's auto-print: `python -m rtorch.rscript --echo vignettes/seed.py`.
# Random draws differ from R's; every other output is what R printed.

# %% library
from rtorch import *
from rtorch.vision import *
from rtorch.luz import *

# %% [markdown]
# ## torch基本模块
#
# ### 1.Tensors
#
# A tensor's fields are read with `.` where R uses `$`.

# %% 1.Tensors
t1 = torch_tensor(1)
t1
t1.dtype
t1.device
t1.shape

# %% [markdown]
# `$to()` changes a tensor's dtype or device.

# %% 1.Tensors: $to
t2 = t1.to(dtype = torch_int())
t2.dtype

# %% 1.Tensors: cuda (only applicable if you have a GPU)
# only applicable if you have a GPU
if cuda_is_available():
    t2 = t1.to(device = "cuda")
    print(t2.device)

# %% [markdown]
# A one-element vector viewed as a 1×1 matrix, as `c(1)` and `matrix(1)` are in R.

# %% 1.Tensors: shapes
t3 = t1.view(c(1, 1))
t3.shape
c(1)
matrix(1)

# %% [markdown]
# ### 2.创建tensors
#
# R's `1:5` is an integer vector, so the tensor is Long; Python's numbers are R doubles.

# %% 2.创建tensors
torch_tensor(seq(1, 5))
torch_tensor(seq(1, 5), dtype = torch_float())

# %% 2.创建tensors: cuda
if cuda_is_available():
    print(torch_tensor(seq(1, 5), device = "cuda"))

# %% [markdown]
# Matrices and arrays fill column by column, as in R.

# %% 2.创建tensors: matrices
torch_tensor(matrix(seq(1, 9), ncol = 3))
torch_tensor(matrix(seq(1, 9), ncol = 3, byrow = True))

# %% 2.创建tensors: arrays
torch_tensor(array(seq(1, 24), dim = c(4, 3, 2)))

# %% 2.创建tensors: distributions (random) tags=["random"]
torch_randn(3, 3)

# %% 2.创建tensors: zeros and ones
torch_zeros(2, 5)
torch_ones(2, 2)

# %% 2.创建tensors: identity
torch_eye(n = 5)

# %% 2.创建tensors: diagonal
torch_diag(c(1, 2, 3))

# %% [markdown]
# `JohnsonJohnson` is R's quarterly time series (shipped with rtorch); a long tensor
# prints its first lines and says how many it left out, as R torch does.

# %% 2.创建tensors: data set
torch_tensor(JohnsonJohnson)

# %% [markdown]
# ### 3. tensors的运算操作
#
# #### 加法运算

# %% 3. 加法运算
t1 = torch_tensor(c(1, 2))
t2 = torch_tensor(c(3, 4))
torch_add(t1, t2)
# equivalently
t1.add(t2)
##修改t1
t1.add_(t2)
t1

# %% [markdown]
# #### 向量点乘

# %% 3. 向量点乘
t1 = torch_tensor(seq(1, 3))
t2 = torch_tensor(seq(4, 6))
t1.dot(t2)
t1

# %% 3. 向量点乘: transposed
t1 = torch_tensor(seq(1, 3))
t2 = torch_tensor(seq(4, 6))
t1.t().dot(t2) #转置与否结果等价

# %% [markdown]
# #### 向量与矩阵乘法

# %% 3. 向量与矩阵乘法
t1 = torch_tensor(seq(1, 3))
t3 = torch_tensor(matrix(seq(1, 12), ncol = 3, byrow = True))
t3.matmul(t1)
torch_multiply(t1, t2)

# %% [markdown]
# #### 描述性运算: 求和
#
# R's `outer()`, `sum()` and `apply()` on an R matrix, then the same sums on a tensor;
# `dim = 1` is the first dim, as in R.

# %% 3. 求和
m = outer(seq(1, 3), seq(1, 6))
sum(m)
apply(m, 1, sum)
apply(m, 2, sum)

# %% 3. 求和: tensor
t = torch_outer(torch_tensor(seq(1, 3)), torch_tensor(seq(1, 6)))
t.sum()
t.sum(dim = 1)
t.sum(dim = 2)

# %% [markdown]
# #### 均值

# %% 3. 均值 (random) tags=["random"]
t = torch_randn(4, 3, 2)
t
t.mean(dim = c(1, 2))
t.mean(dim = 2)

# %% [markdown]
# #### 切片
#
# R's empty index `t[1, ]` is `t[1, :]`; `drop = FALSE` is the index item `drop(False)`;
# ranges are 1-based and include their end.

# %% 3. 切片
t = torch_tensor(matrix(seq(1, 9), ncol = 3, byrow = True))
t[1, :]
t[1, :, drop(False)]

# %% 3. 切片 (random) tags=["random"]
t = torch_rand(3, 3, 3)
t[1:2, 2:3, c(1, 3)]

# %% [markdown]
# ## 函数最优化
#
# Gradient descent on the Rosenbrock function. `x[1]` is the first element; `with_no_grad({...})`
# is a `with` block. These reports are deterministic: they equal R's.

# %% 函数最优化: function
a = 1
b = 5

def rosenbrock(x):
    x1 = x[1]
    x2 = x[2]
    return (a - x1)**2 + b * (x2 - x1**2)**2

# %% 函数最优化
num_iterations = 1000

lr = 0.01

x = torch_tensor(c(-1, 1), requires_grad = True)

for i in seq(1, num_iterations):
    if i % 100 == 0: cat("Iteration: ", i, "\n")

    value = rosenbrock(x)
    if i % 100 == 0:
        cat("Value is: ", as_numeric(value), "\n")

    value.backward()
    if i % 100 == 0:
        cat("Gradient is: ", as_matrix(x.grad), "\n")

    with with_no_grad():
        x.sub_(lr * x.grad)
        x.grad.zero_()

# %% [markdown]
# ## 神经网络模型

# %% 神经网络模型: data
# input dimensionality (number of input features)
d_in = 3
# number of observations in training set
n = 100

x = torch_randn(n, d_in)
coefs = c(0.2, -1.3, -0.5)
y = x.matmul(coefs).unsqueeze(2) + torch_randn(n, 1)

# %% 神经网络模型: network
# dimensionality of hidden layer
d_hidden = 32
# output dimensionality (number of predicted features)
d_out = 1

net = nn_sequential(
  nn_linear(d_in, d_hidden),
  nn_relu(),
  nn_linear(d_hidden, d_out)
)

# %% 神经网络模型: optimizer
opt = optim_adam(net.parameters)

# %% 神经网络模型 tags=["random"]
### training loop --------------------------------------

for t in seq(1, 200):

    ### -------- Forward pass --------
    y_pred = net(x)

    ### -------- Compute loss --------
    loss = nnf_mse_loss(y_pred, y)
    if t % 10 == 0:
        cat("Epoch: ", t, "   Loss: ", loss.item(), "\n")

    ### -------- Backpropagation --------
    opt.zero_grad()
    loss.backward()

    ### -------- Update weights --------
    opt.step()

# %% [markdown]
# ## 深度学习方法的应用
#
# ### 加载数据 — dataset设定
#
# `palmerpenguins` ships the penguins data frame. R's `penguins %>% glimpse()` is dplyr;
# pandas' `info()` gives the same overview. `df[, 3:6]` (R's column selection) is
# `df.r[:, 3:6]`, and `df$species` is a factor whose `as_numeric()` gives level codes.

# %% dataset设定: data tags=["varies"]
from palmerpenguins import load_penguins
penguins = load_penguins()
penguins.info()

# %% [markdown]
# `.getitem` and `.length` are written `getitem` and `length` (Python names cannot start
# with a dot); the functions take `self` first.

# %% dataset设定
def initialize(self, df):
    df = na_omit(df)
    self.x = as_matrix(df.r[:, 3:6]) >> torch_tensor()
    self.y = torch_tensor(
      as_numeric(df.species)
    ).to(torch_long())

def getitem(self, i):
    return dict(x = self.x[i, :], y = self.y[i])

def length_(self):
    return dim(self.x)[1]

penguins_dataset = dataset(
  name = "penguins_dataset()",
  initialize = initialize,
  getitem = getitem,
  length = length_
)

ds = penguins_dataset(penguins)
length(ds)

# %% [markdown]
# ### 数据准备和模型设定
#
# `sample(1:length(ds), size = ...)`, `setdiff()` and `union()` are R's, on R vectors.

# %% 数据准备
# input dimensionality (number of input features)
d_in = 3
# number of observations in training set
n = 1000

x = torch_randn(n, d_in)
coefs = c(0.2, -1.3, -0.5)
y = x.matmul(coefs).unsqueeze(2) + torch_randn(n, 1)

ds = tensor_dataset(x, y)

dl = dataloader(ds, batch_size = 100, shuffle = True)

train_ids = sample(seq(1, length(ds)), size = 0.6 * length(ds))
valid_ids = sample(setdiff(
  seq(1, length(ds)),
  train_ids
), size = 0.2 * length(ds))
test_ids = setdiff(seq(1, length(ds)), union(train_ids, valid_ids))

train_ds = dataset_subset(ds, indices = train_ids)
valid_ds = dataset_subset(ds, indices = valid_ids)
test_ds = dataset_subset(ds, indices = test_ids)

train_dl = dataloader(train_ds,
  batch_size = 100,
  shuffle = True
)
valid_dl = dataloader(valid_ds, batch_size = 100)
test_dl = dataloader(test_ds, batch_size = 100)

# %% 模型设定
# dimensionality of hidden layer
d_hidden = 32
# output dimensionality (number of predicted features)
d_out = 1

def initialize(self, d_in, d_hidden, d_out):
    self.net = nn_sequential(
      nn_linear(d_in, d_hidden),
      nn_relu(),
      nn_linear(d_hidden, d_out)
    )

def forward(self, x):
    return self.net(x)

net = nn_module(
  initialize = initialize,
  forward = forward
)

# %% [markdown]
# ### 调用luz
#
# luz's verbs pipe with `>>`. In a script or a notebook luz stays quiet, as in R's
# non-interactive sessions; `fit(..., verbose = True)` reports each epoch's losses.

# %% 调用luz
fitted = (net >>
  setup(
    loss = nn_mse_loss(),
    optimizer = optim_adam
  ) >>
  set_hparams(
    d_in = d_in,
    d_hidden = d_hidden, d_out = d_out
  ) >>
  fit(train_dl, epochs = 200, valid_data = valid_dl))

# %% [markdown]
# ## 图像分类
#
# A convnet for 64×64 one-channel images, written with `>>` pipes; `self.conv1()` in a
# pipe is called with the piped value as its first argument, as in R.

# %% 图像分类: module
def initialize(self):

    # nn_conv2d(in_channels, out_channels, kernel_size)
    self.conv1 = nn_conv2d(1, 16, 3)
    self.conv2 = nn_conv2d(16, 32, 3)
    self.conv3 = nn_conv2d(32, 64, 3)

    self.output = nn_linear(2304, 3)

def forward(self, x):

    return (x >>
      self.conv1() >>
      nnf_relu() >>
      nnf_max_pool2d(2) >>
      self.conv2() >>
      nnf_relu() >>
      nnf_max_pool2d(2) >>
      self.conv3() >>
      nnf_relu() >>
      nnf_max_pool2d(2) >>
      torch_flatten(start_dim = 2) >>
      self.output())

convnet = nn_module(
  "convnet",

  initialize = initialize,

  forward = forward
)

# %% 图像分类 tags=["random"]
model = convnet()
img = torch_randn(1, 1, 64, 64)
model(img)
