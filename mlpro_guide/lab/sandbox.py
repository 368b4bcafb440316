"""A private MLflow tracking store per notebook, and a real ``mlflow models serve`` process.

Notebooks call :func:`tracking_sandbox` first. Unless the learner has set
``MLFLOW_TRACKING_URI``, each notebook gets its own sqlite store and artifact folder under
the system's temporary folder, wiped at the start so that running a notebook twice gives
the same result. With ``MLFLOW_TRACKING_URI`` set, runs go to that server instead (nothing
is wiped there).

:func:`serve_model` starts ``mlflow models serve`` on 127.0.0.1 on a free port, waits for
``/ping``, and always stops the whole process group when the ``with`` block ends.

:func:`tracking_sandbox` also keeps a notebook's output to what teaches (see
:func:`quiet_notebook_output`): no MLflow INFO/WARNING lines or registry notes, no download
progress bars, and errors shown as their type and message instead of a long traceback.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import mlflow
from mlflow.utils import logging_utils

from .notebook_outputs import short_tracebacks, without_machine_paths

__all__ = [
    "ModelServer",
    "TrackingSandbox",
    "free_port",
    "port_is_open",
    "quiet_notebook_output",
    "serve_model",
    "tracking_sandbox",
    "without_machine_paths",
]

SANDBOX_PARENT = Path(tempfile.gettempdir()) / "mlpro-guide"

# The notebooks run offline: MLflow 3 would otherwise try to send usage telemetry.
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")

# Loggers that print start-up and progress chatter into a notebook's output.
QUIET_LOGGERS = ("mlflow", "alembic", "huey", "py4j")


class _Discard:
    """A stream that drops what is written to it (MLflow's registry notes)."""

    enabled = False  # MLflow's own stream has this switch; keep the attribute

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def quiet_notebook_output() -> None:
    """Keep only what teaches in a notebook's output; called by :func:`tracking_sandbox`.

    * MLflow, alembic (its database migrations) and py4j (Spark's bridge) log errors
      only: no "Creating initial MLflow database tables", no INFO/WARNING lines;
    * MLflow's registry notes ("Successfully registered model", "Created version") are
      not printed: the notebooks print the version they assert. MLflow prints them with
      ``eprint`` to the stream ``mlflow.utils.logging_utils.MLFLOW_LOGGING_STREAM``, which
      is replaced by one that discards them (MLflow's log handler keeps the real stream,
      so ERROR lines still show);
    * no artifact download progress bars;
    * in IPython, an error is shown as its type and message (``Minimal`` traceback
      mode), with this machine's folders masked (:func:`without_machine_paths`), unless
      ``MLPRO_FULL_TRACEBACKS=1``. A cell still fails, so nbval and the book build still
      see the error.
    """
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    logging_utils.MLFLOW_LOGGING_STREAM = _Discard()
    os.environ["MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR"] = "false"
    short_tracebacks()


@dataclass(frozen=True)
class TrackingSandbox:
    """Where a notebook's runs and models go."""

    name: str
    tracking_uri: str
    experiment_id: str
    experiment_name: str
    root: Path | None
    """The local store's folder, or ``None`` when the learner's own server is used."""

    @property
    def display_uri(self) -> str:
        """``tracking_uri`` as a notebook shows it: the temporary folder as ``<tmp>``."""
        return without_machine_paths(self.tracking_uri)

    @property
    def is_local(self) -> bool:
        """True when runs go to this notebook's private sqlite store."""
        return self.root is not None

    def ui_command(self, *, display: bool = False) -> str:
        """The command that opens this store in the MLflow UI. With ``display=True``, as
        a notebook shows it: the temporary folder written as ``<tmp>``, on two lines."""
        uri = self.display_uri if display else self.tracking_uri
        if self.root is None:
            return f"Open {uri} in a browser."
        separator = " \\\n" if display else " "
        return f'mlflow ui --host 127.0.0.1 --port 5000{separator}--backend-store-uri "{uri}"'


_stores_created: dict[str, int] = {}
_sandbox_uris: set[str] = set()


def tracking_sandbox(name: str, parent: Path | str | None = None) -> TrackingSandbox:
    """Point MLflow at a fresh store for the notebook ``name`` and select its experiment.

    ``name`` should be the notebook's file stem (for example ``"promotion_gate"``).
    Returns a :class:`TrackingSandbox`; its ``tracking_uri`` is what a subprocess (such as
    a model server) needs to see the same registry.
    """
    if not name or any(ch in name for ch in "/\\ "):
        raise ValueError(f"sandbox name must be a plain word like 'promotion_gate', not {name!r}")
    quiet_notebook_output()
    external = os.environ.get("MLFLOW_TRACKING_URI")
    if external in _sandbox_uris:
        # mlflow.set_tracking_uri exports the variable itself; a URI we set is not the
        # learner's choice.
        external = None
    experiment_name = f"mlpro-guide-{name}"
    if external:
        mlflow.set_tracking_uri(external)
        if external.startswith("databricks"):
            experiment_name = f"/Shared/{experiment_name}"
        experiment = mlflow.set_experiment(experiment_name)
        return TrackingSandbox(name, external, experiment.experiment_id, experiment_name, None)

    root = Path(parent) if parent is not None else SANDBOX_PARENT / name
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    # MLflow caches one database engine per URI for the life of the process, so a store
    # re-created in the same kernel needs a new file name to be seen as new.
    _stores_created[name] = _stores_created.get(name, 0) + 1
    database = "mlflow.db" if _stores_created[name] == 1 else f"mlflow-{_stores_created[name]}.db"
    _copy_empty_store(root / database)
    tracking_uri = f"sqlite:///{root / database}"
    _sandbox_uris.add(tracking_uri)
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_registry_uri(tracking_uri)
    experiment_id = mlflow.create_experiment(
        experiment_name, artifact_location=(root / "artifacts").as_uri()
    )
    mlflow.set_experiment(experiment_id=experiment_id)
    return TrackingSandbox(name, tracking_uri, experiment_id, experiment_name, root)


def _copy_empty_store(database: Path) -> None:
    """Start ``database`` as a copy of an empty store at the installed MLflow's schema.

    A new sqlite store runs every one of MLflow's schema migrations, most of a notebook's
    set-up time, and they give the same empty tables each time. So they run once per
    MLflow version, into a file under :data:`SANDBOX_PARENT`, and each sandbox starts
    from a copy of it. MLflow then opens the copy exactly as a store it has just created:
    its schema check passes and it adds the Default experiment itself.
    """
    template = SANDBOX_PARENT / f".empty-store-mlflow-{mlflow.__version__}.db"
    if not template.exists():
        from mlflow.store.db.utils import _initialize_tables, create_sqlalchemy_engine

        # Built under a name of its own and renamed when complete, so a kernel running
        # at the same time never copies a half-made file.
        template.parent.mkdir(parents=True, exist_ok=True)
        partial = template.with_name(f"{template.name}.{os.getpid()}-{time.time_ns()}")
        engine = create_sqlalchemy_engine(f"sqlite:///{partial}")
        try:
            _initialize_tables(engine)
        finally:
            engine.dispose()
        os.replace(partial, template)
    shutil.copyfile(template, database)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class ModelServer:
    """A running ``mlflow models serve`` process."""

    url: str
    """Base URL, e.g. ``http://127.0.0.1:51234``; POST JSON to ``url + '/invocations'``."""
    pid: int
    log_path: Path


def _wait_until_ready(
    url: str,
    process: subprocess.Popen,
    timeout: float,
    log_path: Path,
    *,
    path: str = "/ping",
    what: str = "mlflow models serve",
):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{what} exited with code {process.returncode}; "
                f"last lines of {log_path}:\n{_tail(log_path)}"
            )
        try:
            with urllib.request.urlopen(f"{url}{path}", timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise TimeoutError(
        f"{what} did not answer {path} within {timeout:.0f} s; "
        f"last lines of {log_path}:\n{_tail(log_path)}"
    )


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start_server_process(
    command: list[str], environment: dict[str, str], log_path: Path
) -> subprocess.Popen:
    """Start a server in a session of its own (so its whole process group can be stopped),
    with its output in ``log_path`` and no standard input."""
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=environment,
            start_new_session=True,
        )


