"""Spark notebooks whose behaviour differs on Spark Connect run over Spark Connect too.

The suite's one run of each Spark notebook (the run the book publishes) uses classic
Spark: measured on two cores, Spark Connect made the notebooks slower (a server process
to start, models fetched by every UDF worker), and ``spark_scale_out`` then missed its
90-second budget. Every Spark notebook's source is checked for what Spark Connect lacks
(``tests/test_spark_session.py``); this test also *runs* over a real Spark Connect server
on this machine (``SPARK_REMOTE=local[2]``) each notebook with a step that behaves
differently there, found by its source: a step that needs classic Spark
(``needs_classic_spark``) or a ``foreachBatch`` sink (its function runs on the server,
not in the kernel). Today that is ``sparkml_pipeline`` (which also covers Spark ML
fitted, tuned and autologged through the server) and ``streaming_features``; the other
Spark notebooks (the Spark ML estimators, XGBoost and pandas API ones among them) are
held to the source check only, because a second run of each would add minutes to a
two-core CI run. Every cell must pass, a
classic-only step must say it was skipped, and nothing may outlive the kernel. These
runs join the notebooks that start a JVM on one xdist worker, one after another.
``MLPRO_SPARK_NOTEBOOKS=connect`` runs every Spark notebook's suite run over Spark
Connect instead (see conftest.py).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import REPO_ROOT
from .notebook_text import printed
from .processes import MARKER_VARIABLE, wait_until_gone

# Source text of a step that behaves differently over Spark Connect.
DIFFERENT_ON_CONNECT = ("needs_classic_spark(", ".foreachBatch(")


def notebooks_that_differ_on_spark_connect() -> list[Path]:
    found = []
    for path in sorted((REPO_ROOT / "notebooks").rglob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        if ".ipynb_checkpoints" in path.parts or "start_local_spark" not in text:
            continue
        if any(sign in text for sign in DIFFERENT_ON_CONNECT):
            found.append(path)
    return found


@pytest.mark.parametrize(
    "path",
    notebooks_that_differ_on_spark_connect(),
    ids=lambda path: path.relative_to(REPO_ROOT).as_posix(),
)
def test_the_notebook_runs_over_spark_connect(path, monkeypatch):
    marker = f"mlpro-notebook-{uuid.uuid4().hex}"
    monkeypatch.setenv("SPARK_REMOTE", "local[2]")
    monkeypatch.setenv(MARKER_VARIABLE, marker)
    notebook = nbformat.read(path, as_version=4)
    before = set(os.listdir(path.parent))
    # Cells tagged raises-exception may raise; any other error fails the run.
    client = NotebookClient(
        notebook, timeout=900, kernel_name="python3", resources={"metadata": {"path": path.parent}}
    )
    client.execute()
    survivors = wait_until_gone(marker, timeout=30)
    assert not survivors, f"processes outlived the notebook: {survivors}"
    assert set(os.listdir(path.parent)) <= before, "the notebook left files in its folder"
    text = printed(notebook)
    assert "over Spark Connect" in text
    if "needs_classic_spark(" in path.read_text(encoding="utf-8"):
        assert "Skipped on Spark Connect: " in text
