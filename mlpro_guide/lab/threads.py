"""The environment variables that cap BLAS/OpenMP threads, shared by the book build, the
tests and the Spark helper (two cores: no library may start more threads than that)."""

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
