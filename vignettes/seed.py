"""The whole reference tutorial ("用R torch 做深度学习和科学计算"), ported from R by the porting
rules and run with R's auto-print: tensors, creation, operations, function optimisation, a
neural network, data loading, luz and image classification.

Run: python vignettes/seed.py   (deterministic outputs are R's to the character; random
draws differ from R's)
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from autoprint import run, star_import  # noqa: E402
import luz_regression  # noqa: E402
import seed_tensors  # noqa: E402

OPTIMISATION = [("函数最优化", """
a = 1
b = 5

def rosenbrock(x):
    x1 = x[1]
    x2 = x[2]
    return (a - x1)**2 + b * (x2 - x1**2)**2

num_iterations = 1000

lr = 0.01

x = torch_tensor(c(-1, 1), requires_grad = True)

for i in seq(1, num_iterations):
    if i % 100 == 0: cat("Iteration: ", i, "\\n")

    value = rosenbrock(x)
    if i % 100 == 0:
        cat("Value is: ", as_numeric(value), "\\n")

    value.backward()
    if i % 100 == 0:
        cat("Gradient is: ", as_matrix(x.grad), "\\n")

    with with_no_grad():
        x.sub_(lr * x.grad)
        x.grad.zero_()
""")]

NETWORK = [("神经网络模型", """
# input dimensionality (number of input features)
d_in = 3
# number of observations in training set
n = 100

x = torch_randn(n, d_in)
coefs = c(0.2, -1.3, -0.5)
y = x.matmul(coefs).unsqueeze(2) + torch_randn(n, 1)

# dimensionality of hidden layer
d_hidden = 32
# output dimensionality (number of predicted features)
d_out = 1

net = nn_sequential(
  nn_linear(d_in, d_hidden),
  nn_relu(),
  nn_linear(d_hidden, d_out)
)

opt = optim_adam(net.parameters)

### training loop --------------------------------------

for t in seq(1, 200):

    ### -------- Forward pass --------
    y_pred = net(x)

    ### -------- Compute loss --------
    loss = nnf_mse_loss(y_pred, y)
    if t % 10 == 0:
        cat("Epoch: ", t, "   Loss: ", loss.item(), "\\n")

    ### -------- Backpropagation --------
    opt.zero_grad()
    loss.backward()

    ### -------- Update weights --------
    opt.step()
""")]

DATA = [("dataset设定", """
from palmerpenguins import load_penguins
penguins = load_penguins()

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
""")]

IMAGES = [("图像分类", """
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

model = convnet()
img = torch_randn(1, 1, 64, 64)
model(img)
""")]

CHUNKS = (seed_tensors.CHUNKS + OPTIMISATION + NETWORK + DATA + luz_regression.CHUNKS + IMAGES)


def main() -> None:
    os.environ.setdefault("RTORCH_INTERACTIVE", "1")   # luz reports epochs as in R's console
    namespace = star_import("rtorch", "rtorch.luz")
    for title, code in CHUNKS:
        print(f"\n# -- {title}")
        run(code, namespace, echo=True)


if __name__ == "__main__":
    main()
