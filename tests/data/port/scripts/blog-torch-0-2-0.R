# "torch 0.2.0 - Initial JIT support and many bug fixes", Daniel Falbel, Posit AI Blog,
# 2020-12-15  https://blogs.rstudio.com/ai/posts/2020-12-15-torch-0.2.0-released/
# Licence: CC BY 4.0. The post's R chunks in order, nothing cut.

library(torch)
dat <- dataset(
  "mydataset",
  initialize = function(time, len = 10) {
    self$time <- time
    self$len <- len
  },
  .getitem = function(i) {
    Sys.sleep(self$time)
    torch_randn(1)
  },
  .length = function() {
    self$len
  }
)
ds <- dat(1)
system.time(ds[1])

seq_dl <- dataloader(ds, batch_size = 5)
par_dl <- dataloader(ds, batch_size = 5, num_workers = 2)

seq_it <- dataloader_make_iter(seq_dl)
par_it <- dataloader_make_iter(par_dl)

two_batches <- function(it) {
  dataloader_next(it)
  dataloader_next(it)
  "ok"
}

system.time(two_batches(seq_it))
system.time(two_batches(par_it))

coro::loop(for(batch in par_dl) {
  print(batch$shape)
})

w <- torch_randn(10, 1)
b <- torch_randn(1)
fn <- function(x) {
  a <- torch_mm(x, w)
  a + b
}

x <- torch_ones(2, 10)
tr_fn <- jit_trace(fn, x)
tr_fn(x)

tr_fn$graph

jit_save(tr_fn, "linear.pt")

nn_linear(10, 1)

my_module <- nn_module(
  initialize = function() {
    self$linear <- nn_linear(10, 1)
    self$param <- nn_parameter(torch_randn(5,1))
    self$buff <- nn_buffer(torch_randn(5))
  }
)
my_module()
