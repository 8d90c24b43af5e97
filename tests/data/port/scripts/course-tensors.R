# "Torch Tensors", notebook 1 of the mlr3torch course (mlr-org/mlr3torch-course,
# notebooks/1-tensor.qmd, rendered as docs/notebooks/1-tensor.html, commit 2b554f24)
# https://mlr-org.github.io/mlr3torch-course/notebooks/1-tensor.html
# Licence: CC BY-SA 4.0, the mlr3torch course authors. The notebook's R chunks in order;
# cut: the three chunks that stop with an error on purpose (arr[1:2, ], x$reshape(6), and
# the line m1 + m2 of the chunk that defines m1 and m2).

library(torch)
x_matrix <- matrix(1:6, nrow = 2, ncol = 3)
x_matrix

x_tensor <- torch_tensor(x_matrix)
x_tensor

zeros_tensor <- torch_zeros(2, 3)
zeros_tensor

ones_tensor <- torch_ones(2, 3)
ones_tensor

like_tensor <- torch_zeros_like(ones_tensor)
like_tensor

normal_tensor <- torch_randn(2, 3)    # Samples from N(0,1)
uniform_tensor <- torch_rand(2, 3)    # Samples from U(0,1)

torch_tensor(NA_real_)

torch_tensor(NA_integer_)

torch_tensor(NA)

print(x_tensor$shape)

print(x_tensor$dim())

float32_tensor <- torch_ones(2, 3, dtype = torch_float32())  # Default float
float64_tensor <- torch_ones(2, 3, dtype = torch_float64())  # Double precision
float16_tensor <- torch_ones(2, 3, dtype = torch_float16())  # Half precision

int32_tensor <- torch_ones(2, 3, dtype = torch_int32())
int64_tensor <- torch_ones(2, 3, dtype = torch_int64())  # Long
int16_tensor <- torch_ones(2, 3, dtype = torch_int16())  # Short
int8_tensor  <- torch_ones(2, 3, dtype = torch_int8())    # Byte
uint8_tensor <- torch_ones(2, 3, dtype = torch_uint8())  # Unsigned byte

bool_tensor <- torch_ones(2, 3, dtype = torch_bool())

# Converting between datatypes
x <- torch_ones(2, 3)  # Default float32
x$dtype

x_int <- x$to(dtype = torch_int32())
x_int$dtype

torch_tensor(2.999)$to(dtype = torch_int())

torch_tensor(-2.999)$to(dtype = torch_int())

# Create a tensor and move it to CUDA if available
x <- torch_randn(2, 3)
if (cuda_is_available()) {
  x <- x$to(device = torch_device("cuda"))
  # x <- x$cuda() also works
} else {
  print("CUDA not available; tensor remains on CPU")
}

print(x$device)

x <- x$to(device = "cpu")
# x <- x$cpu() also works
print(x$device)

torch_scalar_tensor(1)$item() # as_array() also works

as_array(torch_randn(3))

as_array(torch_randn(2, 2))

a <- torch_tensor(matrix(1:6, nrow=2, ncol=3))
a

b <- torch_tensor(matrix(7:12, nrow=3, ncol=2))
b

# Matrix multiplication - two equivalent ways
c1 <- torch_matmul(a, b)  # Function style
c2 <- a$matmul(b)         # Method style

torch_equal(c1, c2)

# Addition - two equivalent ways
x <- torch_ones(2, 2)
y <- torch_ones(2, 2)
z1 <- torch_add(x, y)  # Function style
z2 <- x$add(y)         # Method style

x <- torch_ones(2, 2)
x

x$add_(1)  # Adds 1 to all elements in place

x

x = torch_randn(1000)
mean(x)

max(x)

sd(x)

x <- matrix(1:6, nrow = 3)
x

xt <- torch_tensor(x)
xt

x[1:2, 1]

xt[1:2, 1]

(1:3)[-1]

torch_tensor(1:3)[-1]

arr <- array(1:24, dim = c(4, 3, 2))
arr[1:2, , ] # works

tensor <- torch_tensor(arr)
tensor[1:2, ..]

tensor[.., 1]

dim(tensor[.., 1])

dim(tensor[.., 1, drop = FALSE])

tensor[tensor > 15]

tensor[1:2, 1:2, 1]

m1 <- matrix(1:4, nrow = 2)
m2 <- matrix(1:2, nrow = 2)

t1 <- torch_tensor(m1)
t2 <- torch_tensor(m2)
t1 + t2

# Create an example tensor
x <- torch_tensor(0:15)
print(x)

y <- x$reshape(c(4, 4))
y

y2 <- torch_zeros(4, 4)
for (j in 1:4) { # columns
  for (i in 1:4) { # rows
    y2[i, j] <- y[i, j]
  }
}
sum(abs(y - y2))

x$stride()

y$stride()

y$t()$stride()

x$reshape(c(-1, 4))$shape

x <- torch_ones(2)
y <- x
y[1] <- 5
x # was modified

x <- c(1, 1)
y <- x
y[1] <- 5
x # was not modified

x <- torch_arange(start = 1, end = 10, step = 1)
x

y <- x[1:3]
y

y[1] <- 100
x[1]

x <- torch_arange(1, 10)
y <- x[c(1, 3, 5)]
y[1] <- 100
x[1]

x <- torch_arange(1, 3)
y <- x$clone()
y[1] <- 10
x[1] # is still 1

x1 <- torch_tensor(matrix(1:6, nrow = 2, byrow = FALSE))
x1
