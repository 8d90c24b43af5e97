# "Autograd", notebook 2 of the mlr3torch course (mlr-org/mlr3torch-course,
# notebooks/2-autograd.qmd, rendered as docs/notebooks/2-autograd.html, commit 2b554f24)
# https://mlr-org.github.io/mlr3torch-course/notebooks/2-autograd.html
# Licence: CC BY-SA 4.0, the mlr3torch course authors. The notebook's R chunks in order;
# cut: library(ggplot2) (the page hides its plots' code) and the chunk that collects
# the training history with data.table.

library(torch)

a <- torch_tensor(2, requires_grad = TRUE)
a$requires_grad

b <- torch_tensor(1, requires_grad = TRUE)
x <- torch_tensor(3)

u <- a * x
y_hat <- u + b

y_hat$grad_fn

u$grad_fn

# Compute gradients
y_hat$backward()

# Access gradients
print(a$grad)  # dy/da = x = 3

print(b$grad)  # dy/db = 1


# Set random seed for reproducibility
torch_manual_seed(42)

# Generate synthetic data
n <- 100
a_true <- 2.5
b_true <- 1.0

# Create input X and add noise to output Y
X <- torch_randn(n)
noise <- torch_randn(n) * 0.5
Y <- X * a_true + b_true + noise

a <- torch_randn(1, requires_grad = TRUE)
b <- torch_randn(1, requires_grad = TRUE)

update_params <- function(X_batch, Y_batch, lr, a, b) {
  # Perform forward pass, calculate average loss
  Y_hat <- X_batch * a + b
  loss <- mean((Y_hat - Y_batch)^2)

  # Calculate gradients
  loss$backward()

  # We don't want to track gradients when we update the parameters.
  with_no_grad({
    a$sub_(lr * a$grad)
    b$sub_(lr * b$grad)
  })

  # Ensure gradients are zero
  a$grad$zero_()
  b$grad$zero_()

  # $item() converts scalar tensors to R vectors of length 1
  list(
    a = a$item(),
    b = b$item(),
    loss = loss$item()
  )
}
