"""One local Spark session for every Spark notebook: on this machine only, quiet, capped
to the cores it is given, and stopped with its JVM afterwards.

A notebook calls :func:`start_local_spark` once and :func:`stop_local_spark` in its last
cell (or in a ``finally``). The session binds to 127.0.0.1 with the UI off, its Python
workers run this kernel's interpreter (so they import the same MLflow and scikit-learn,
venv or not), each worker uses one BLAS/OpenMP thread (``local[2]`` already runs two
workers on two cores), and the warehouse goes under ``work_dir``, never the repository.

Spark processes the kernel starts after the session, such as the one MLflow's requirement
inference loads each logged Spark model in, get JVM options for a short life through
``PYSPARK_SUBMIT_ARGS``: the C1 compiler only (``-XX:TieredStopAtLevel=1``), the serial
garbage collector and no UI. Such a JVM loads one model and exits, and C2's background
compilation and G1's threads cost more than they win back: loading a tuned pipeline that
way took 34 s of JVM CPU with the defaults and 15 s with these options on two cores. The
session's own JVM keeps the defaults (the same options measured no faster there).

The JVM's own output (its start-up banner, log4j's "Setting default log level", Hadoop's
native-library warning, the JDK's incubator-module notice) goes to
``work_dir/spark-jvm.log`` instead of the notebook: the JVM writes straight to the
process's file descriptors, so it is started with them pointed at that file. Errors still
reach the notebook as Python exceptions.

The same call gives a **Spark Connect** session when the environment asks for one, so the
notebooks run unchanged on a cluster (see :func:`spark_target`):

* ``SPARK_REMOTE=local[2]`` starts a Spark Connect server on this machine, in a process
  of its own with the same local settings, and connects to it over gRPC: the notebook's
  process then has no JVM, and the notebooks can use only what the Spark Connect client
  offers (no ``sparkContext``, no RDDs, no JVM access), which the test suite checks;
* ``SPARK_REMOTE=sc://host:port`` connects to a running Spark Connect server;
* with ``databricks-connect`` installed and ``DATABRICKS_HOST`` or
  ``DATABRICKS_CONFIG_PROFILE`` set, ``DatabricksSession`` connects to a Databricks
  cluster or to serverless compute, authenticated by that profile or those variables.

The session says which of these it is (:func:`describe_session`), and a step that truly
needs classic Spark asks :func:`needs_classic_spark` first and is skipped with a message
on Spark Connect.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import os
import socket
import subprocess
import sys
import time
import uuid
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .threads import THREAD_VARIABLES

# PySpark 4 warns that pandas >= 3 is not fully supported; the APIs the guide uses work.
PANDAS_WARNING = "PySpark does not yet fully support pandas"


def quiet_pyspark_pandas_warning() -> None:
    """Filter PySpark's one FutureWarning about pandas 3, and nothing else."""
    warnings.filterwarnings("ignore", message=PANDAS_WARNING, category=FutureWarning)


# A JVM that loads one model and exits: C1 alone and the serial collector cost far less
# CPU there than C2's compilation and G1's threads.
SHORT_LIVED_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# What a Spark process started later by this kernel (MLflow loads a logged Spark model in
# a fresh process to infer its requirements) launches with: those options, no UI.
SUBMIT_ARGS_VARIABLE = "PYSPARK_SUBMIT_ARGS"
CHILD_SUBMIT_ARGS = (
    f"--driver-java-options '{SHORT_LIVED_JVM_OPTIONS}' --conf spark.ui.enabled=false pyspark-shell"
)

# The environment variables that ask for a remote session instead of a local one.
REMOTE_VARIABLE = "SPARK_REMOTE"
# The token a local Spark Connect server requires from its clients.
TOKEN_VARIABLE = "SPARK_CONNECT_AUTHENTICATE_TOKEN"
DATABRICKS_VARIABLES = ("DATABRICKS_HOST", "DATABRICKS_CONFIG_PROFILE")


@dataclass(frozen=True)
class SparkTarget:
    """Which session :func:`start_local_spark` will give, read from the environment.

    ``kind`` is ``"local"`` (classic Spark in this process's JVM), ``"connect-local"`` (a
    Spark Connect server started on this machine, ``url`` its master such as
    ``local[2]``), ``"connect"`` (a running Spark Connect server at ``url``) or
    ``"databricks"`` (Databricks Connect, configured by profile or environment).
    """

    kind: str
    url: str | None = None

    @property
    def is_connect(self) -> bool:
        return self.kind != "local"

    @property
    def on_this_machine(self) -> bool:
        """True when the Spark server reads and writes this machine's files."""
        return self.kind in ("local", "connect-local")


