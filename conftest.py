"""How the notebooks are tested: each runs once, and that run is the one the book
publishes.

nbval runs every notebook under ``notebooks/`` cell by cell in a fresh kernel
(``--nbval-lax``: a cell fails only if it raises, unless tagged ``raises-exception``).
This plugin adds four things to that run:

* **One execution.** When every cell of a notebook has passed, the outputs nbval collected
  are stored in the book's execution cache (:func:`mlpro_guide.site.extension.
  execution_cache_path`), so the strict build that follows publishes them instead of
  running the notebook again. A notebook that failed is not stored: the build runs it
  itself and fails too.
* **Nothing left behind.** The kernel and every process it starts carry a unique marker;
  after the kernel has stopped, no marked process may survive (servers, JVMs, Ray), and
  the notebook's folder may hold no new file (``spark-warehouse``, ``mlflow.db``).
* **Scheduling on two cores.** With ``pytest -n 2`` each notebook runs whole on one
  worker, and the notebooks that start a JVM or a Ray cluster all run on the same worker,
  one after another, so two of them never compete for the same cores.
* **Spark, classic or over Spark Connect.** Notebooks that start Spark run on classic
  local Spark here (measured faster on two cores); ``tests/test_spark_connect_runs.py``
  runs the ones that behave differently over Spark Connect once more on a real Spark
  Connect server. With ``MLPRO_SPARK_NOTEBOOKS=connect`` every Spark notebook runs here
  with ``SPARK_REMOTE=local[2]`` (a Spark Connect server on this machine, in a process of
  its own) and must say it did, except one with a step that needs classic Spark
  (``needs_classic_spark``), which stays classic so the book shows that step.
"""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mlpro_guide.lab.notebook_outputs import quiet_kernel_warnings
from mlpro_guide.lab.threads import set_thread_defaults
from tests.notebook_text import printed as _printed
from tests.processes import MARKER_VARIABLE, wait_until_gone

REPO_ROOT = Path(__file__).resolve().parent
# Where the book is built; the plugin's own tests point it elsewhere.
BUILD_DIR = Path(os.environ.get("MLPRO_BUILD_DIR", REPO_ROOT / "_build"))
# Source text that marks a notebook as starting a JVM or a Ray cluster.
HEAVY_NOTEBOOK_SIGNS = ("start_local_spark", "ray.init(")
# Source text that marks a Spark notebook, the remote its run uses, and what its
# output must then say.
SPARK_NOTEBOOK_SIGN = "start_local_spark"
CLASSIC_STEP_SIGN = "needs_classic_spark("
SPARK_CONNECT_RUNS_TEST = "tests/test_spark_connect_runs.py"
SPARK_MODE = os.environ.get("MLPRO_SPARK_NOTEBOOKS", "classic")
SPARK_CONNECT_REMOTE = "local[2]"
SPARK_CONNECT_SAYS = "over Spark Connect"
IGNORED_NEW_FILES = {"__pycache__", ".ipynb_checkpoints"}
# How long a notebook's processes may take to end after its kernel has stopped (a Ray
# cluster takes a while); tests/test_notebook_runs.py shortens it for a process that
# never ends.
SURVIVOR_TIMEOUT = float(os.environ.get("MLPRO_SURVIVOR_TIMEOUT", "30"))
# Test modules whose tests share an expensive module-scoped fixture (the PDF of the book):
# all their tests go to one worker, so the fixture is built once per run.
ONE_WORKER_MODULES = {"tests/test_book_pdf.py"}

# Two cores: keep BLAS/OpenMP from oversubscribing them, and idle OpenMP threads from
# spinning on the core the other worker's notebook needs (as the book build does); keep
# MLflow offline.
set_thread_defaults(os.environ, 2)
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
# The warning `import mlflow` triggers in a kernel without ipywidgets (as the build does).
quiet_kernel_warnings()


@dataclass
class NotebookRun:
    """What one notebook's nbval run has done so far."""

    path: Path
    marker: str
    started: float
    files_before: set[str]
    passed: int = 0
    failed: bool = False
    problems: list[str] = field(default_factory=list)


_runs: dict[Path, NotebookRun] = {}


def _is_notebook_cell(item) -> bool:
    return type(item).__name__ == "IPyNbCell"


def _code_cell_count(item) -> int:
    return sum(1 for cell in item.parent.nb.cells if cell.cell_type == "code")


def _files_in(folder: Path) -> set[str]:
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if not IGNORED_NEW_FILES & set(path.relative_to(folder).parts)
    }


