# tabnet's resolve_data() (mlverse/tabnet, R/model.R, commit 34e143a7, MIT; the tabnet
# authors), as written; the calls after it, on a small data frame with NAs and factors, are
# added. Output recorded with R torch 0.17.0.9000.
library(torch)
library(magrittr)
resolve_data <- function(x, y) {
  cat_idx <- which(sapply(x, is.factor))
  cat_dims <- sapply(cat_idx, function(i) nlevels(x[[i]]))
  # convert factors into integers
  if (length(cat_idx) > 0) {
    x[,cat_idx] <- sapply(cat_idx, function(i) as.integer(x[[i]]))
  } else {
    # prevent empty cat idx
    cat_idx <- 0L
    cat_dims <- 0L
  }
  x_tensor <- torch::torch_tensor(as.matrix(x), dtype = torch::torch_float())
  x_na_mask <- x %>% is.na %>% as.matrix %>% torch::torch_tensor(dtype = torch::torch_bool())

  # convert factors to integers, based on the class of target first column
  # TODO do not assume but assert type-consistency of all y cols
  # and record output_dim
  if (is.factor(y[[1]])) {
    y_tensor <- torch::torch_tensor(sapply(y, function(i) as.integer(i)), dtype = torch::torch_long())
    if (is.atomic(y)) {
      output_dim <- nlevels(y)
    } else {
      output_dim <- sapply(y, function(i) nlevels(i))
    }
  } else {
    y_tensor <- torch::torch_tensor(as.matrix(y), dtype = torch::torch_float())
    output_dim <- ncol(y)
  }

  input_dim <- ncol(x)

  list(x = x_tensor, x_na_mask = x_na_mask, y = y_tensor,
       cat_idx = cat_idx,
       output_dim = output_dim,
       input_dim = input_dim, cat_dims = cat_dims)
}
x <- data.frame(a = c(1.5, NA, 3, 4), b = factor(c("u", "v", NA, "u")), c = c(NA, 2L, 5L, 1L),
                d = factor(c("lo", "hi", "hi", NA), levels = c("lo", "hi")))
y <- data.frame(out = c(0.5, 1, NA, 2))
r <- resolve_data(x, y)
r
y2 <- data.frame(cls = factor(c("a", "b", "a", "c")))
r2 <- resolve_data(x[, c("a", "c")], y2)
r2
