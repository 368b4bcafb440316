"""Shared fixtures: the built site, a local web server for it, and Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from mlpro_guide.site.chromium import CHROMIUM, CHROMIUM_ARGS

REPO_ROOT = Path(__file__).resolve().parents[1]
BUILD_COMMAND = ["jupyter-book", "build", ".", "-W", "-n", "--keep-going"]

# One id for this test run, shared by every xdist worker (a plain run makes its own).
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex


@pytest.fixture(autouse=True)
def restore_environment():
    """Undo environment changes a test makes. `mlflow.set_tracking_uri` exports
    MLFLOW_TRACKING_URI; leaked into later notebook kernels, it would make every notebook
    share one store instead of its own fresh sandbox."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def jupyter_book_executable() -> str:
    """The jupyter-book command of the Python running the tests."""
    candidate = Path(sys.executable).parent / "jupyter-book"
    return str(candidate) if candidate.exists() else "jupyter-book"


def run_build(book_dir: Path, timeout: int = 1500) -> subprocess.CompletedProcess:
    """Build ``book_dir`` strictly, as the README does; return the finished process."""
    return subprocess.run(
        [jupyter_book_executable(), *BUILD_COMMAND[1:]],
        cwd=book_dir,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def built_site() -> Path:
    """Build the whole book strictly, once per test run even with several xdist workers
    (the first builds, the others wait for it); fail with the build log if it fails.

    Notebooks whose nbval run passed earlier in the run are taken from the execution
    cache (see the root conftest.py); any other notebook is executed by the build.

    ``MLPRO_PREBUILT_SITE=<folder>`` skips the build and tests that site instead (to
    iterate on a page or to time the site tests; scripts/test.sh always builds)."""
    from filelock import FileLock

    prebuilt = os.environ.get("MLPRO_PREBUILT_SITE")
    if prebuilt:
        return Path(prebuilt)
    build_dir = REPO_ROOT / "_build"
    build_dir.mkdir(exist_ok=True)
    done, log = build_dir / f".built-{RUN_ID}", build_dir / f".build-{RUN_ID}.log"
    with FileLock(str(build_dir / ".build.lock")):
        if not done.exists():
            for stale in [*build_dir.glob(".built-*"), *build_dir.glob(".build-*.log")]:
                stale.unlink()
            result = run_build(REPO_ROOT)
            log.write_text(result.stdout + result.stderr)
            done.write_text(str(result.returncode))
    if done.read_text() != "0":
        pytest.fail("jupyter-book build failed:\n" + log.read_text()[-6000:], pytrace=False)
    return build_dir / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_folder(folder: Path):
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port) while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Serve the built site on 127.0.0.1 (a free port) for the browser tests."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()
