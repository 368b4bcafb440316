"""The environment variables that cap BLAS/OpenMP threads, shared by the book build, the
tests and the Spark helper (two cores: no library may start more threads than that)."""

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

OPENMP_WAIT = {"OMP_WAIT_POLICY": "PASSIVE"}
"""OpenMP threads that wait for work sleep instead of spinning on a core. By default an
idle OpenMP thread (scikit-learn's gradient boosting, LightGBM, XGBoost) keeps its core
busy for a while; when the tests or the build run two notebooks on two cores, that
spinning takes the core the other notebook needs. Measured: three
``HistGradientBoostingClassifier`` fits on two threads, with the other core busy, took
8.0 s spinning and 1.3 s sleeping (1.1 s and 0.7 s on one thread)."""


def set_thread_defaults(environ, threads: int | str) -> None:
    """Cap BLAS/OpenMP threads at ``threads`` and let idle OpenMP threads sleep, in
    ``environ`` (``os.environ``), keeping any value already set there."""
    for variable in THREAD_VARIABLES:
        environ.setdefault(variable, str(threads))
    for variable, value in OPENMP_WAIT.items():
        environ.setdefault(variable, value)
