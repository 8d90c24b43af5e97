Counter <- R6::R6Class("Counter",
  public = list(
    count = 0,
    initialize = function(start = 0) {
      self$count <- start
    },
    add = function(n = 1) {
      self$count <- self$count + n
      invisible(self)
    }
  )
)
Twice <- R6Class("Twice", inherit = Counter,
  public = list(
    add = function(n = 1) {
      super$add(2 * n)
    }
  )
)
c1 <- Counter$new(5)
c1$add()
c1$count
t2 <- Twice$new()
t2$add(3)
t2$count
