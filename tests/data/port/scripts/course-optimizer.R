# "Optimizers", notebook 4 of the mlr3torch course (mlr-org/mlr3torch-course,
# notebooks/4-optimizer.qmd, rendered as docs/notebooks/4-optimizer.html, commit 2b554f24)
# https://mlr-org.github.io/mlr3torch-course/notebooks/4-optimizer.html
# Licence: CC BY-SA 4.0, the mlr3torch course authors. The notebook's R chunks in order;
# cut: from the chunk that reads the spam data set of the mlr3 packages (not available
# here) on.

library(torch)
formals(optim_adamw)

model = nn_linear(1, 1)
opt <- optim_adamw(model$parameters, lr = 0.2)

torch_manual_seed(1)
X <- torch_randn(1000, 1)
beta <- torch_randn(1, 1)
Y <- X * beta + torch_randn(1000, 1) * 2

y_hat = model(X)

loss = mean((y_hat - Y)^2)

loss$backward()

opt$step()

model$weight$grad

model$weight$grad$zero_()

opt$zero_grad()

scheduler = lr_step(opt, step_size = 2, gamma = 0.1)

opt$param_groups[[1L]]$lr

scheduler$step()
opt$param_groups[[1L]]$lr

scheduler$step()
opt$param_groups[[1L]]$lr

state_dict = opt$state_dict()

state_dict$param_groups[[1L]]

o2 = optim_adamw(list(
  list(params = torch_tensor(1), lr = 1),
  list(params = torch_tensor(2), lr = 2)
))
o2$param_groups[[1L]]$lr

o2$param_groups[[2L]]$lr

state_dict$state

pth = tempfile(fileext = ".pth")
torch_save(state_dict, pth)

state_dict2 = torch_load(pth)
opt2 <- optim_adamw(model$parameters, lr = 0.2)
opt2$load_state_dict(state_dict2)

x = torch_randn(10, 5)
dropout = nn_dropout(p = 0.5)
dropout(x)

dropout$eval()
dropout(x)

x = torch_randn(10, 5)
bn = nn_batch_norm1d(num_features = 5)
bn(x)

bn(x[1:10, ])

bn$eval()
equal1 = torch_equal(
  torch_cat(list(bn(x[1:2, ]), bn(x[3:4, ]))),
  bn(x[1:4, ])
)
bn$train()
equal2 = torch_equal(
  torch_cat(list(bn(x[1:2, ]), bn(x[3:4, ]))),
  bn(x[1:4, ])
)

c(equal1, equal2)
