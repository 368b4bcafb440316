"""One local Spark session for every Spark notebook: on this machine only, quiet, capped
to the cores it is given, and stopped with its JVM afterwards.

A notebook calls :func:`start_local_spark` once and :func:`stop_local_spark` in its last
cell (or in a ``finally``). The session binds to 127.0.0.1 with the UI off, its Python
workers run this kernel's interpreter (so they import the same MLflow and scikit-learn,
venv or not), each worker uses one BLAS/OpenMP thread (``local[2]`` already runs two
workers on two cores), and the warehouse goes under ``work_dir``, never the repository.

The JVM's own output (its start-up banner, log4j's "Setting default log level", Hadoop's
native-library warning, the JDK's incubator-module notice) goes to
``work_dir/spark-jvm.log`` instead of the notebook: the JVM writes straight to the
process's file descriptors, so it is started with them pointed at that file. Errors still
reach the notebook as Python exceptions.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import warnings
from pathlib import Path

from .threads import THREAD_VARIABLES

# PySpark 4 warns that pandas >= 3 is not fully supported; the APIs the guide uses work.
PANDAS_WARNING = "PySpark does not yet fully support pandas"


def quiet_pyspark_pandas_warning() -> None:
    """Filter PySpark's one FutureWarning about pandas 3, and nothing else."""
    warnings.filterwarnings("ignore", message=PANDAS_WARNING, category=FutureWarning)


def start_local_spark(
    app_name: str,
    work_dir: Path | str,
    *,
    cores: int = 2,
    config: dict[str, str] | None = None,
):
    """Start (or return the running) local Spark session for one notebook.

    ``work_dir`` holds the warehouse and anything else Spark writes; ``config`` adds or
    overrides Spark settings (for example ``spark.sql.shuffle.partitions``).
    """
    quiet_pyspark_pandas_warning()
    # xgboost.spark announces every fit at INFO level on stderr; its warnings still show.
    logging.getLogger("XGBoost-PySpark").setLevel(logging.WARNING)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"  # never resolve the host name to a LAN address
    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers use this kernel's Python
    from pyspark.sql import SparkSession

    settings = {
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": str(cores),
        "spark.sql.warehouse.dir": str(Path(work_dir) / "warehouse"),
        "spark.pyspark.python": sys.executable,
        # Python workers inherit this: one BLAS/OpenMP thread each, one worker per core.
        **{f"spark.executorEnv.{variable}": "1" for variable in THREAD_VARIABLES},
        **(config or {}),
    }
    builder = SparkSession.builder.master(f"local[{cores}]").appName(app_name)
    for key, value in settings.items():
        builder = builder.config(key, value)
    log_path = Path(work_dir) / "spark-jvm.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with _output_to(log_path):
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@contextlib.contextmanager
def _output_to(log_path: Path):
    """Point this process's standard output and error (file descriptors 1 and 2) at
    ``log_path`` while a child process (the JVM) starts, so the child writes there for its
    whole life; Python's own output is restored afterwards."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    try:
        with open(log_path, "ab") as log:
            for fd in saved:
                os.dup2(log.fileno(), fd)
            yield
    finally:
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)


def stop_local_spark(spark=None) -> None:
    """Stop the session, then shut down the JVM it ran in.

    ``spark.stop()`` alone ends the Spark context but leaves the py4j gateway's JVM alive
    until the Python process exits; shutting the gateway down frees its memory now, and a
    later :func:`start_local_spark` starts a fresh JVM.
    """
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    session = spark or SparkSession.getActiveSession()
    if session is not None:
        session.stop()
    gateway = SparkContext._gateway
    if gateway is None:
        return
    gateway.shutdown()
    process = getattr(gateway, "proc", None)
    if process is not None:
        # The JVM exits when its standard input closes (PySpark's own shutdown signal).
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    SparkContext._gateway = None
    SparkContext._jvm = None
