# "Modules and Data", notebook 3 of the mlr3torch course (mlr-org/mlr3torch-course,
# notebooks/3-modules-data.qmd, rendered as docs/notebooks/3-modules-data.html, commit
# 2b554f24)  https://mlr-org.github.io/mlr3torch-course/notebooks/3-modules-data.html
# Licence: CC BY-SA 4.0, the mlr3torch course authors. The notebook's R chunks in order;
# cut: readRDS() of a saved state dict (it stops with an error on purpose), and from the
# chunk that makes the spiral data with the mlbench package (not available here) on, the
# chunks that use those data (splitting, data loaders, training); ggplot2 is not loaded.

library(torch)
linear_model <- nn_linear(in_features = 1, out_features = 1, bias = TRUE)
linear_model$parameters

linear_model(torch_randn(1))

nn_simple_linear <- nn_module("nn_simple_linear",
  initialize = function() {
    # `self` refers to the object itself
    self$a = nn_parameter(torch_randn(1), requires_grad = TRUE)
    self$b = nn_parameter(torch_randn(1), requires_grad = TRUE)
  },
  forward = function(x) {
    self$a * x + self$b
  }
)

simple_linear <- nn_simple_linear()
simple_linear

simple_linear$parameters

simple_linear$parameters

simple_linear$train()
simple_linear$training

simple_linear$eval()
simple_linear$training

simple_linear$state_dict()

simple_linear$load_state_dict(list(
  a = nn_parameter(torch_tensor(1)),
  b = nn_parameter(torch_tensor(0))
))
simple_linear$state_dict()

pth <- tempfile()
saveRDS(simple_linear$state_dict(), pth)

torch_save(simple_linear$state_dict(), pth)
torch_load(pth)

torch_save(simple_linear, pth)
torch_load(pth)

nn_spiral_net <- nn_module("nn_spiral_net",
  initialize = function(input_size, hidden_size, output_size) {
    self$fc1 <- nn_linear(input_size, hidden_size)
    self$fc2 <- nn_linear(hidden_size, hidden_size)
    self$fc3 <- nn_linear(hidden_size, hidden_size)
    self$fc4 <- nn_linear(hidden_size, output_size)
    self$relu = nn_relu()
  },

  forward = function(x) {
    x |>
      self$fc1() |>
      self$relu() |>
      self$fc2() |>
      self$relu() |>
      self$fc3() |>
      self$relu() |>
      self$fc4()
  }
)

# Create model instance
model <- nn_spiral_net(
  input_size = 2,
  hidden_size = 64,
  output_size = 2
)

print(model)

logits <- model(torch_randn(2, 2))
print(logits)

# dim = 2 applies softmax along the class dimension (columns)
nnf_softmax(logits, dim = 2)

y_true <- torch_tensor(c(1, 2), dtype = torch_long())
y_true

logits

nnf_cross_entropy(input = logits, target = y_true)

model_regr <- nn_spiral_net(input_size = 2, hidden_size = 64, output_size = 1)
x <- torch_randn(1, 2)
y_hat <- model_regr(x)
y <- torch_randn(1, 1)

mse <- nn_mse_loss()
mse(y_hat, y)

nnf_mse_loss(y_hat, y)

spiral_dataset <- dataset(
  name = "spiral_dataset",
  initialize = function(data) {
    self$x <- torch_tensor(as.matrix(data[, c("x1", "x2")]))
    self$y <- torch_tensor(as.integer(data$label))
  },
  .getitem = function(i) {
    list(
      x = self$x[i,],
      y = self$y[i]
    )
  },
  .length = function() {
    self$y$size()[[1]]
  }
)