def port_is_open(port: int) -> bool:
    """True while something accepts TCP connections on 127.0.0.1:``port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _stop_group(process: subprocess.Popen, port: int, grace: float = 10.0) -> None:
    """Stop the server and every child it started (uvicorn workers), then wait until
    nothing listens on its port any more."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=grace)
    # Children may outlive a leader that exited on its own.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    deadline = time.monotonic() + grace
    while port_is_open(port) and time.monotonic() < deadline:
        time.sleep(0.1)


@contextlib.contextmanager
def serve_model(
    model_uri: str,
    tracking_uri: str | None = None,
    *,
    timeout: float = 90.0,
    workers: int = 1,
) -> Iterator[ModelServer]:
    """Serve ``model_uri`` over REST on 127.0.0.1 for the duration of a ``with`` block.

    ``--env-manager local`` reuses this Python environment (no downloads). The server gets
    ``MLFLOW_TRACKING_URI`` so that ``models:/name@alias`` URIs resolve against the same
    registry as the notebook.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = dict(os.environ)
    environment["MLFLOW_TRACKING_URI"] = tracking_uri or mlflow.get_tracking_uri()
    # The server runs uvicorn by name: find it beside this Python even in a venv that
    # was never activated (as when Jupyter starts the kernel directly).
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment["PATH"]])
    log_dir = Path(tempfile.mkdtemp(prefix="mlpro-serve-"))
    log_path = log_dir / "server.log"
    command = [
        sys.executable, "-m", "mlflow", "models", "serve",
        "-m", model_uri,
        "--env-manager", "local",
        "-h", "127.0.0.1",
        "-p", str(port),
        "-w", str(workers),
    ]  # fmt: skip
    process = start_server_process(command, environment, log_path)
    started = False
    try:
        _wait_until_ready(url, process, timeout, log_path)
        started = True
        yield ModelServer(url=url, pid=process.pid, log_path=log_path)
    finally:
        _stop_group(process, port)
        if started:
            # A server that failed to start keeps its log for the error message to point at.
            shutil.rmtree(log_dir, ignore_errors=True)
