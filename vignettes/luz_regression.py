"""The reference tutorial's luz section ("深度学习方法的应用": the data set-up and "调用luz"),
ported from R by the porting rules and run with R's auto-print.

Run: python vignettes/luz_regression.py   (luz reports the training and validation loss of
each of the 200 epochs; random draws differ from R's)

R's console is interactive, so luz reports progress there; this script runs the chunks as R's
console would and says so with ``RTORCH_INTERACTIVE=1`` (see ``rtorch.luz.progress``).
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from autoprint import run, star_import  # noqa: E402

#: (section title, ported code). The R original of each line is the same text with R's
#: spelling: ``<-`` for ``=``, ``$`` for ``.``, ``%>%`` for ``>>``, ``1:n`` for ``seq(1, n)``,
#: ``TRUE`` for ``True``; functions given to ``nn_module`` are written ``def f(self, ...)``.
CHUNKS: list[tuple[str, str]] = [
    ("数据准备", """
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
"""),
    ("模型设定", """
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
"""),
    ("调用luz,关注你的训练和验证集的损失。", """
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
"""),
]


def main() -> None:
    os.environ.setdefault("RTORCH_INTERACTIVE", "1")
    namespace = star_import("rtorch", "rtorch.luz")
    namespace["torch_manual_seed"](1)
    for title, code in CHUNKS:
        print(f"\n# -- {title}", flush=True)
        run(code, namespace, echo=True)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
