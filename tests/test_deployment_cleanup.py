"""The deployment notebooks start real processes (a model server, a Spark JVM); none of
them may outlive the notebook, and the server's port must be closed afterwards.

Each notebook runs in its own Jupyter kernel (nbclient). The kernel inherits a unique
marker in its environment, and so does every process the notebook starts, so processes
are attributed by that marker, not by name: other work on the same machine (another
notebook serving a model) cannot make this test fail or pass by accident.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from mlpro_guide.sandbox import port_is_open

from .conftest import REPO_ROOT

NOTEBOOKS = REPO_ROOT / "notebooks" / "deployment"


def _processes_with_marker(marker: str) -> dict[int, str]:
    """Live (non-zombie) processes, other than this one, whose environment holds marker."""
    found = {}
    needle = marker.encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                if needle not in handle.read():
                    continue
            with open(f"/proc/{entry}/stat") as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                command = handle.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # the process ended while we looked, or is not ours
            continue
        if state != "Z":
            found[int(entry)] = command
    return found


def _wait_until_gone(marker: str, timeout: float = 15.0) -> dict[int, str]:
    deadline = time.monotonic() + timeout
    left = _processes_with_marker(marker)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = _processes_with_marker(marker)
    return left


def _run(
    notebook: str, extra_cell: str, monkeypatch, folder: Path = NOTEBOOKS
) -> tuple[str, nbformat.NotebookNode]:
    """Execute a notebook (``folder/notebook.ipynb``) in a fresh kernel that carries a
    unique environment marker."""
    marker = f"mlpro-cleanup-{uuid.uuid4().hex}"
    monkeypatch.setenv("MLPRO_CLEANUP_MARKER", marker)
    path = folder / f"{notebook}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(extra_cell))
    client = NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # shuts the kernel down when the last cell has run
    return marker, nb


def _printed(nb: nbformat.NotebookNode) -> str:
    outputs = nb.cells[-1].get("outputs", [])
    return "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")


def test_the_model_server_does_not_outlive_the_scoring_notebook(monkeypatch):
    marker, nb = _run("batch_and_online_scoring", "print(server_port)", monkeypatch)
    port = int(_printed(nb).strip())
    assert not port_is_open(port), f"port {port} still accepts connections"
    left = _wait_until_gone(marker)
    assert not left, f"processes outlived the notebook: {left}"


@pytest.mark.skipif(shutil.which("java") is None, reason="the Spark notebook needs Java 17")
def test_no_spark_jvm_outlives_the_spark_notebook(monkeypatch):
    check = "from pyspark.sql import SparkSession\nprint(SparkSession.getActiveSession() is None)"
    marker, nb = _run("spark_scale_out", check, monkeypatch)
    assert _printed(nb).strip() == "True"
    left = _wait_until_gone(marker)
    assert not left, f"processes outlived the notebook: {left}"
    assert not (Path.cwd() / "spark-warehouse").exists()
    assert not (NOTEBOOKS / "spark-warehouse").exists()