def _is_heavy(notebook: Path) -> bool:
    """True for a notebook that starts a JVM or a Ray cluster."""
    return any(sign in notebook.read_text(encoding="utf-8") for sign in HEAVY_NOTEBOOK_SIGNS)


def _is_spark(notebook: Path) -> bool:
    return SPARK_NOTEBOOK_SIGN in notebook.read_text(encoding="utf-8")


def _has_classic_only_step(notebook: Path) -> bool:
    return CLASSIC_STEP_SIGN in notebook.read_text(encoding="utf-8")


def _runs_over_spark_connect(notebook: Path) -> bool:
    """The notebook's one (published) run uses Spark Connect."""
    return SPARK_MODE == "connect" and _is_spark(notebook) and not _has_classic_only_step(notebook)


def pytest_collection_modifyitems(config, items):
    """Mark the tests that need the built site, so they can run after the notebooks."""
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)


@pytest.hookimpl(optionalhook=True)  # a run with -p no:xdist has no such hook
def pytest_xdist_make_scheduler(config, log):
    """Send each notebook whole to one worker (its cells share a kernel), and every
    notebook that starts a JVM or a Ray cluster to the same worker, one after another,
    and the tests of a module in ONE_WORKER_MODULES to one worker; spread every other
    test one by one."""
    from xdist.scheduler import LoadScopeScheduling

    class NotebookScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if path == SPARK_CONNECT_RUNS_TEST:
                return "jvm-or-ray"
            if path in ONE_WORKER_MODULES:
                return path
            if not path.endswith(".ipynb"):
                return nodeid
            return "jvm-or-ray" if _is_heavy(REPO_ROOT / path) else path

    return NotebookScheduling(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before the first cell starts the kernel, give it a marker of its own."""
    if _is_notebook_cell(item) and item.cell_num == 0:
        path = Path(item.parent.path)
        marker = f"mlpro-notebook-{uuid.uuid4().hex}"
        os.environ[MARKER_VARIABLE] = marker
        # The kernel starts with the first cell and inherits this environment.
        if _runs_over_spark_connect(path):
            os.environ["SPARK_REMOTE"] = SPARK_CONNECT_REMOTE
        else:
            os.environ.pop("SPARK_REMOTE", None)
        _runs[path] = NotebookRun(path, marker, time.perf_counter(), _files_in(path.parent))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each passing cell's outputs in the notebook nbval read, for the cache."""
    report = yield
    if _is_notebook_cell(item) and call.when == "call":
        run = _runs.get(Path(item.parent.path))
        if run is not None:
            if report.passed:
                item.cell.outputs = list(item.test_outputs or [])
                item.cell.execution_count = item.cell_num + 1
                run.passed += 1
            else:
                run.failed = True
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last cell (the kernel has stopped by then): check what the notebook left
    behind, and cache the run if every cell passed."""
    result = yield
    if not _is_notebook_cell(item) or item.cell_num != _code_cell_count(item) - 1:
        return result
    run = _runs.pop(Path(item.parent.path), None)
    if run is None:
        return result
    os.environ.pop(MARKER_VARIABLE, None)
    os.environ.pop("SPARK_REMOTE", None)
    seconds = time.perf_counter() - run.started
    survivors = wait_until_gone(run.marker, timeout=SURVIVOR_TIMEOUT)
    new_files = sorted(_files_in(run.path.parent) - run.files_before)
    if not run.failed and run.passed == _code_cell_count(item) and not survivors:
        _store_in_build_cache(item.parent.nb, run.path, seconds)
    problems = []
    if (
        not run.failed
        and _runs_over_spark_connect(run.path)
        and SPARK_CONNECT_SAYS not in _printed(item.parent.nb)
    ):
        problems.append(f"the notebook did not say it ran {SPARK_CONNECT_SAYS}")
    if survivors:
        problems.append(f"processes outlived the notebook: {survivors}")
    if new_files:
        problems.append(f"the notebook left files in its folder: {new_files}")
    if problems:
        raise AssertionError(f"{run.path.relative_to(REPO_ROOT)}: " + "; ".join(problems))
    return result


def _store_in_build_cache(notebook, path: Path, seconds: float) -> None:
    """Store an executed notebook where the strict build looks for it."""
    from filelock import FileLock
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    from mlpro_guide.site.extension import execution_cache_path

    cache_dir = execution_cache_path(BUILD_DIR)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cache_dir) + ".lock"):
        get_cache(str(cache_dir)).cache_notebook_bundle(
            CacheBundleIn(notebook, str(path), data={"execution_seconds": seconds}),
            check_validity=False,
            overwrite=True,
        )
