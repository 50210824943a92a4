// The C edge of ShelfCast: CBLAS and LAPACKE, nothing else.
// Only the LinearAlgebra module imports this; every other module goes through it.
#include <cblas.h>
#include <lapacke.h>