def spark_target(environ: Mapping[str, str] | None = None) -> SparkTarget:
    """Read the session to start from ``environ`` (default ``os.environ``).

    ``SPARK_REMOTE`` wins (``local...`` starts a Connect server here, anything else is the
    address of one); then Databricks Connect, when ``databricks-connect`` is installed and
    ``DATABRICKS_HOST`` or ``DATABRICKS_CONFIG_PROFILE`` is set; otherwise local Spark.
    """
    env = os.environ if environ is None else environ
    remote = env.get(REMOTE_VARIABLE, "").strip()
    if remote.startswith("local"):
        return SparkTarget("connect-local", remote)
    if remote:
        return SparkTarget("connect", remote)
    if any(env.get(name) for name in DATABRICKS_VARIABLES) and _has_databricks_connect():
        return SparkTarget("databricks")
    return SparkTarget("local")


def _has_databricks_connect() -> bool:
    try:
        return importlib.util.find_spec("databricks.connect") is not None
    except ModuleNotFoundError:  # no ``databricks`` package at all
        return False


def start_local_spark(
    app_name: str,
    work_dir: Path | str,
    *,
    cores: int = 2,
    config: dict[str, str] | None = None,
    announce: bool = True,
):
    """Start (or return the running) Spark session for one notebook, and say which it is.

    Local Spark on ``cores`` cores unless the environment asks for Spark Connect or
    Databricks Connect (:func:`spark_target`). ``work_dir`` holds the warehouse, the JVM's
    log and anything else a local Spark writes; ``config`` adds or overrides Spark
    settings (for example ``spark.sql.shuffle.partitions``); on a remote session only its
    runtime SQL settings apply. ``announce`` prints :func:`describe_session`.
    """
    quiet_pyspark_pandas_warning()
    # xgboost.spark announces every fit at INFO level on stderr; its warnings still show.
    logging.getLogger("XGBoost-PySpark").setLevel(logging.WARNING)
    target = spark_target()
    if target.on_this_machine:
        spark = _start_on_this_machine(target, app_name, Path(work_dir), cores, config or {})
    else:
        spark = _connect_to_remote(target, config or {})
    if announce:
        print(describe_session(spark))
    return spark


def _start_on_this_machine(
    target: SparkTarget, app_name: str, work_dir: Path, cores: int, config: dict[str, str]
):
    """Classic local Spark in this process's JVM, or a Spark Connect server in a process
    of its own and a Connect client session to it: the same settings either way."""
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"  # never resolve the host name to a LAN address
    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers use this kernel's Python
    settings = {
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": str(cores),
        "spark.sql.warehouse.dir": str(work_dir / "warehouse"),
        "spark.pyspark.python": sys.executable,
        # Python workers inherit this: one BLAS/OpenMP thread each, one worker per core.
        **{f"spark.executorEnv.{variable}": "1" for variable in THREAD_VARIABLES},
        **config,
    }
    log_path = work_dir / "spark-jvm.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    if target.kind == "connect-local":
        return _start_connect_server(target.url, settings, log_path)
    with _output_to(log_path):
        spark = _classic_session(f"local[{cores}]", app_name, settings)
    spark.sparkContext.setLogLevel("ERROR")
    # Set once this JVM runs, so it applies only to Spark processes started later (the
    # session's settings above stay as they are); a value the user set is kept.
    os.environ.setdefault(SUBMIT_ARGS_VARIABLE, CHILD_SUBMIT_ARGS)
    return spark


def _classic_session(master: str, app_name: str, settings: dict[str, str]):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(master).appName(app_name)
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


# The local Spark Connect server's process, while one runs.
_server: subprocess.Popen | None = None


def _start_connect_server(master: str, settings: dict[str, str], log_path: Path):
    """Start a Spark Connect server in a separate process (its own Python and JVM, like a
    cluster's driver) and return a Connect client session to it.

    The server listens on a free port of the loopback interface only and accepts only
    clients that send this process's token. This process gets no JVM at all, so a
    notebook (or a library it calls) that reaches for ``sparkContext`` or the JVM fails
    here as it would on a cluster.
    """
    global _server
    port = _free_port()
    os.environ.setdefault(TOKEN_VARIABLE, uuid.uuid4().hex)
    client_only = (REMOTE_VARIABLE, "SPARK_CONNECT_MODE_ENABLED", "SPARK_LOCAL_REMOTE")
    environment = {k: v for k, v in os.environ.items() if k not in client_only}
    server_settings = {
        **settings,
        "spark.plugins": "org.apache.spark.sql.connect.SparkConnectPlugin",
        "spark.connect.grpc.binding.address": "127.0.0.1",
        "spark.connect.grpc.binding.port": str(port),
        "spark.sql.artifact.isolation.enabled": "true",
        "spark.sql.artifact.isolation.alwaysApplyClassloader": "true",
    }
    command = [sys.executable, "-m", __name__, master, json.dumps(server_settings)]
    with open(log_path, "ab") as log:
        _server = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=log, stderr=log, env=environment
        )
    _wait_for_port(port, _server, log_path)
    from pyspark.sql.connect.session import SparkSession as ConnectSession

    # PySpark's functions build Connect plans when this variable is set.
    os.environ["SPARK_CONNECT_MODE_ENABLED"] = "1"
    return ConnectSession.builder.remote(f"sc://localhost:{port}").getOrCreate()


