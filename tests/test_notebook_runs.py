"""The notebook plugin (the repository's root conftest.py): a notebook's one nbval run
is stored for the build when it passes and not when it fails, and a notebook that leaves
a process or a file behind fails. Each case runs pytest on a small notebook of its own,
with the build cache pointed at a temporary folder."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import nbformat
import pytest
from jupyter_cache import get_cache

from mlpro_guide.site.extension import execution_cache_path

from .conftest import REPO_ROOT
from .processes import processes_with_marker


@pytest.fixture
def workspace():
    """A folder inside the repository (so the root conftest applies), outside notebooks/
    (so the suite itself never collects it), removed afterwards."""
    folder = REPO_ROOT / "_build" / "plugin-tests" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_notebook(folder: Path, *sources: str) -> Path:
    path = folder / "example.ipynb"
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in sources],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    nbformat.write(notebook, path)
    return path


def run_pytest(notebook: Path, build_dir: Path, **variables: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, MLPRO_BUILD_DIR=str(build_dir), **variables)
    environment.pop("PYTEST_XDIST_WORKER", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "-q", str(notebook)],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )


def cached(notebook: Path, build_dir: Path):
    cache_dir = execution_cache_path(build_dir)
    if not cache_dir.exists():
        return None
    try:
        record = get_cache(str(cache_dir)).match_cache_notebook(nbformat.read(notebook, 4))
    except KeyError:
        return None
    return get_cache(str(cache_dir)).get_cache_bundle(record.pk).nb


def test_a_passing_notebook_is_stored_for_the_build_with_its_outputs(workspace):
    notebook = write_notebook(workspace, "print('hello from the only run')", "6 * 7")
    result = run_pytest(notebook, workspace / "build")
    assert result.returncode == 0, result.stdout + result.stderr
    stored = cached(notebook, workspace / "build")
    assert stored is not None, "the passing run was not stored in the build cache"
    first, second = stored.cells
    assert first.outputs[0]["text"] == "hello from the only run\n"
    assert second.outputs[0]["data"]["text/plain"] == "42"


def test_a_failing_notebook_is_not_stored_so_the_build_runs_it_and_fails(workspace):
    notebook = write_notebook(workspace, "print('fine')", "1 / 0")
    result = run_pytest(notebook, workspace / "build")
    assert result.returncode != 0
    assert "ZeroDivisionError" in result.stdout
    assert cached(notebook, workspace / "build") is None


def test_a_notebook_that_leaves_a_process_running_fails(workspace):
    leak = f"leaked-by-test-{uuid.uuid4().hex}"
    start = (
        "import os, subprocess\n"
        f"env = dict(os.environ, LEAK={leak!r})\n"
        "subprocess.Popen(['sleep', '120'], start_new_session=True, env=env)"
    )
    notebook = write_notebook(workspace, start, "print('forgot to stop it')")
    try:
        # The leaked process never ends: wait 2 s for it, not the 30 s Ray may need.
        result = run_pytest(notebook, workspace / "build", MLPRO_SURVIVOR_TIMEOUT="2")
    finally:
        for pid in processes_with_marker(leak):
            os.kill(pid, signal.SIGKILL)
    assert result.returncode != 0
    assert "processes outlived the notebook" in result.stdout
    assert "sleep 120" in result.stdout
    assert cached(notebook, workspace / "build") is None


def test_a_notebook_that_leaves_a_file_in_its_folder_fails(workspace):
    notebook = write_notebook(workspace, "open('mlflow.db', 'w').close()")
    result = run_pytest(notebook, workspace / "build")
    assert result.returncode != 0
    assert "left files in its folder: ['mlflow.db']" in result.stdout
