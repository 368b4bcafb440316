"""A real MLflow tracking server with the basic-auth app, for the governance notebooks.

:func:`auth_server` starts ``mlflow server --app-name basic-auth`` on 127.0.0.1 on a free
port with its own stores in a fresh temporary folder, and always stops the whole process
group and deletes that folder when the ``with`` block ends.

MLflow ships no default admin password. Each call generates a new random one with
:mod:`secrets` and writes it only into an auth config file inside the temporary folder
(readable by this user only), which ``MLFLOW_AUTH_CONFIG_PATH`` points the server at. No
password is ever read from or written to the repository.

:func:`signed_in_as` makes the MLflow client act as one user for a ``with`` block (MLflow
reads ``MLFLOW_TRACKING_USERNAME`` and ``MLFLOW_TRACKING_PASSWORD`` on every request).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mlpro_guide.lab.sandbox import _stop_group, _wait_until_ready, free_port, start_server_process

ADMIN_USERNAME = "admin"

# The MLflow client prints a "View run ... at http://..." line after each run on a
# tracking server; the notebooks show what they assert instead.
os.environ.setdefault("MLFLOW_SUPPRESS_PRINTING_URL_TO_STDOUT", "true")

# auth_cache_ttl_seconds: the server checks each request's password with a deliberately
# slow hash; caching a successful check for a minute keeps a notebook's hundred requests
# fast. Permission checks are not cached, so a revoked grant takes effect at once.
_CONFIG_TEMPLATE = """\
[mlflow]
default_permission = {default_permission}
database_uri = sqlite:///{database}
admin_username = {admin_username}
admin_password = {admin_password}
authorization_function = mlflow.server.auth:authenticate_request_basic_auth
auth_cache_ttl_seconds = 60
"""


@dataclass(frozen=True)
class AuthServer:
    """A running MLflow tracking server that checks users and permissions."""

    url: str
    """Base URL, e.g. ``http://127.0.0.1:51234``; use it as the tracking URI."""
    pid: int
    admin_username: str
    admin_password: str = field(repr=False)
    """Generated for this server only; gone with the server's folder."""
    root: Path
    """Temporary folder holding the stores, the auth config and the log."""

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])


def generate_password() -> str:
    """A fresh random password (32 URL-safe characters, 192 bits)."""
    return secrets.token_urlsafe(24)


def write_auth_config(
    folder: Path, admin_password: str, default_permission: str = "NO_PERMISSIONS"
) -> Path:
    """Write the auth config into ``folder`` (mode 0600) and return its path."""
    path = Path(folder) / "basic_auth.ini"
    text = _CONFIG_TEMPLATE.format(
        default_permission=default_permission,
        database=Path(folder) / "basic_auth.db",
        admin_username=ADMIN_USERNAME,
        admin_password=admin_password,
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)
    return path


def auth_client(url: str):
    """``mlflow.server.get_app_client("basic-auth", tracking_uri=url)``, imported quietly.

    The client manages users and permissions; call it signed in as an admin (or as a
    user with MANAGE on the resource). Importing ``mlflow.server`` warns about a
    Starlette deprecation that is MLflow's to fix, not the learner's.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*starlette.middleware.wsgi is deprecated")
        from mlflow.server import get_app_client

        return get_app_client("basic-auth", tracking_uri=url)


@contextlib.contextmanager
def signed_in_as(username: str, password: str) -> Iterator[None]:
    """Send MLflow client requests as ``username`` inside the ``with`` block."""
    saved = {k: os.environ.get(k) for k in ("MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD")}
    os.environ["MLFLOW_TRACKING_USERNAME"] = username
    os.environ["MLFLOW_TRACKING_PASSWORD"] = password
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def auth_server(
    *, default_permission: str = "NO_PERMISSIONS", timeout: float = 150.0
) -> Iterator[AuthServer]:
    """Run an MLflow tracking server with basic auth for the duration of a ``with`` block.

    ``default_permission`` is what a signed-in user gets on a resource nobody granted
    them anything on; the default, ``NO_PERMISSIONS``, means "only what is granted".
    """
    root = Path(tempfile.mkdtemp(prefix="mlpro-auth-"))
    password = generate_password()
    config_path = write_auth_config(root, password, default_permission)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MLFLOW_TRACKING_")}
    environment["MLFLOW_AUTH_CONFIG_PATH"] = str(config_path)
    # No background job runner (huey): nothing here uses it, and it costs a process.
    environment["MLFLOW_SERVER_ENABLE_JOB_EXECUTION"] = "false"
    # The auth app signs its CSRF tokens with this key; like the password, a fresh one.
    environment["MLFLOW_FLASK_SERVER_SECRET_KEY"] = secrets.token_hex(32)
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment["PATH"]])
    log_path = root / "server.log"
    command = _server_command(root, port)
    process = start_server_process(command, environment, log_path)
    stop = functools.partial(_stop_and_remove, process, port, root)
    # A notebook may keep the block open across cells (contextlib.ExitStack); if the
    # kernel shuts down before the block ends, the server still stops with it.
    atexit.register(stop)
    try:
        _wait_until_ready(url, process, timeout, log_path, path="/health", what="mlflow server")
        yield AuthServer(url, process.pid, ADMIN_USERNAME, password, root)
    finally:
        atexit.unregister(stop)
        stop()


def _stop_and_remove(process: subprocess.Popen, port: int, root: Path) -> None:
    # The folder goes first: a kernel that is being shut down may be killed before the
    # server has stopped, and the generated password must not stay on disk.
    shutil.rmtree(root, ignore_errors=True)
    _stop_group(process, port)


def _server_command(root: Path, port: int) -> list[str]:
    """``mlflow server`` with the basic-auth app and its stores inside ``root``."""
    return [
        sys.executable, "-m", "mlflow", "server",
        "--app-name", "basic-auth",
        "--backend-store-uri", f"sqlite:///{root / 'mlflow.db'}",
        "--artifacts-destination", (root / "artifacts").as_uri(),
        "--host", "127.0.0.1",
        "--port", str(port),
        "--workers", "1",
    ]  # fmt: skip