def _wait_for_port(port: int, server: subprocess.Popen, log_path: Path, timeout=300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the Spark Connect server stopped; see {log_path.name}")
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        time.sleep(0.5)
    _stop_server()
    raise TimeoutError(f"no Spark Connect server on port {port} after {timeout} s")


def _stop_server() -> None:
    """End the local server: closing its standard input is its signal to stop Spark."""
    global _server
    server, _server = _server, None
    if server is None:
        return
    _close_stdin_and_wait(server, timeout=60)


def _serve(master: str, settings: dict[str, str]) -> None:
    """The server process: a classic session with the Spark Connect plugin, kept until
    standard input closes."""
    quiet_pyspark_pandas_warning()
    spark = _classic_session(master, "mlpro-guide-spark-connect-server", settings)
    spark.sparkContext.setLogLevel("ERROR")
    sys.stdin.read()
    spark.stop()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _connect_to_remote(target: SparkTarget, config: dict[str, str]):
    """A Spark Connect or Databricks Connect session; the notebook's runtime settings (time
    zone, Arrow) are applied to the session, the cluster's own settings are left alone."""
    if target.kind == "databricks":
        from databricks.connect import DatabricksSession

        spark = DatabricksSession.builder.getOrCreate()
    else:
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.remote(target.url).getOrCreate()
    for key, value in config.items():
        spark.conf.set(key, value)
    return spark


def is_spark_connect(spark) -> bool:
    """True for a Spark Connect session (local server, remote server or Databricks)."""
    from pyspark.sql.utils import is_remote

    return is_remote() or type(spark).__module__.startswith("pyspark.sql.connect")


def describe_session(spark) -> str:
    """One line: which kind of session this is, and where it runs (no credentials: only
    the scheme, host and port of a remote address are shown)."""
    target = spark_target()
    version = f"Spark {spark.version}"
    if not is_spark_connect(spark):
        return f"{version}, classic local session ({_master(spark)}) on this machine"
    if target.kind == "connect-local":
        return f"{version} over Spark Connect, server on this machine ({target.url})"
    if target.kind == "connect":
        return f"{version} over Spark Connect, server at {target.url.split(';')[0]}"
    return f"{version} over Databricks Connect (cluster or serverless compute)"


def _master(spark) -> str:
    return spark.conf.get("spark.master", "local")


def needs_classic_spark(spark, step: str) -> bool:
    """True on classic Spark; on Spark Connect print why ``step`` is skipped and return
    False, so a notebook runs the step only where it can."""
    if not is_spark_connect(spark):
        return True
    print(f"Skipped on Spark Connect: {step}")
    return False


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
    """Stop the session, then shut down the JVM it ran in (classic local Spark), or the
    Spark Connect server started on this machine; a remote session is only closed.

    ``spark.stop()`` alone ends the Spark context but leaves the py4j gateway's JVM alive
    until the Python process exits; shutting the gateway down frees its memory now, and a
    later :func:`start_local_spark` starts a fresh JVM.
    """
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    session = spark or SparkSession.getActiveSession()
    if session is not None:
        session.stop()
    if os.environ.get(SUBMIT_ARGS_VARIABLE) == CHILD_SUBMIT_ARGS:
        del os.environ[SUBMIT_ARGS_VARIABLE]
    if _server is not None:
        _stop_server()
        os.environ.pop("SPARK_CONNECT_MODE_ENABLED", None)
    gateway = SparkContext._gateway
    if gateway is None:
        return
    gateway.shutdown()
    process = getattr(gateway, "proc", None)
    if process is not None:
        # The JVM exits when its standard input closes (PySpark's own shutdown signal).
        _close_stdin_and_wait(process, timeout=30)
    SparkContext._gateway = None
    SparkContext._jvm = None


if __name__ == "__main__":  # the local Spark Connect server's process
    _serve(sys.argv[1], json.loads(sys.argv[2]))


def _close_stdin_and_wait(process: subprocess.Popen, timeout: float) -> None:
    """Close ``process``'s standard input (its signal to stop), wait for it to exit, and
    kill it if it has not within ``timeout`` seconds."""
    if process.stdin is not None:
        process.stdin.close()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
