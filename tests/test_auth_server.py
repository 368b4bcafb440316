"""The authenticated MLflow server for the governance notebooks: a fresh random admin
password per server, written only into a private temporary folder that disappears with
the server, and a server that listens on 127.0.0.1 and refuses anonymous requests."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests

from mlpro_guide.lab import auth_server as auth_module
from mlpro_guide.lab.auth_server import auth_server, generate_password, write_auth_config
from mlpro_guide.lab.sandbox import port_is_open

from .conftest import REPO_ROOT


def test_every_generated_password_is_new_and_long():
    passwords = {generate_password() for _ in range(50)}
    assert len(passwords) == 50
    assert min(len(p) for p in passwords) >= 32


def test_the_auth_config_is_readable_by_its_owner_only(tmp_path):
    path = write_auth_config(tmp_path, "s3cret-for-test")
    assert path.parent == tmp_path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "admin_password = s3cret-for-test" in path.read_text()
    assert "default_permission = NO_PERMISSIONS" in path.read_text()


def test_the_pinned_mlflow_defines_the_permission_levels_the_book_names():
    """governance/access-control.md names these levels; DENY is a veto, not a level."""
    from mlflow.server.auth import permissions

    assert set(permissions.ALL_PERMISSIONS) == {
        "READ",
        "USE",
        "EDIT",
        "MANAGE",
        "NO_PERMISSIONS",
        "DENY",
    }
    deny = permissions.get_permission("DENY")
    nothing = permissions.get_permission("NO_PERMISSIONS")
    assert deny.denied and not nothing.denied
    assert permissions.PERMISSION_PRIORITY["DENY"] < 0


def test_an_existing_auth_config_is_never_overwritten(tmp_path):
    write_auth_config(tmp_path, "first")
    with pytest.raises(FileExistsError):
        write_auth_config(tmp_path, "second")


@pytest.fixture
def sleeping_server(monkeypatch):
    """auth_server with a stand-in process, to test its bookkeeping in a second."""
    command = [sys.executable, "-c", "import time; time.sleep(60)"]
    monkeypatch.setattr(auth_module, "_server_command", lambda root, port: command)
    monkeypatch.setattr(auth_module, "_wait_until_ready", lambda *args, **kwargs: None)


def test_each_server_gets_a_fresh_password_in_a_temporary_folder(sleeping_server):
    seen = []
    for _ in range(2):
        with auth_server() as server:
            config = server.root / "basic_auth.ini"
            assert f"admin_password = {server.admin_password}" in config.read_text()
            seen.append((server.root, server.admin_password))
    (first_root, first_password), (second_root, second_password) = seen
    assert first_password != second_password
    assert first_root != second_root
    for root in (first_root, second_root):
        assert root.is_relative_to(Path(tempfile.gettempdir()))
        assert not root.is_relative_to(REPO_ROOT)
        assert not root.exists(), "the folder with the password outlived the server"


def test_the_password_is_not_shown_in_the_servers_repr(sleeping_server):
    with auth_server() as server:
        assert server.admin_password not in repr(server)


def test_a_real_server_refuses_anonymous_requests_and_is_stopped_afterwards():
    with auth_server() as server:
        assert server.url.startswith("http://127.0.0.1:")
        search = f"{server.url}/api/2.0/mlflow/experiments/search?max_results=1"
        assert requests.get(search, timeout=10).status_code == 401
        signed_in = requests.get(
            search, auth=(server.admin_username, server.admin_password), timeout=10
        )
        assert signed_in.status_code == 200
    assert not port_is_open(server.port)
    assert not server.root.exists()


def test_signing_in_for_a_block_restores_the_previous_credentials(monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_USERNAME", "someone")
    monkeypatch.delenv("MLFLOW_TRACKING_PASSWORD", raising=False)
    with auth_module.signed_in_as("data-scientist", "pw"):
        assert os.environ["MLFLOW_TRACKING_USERNAME"] == "data-scientist"
        assert os.environ["MLFLOW_TRACKING_PASSWORD"] == "pw"
    assert os.environ["MLFLOW_TRACKING_USERNAME"] == "someone"
    assert "MLFLOW_TRACKING_PASSWORD" not in os.environ


LEFT_OPEN = """
import contextlib, json, sys
from mlpro_guide.lab import auth_server as module
module._server_command = lambda root, port: [sys.executable, "-c", "import time; time.sleep(60)"]
module._wait_until_ready = lambda *args, **kwargs: None
server = contextlib.ExitStack().enter_context(module.auth_server())
print(json.dumps({"pid": server.pid, "root": str(server.root)}))
"""


def test_a_server_left_open_is_stopped_and_removed_when_python_exits():
    finished = subprocess.run(
        [sys.executable, "-c", LEFT_OPEN], capture_output=True, text=True, timeout=60, check=True
    )
    left = json.loads(finished.stdout.strip().splitlines()[-1])
    assert not Path(left["root"]).exists()
    deadline = time.monotonic() + 5
    while Path(f"/proc/{left['pid']}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{left['pid']}").exists(), "the server outlived its Python process"
