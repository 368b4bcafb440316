"""Measure how long the book takes to build and test on this machine (not a test).

    python scripts/benchmark.py            # everything (a cold build, a warm one, the suite)
    python scripts/benchmark.py --no-suite # builds and notebook times only
    python scripts/benchmark.py --suite-seconds 700  # suite time from another run

Prints, for the current checkout: the cold build time (every notebook executed by the
build, one after another), the warm rebuild time (nothing changed), each notebook's run
time and their sum, the README test command's time, and the ratio of the suite's time to
the notebook-time sum. The README shows the latest output. It removes ``_build`` first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from mlpro_guide.site.extension import execution_cache_path  # noqa: E402

BUILD = ["jupyter-book", "build", ".", "-W", "-n", "--keep-going"]


def timed(command: list[str], **kwargs) -> float:
    """Run ``command`` in the repository; return its wall time, or exit if it fails."""
    began = time.perf_counter()
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, **kwargs)
    seconds = time.perf_counter() - began
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{(result.stdout + result.stderr)[-4000:]}")
    return seconds


def notebook_times() -> dict[str, float]:
    """Each notebook's execution time, as the last build recorded it in its cache."""
    from jupyter_cache import get_cache

    cache = get_cache(str(execution_cache_path(REPO_ROOT / "_build")))
    times = {}
    for record in cache.list_cache_records():
        uri = Path(record.uri)
        name = str(uri.relative_to(REPO_ROOT / "notebooks").with_suffix(""))
        times[name] = float(record.data.get("execution_seconds", 0.0))
    return dict(sorted(times.items()))


def machine() -> str:
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return (
        f"{os.cpu_count()} cores, {memory_kib / 1024**2:.0f} GiB, "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-suite", action="store_true", help="skip the test suite")
    parser.add_argument(
        "--suite-seconds",
        type=float,
        help="use this suite time (measured by another run, e.g. CI) instead of running it",
    )
    arguments = parser.parse_args()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True
    ).stdout.strip()

    shutil.rmtree(REPO_ROOT / "_build", ignore_errors=True)
    cold = timed(BUILD)
    notebooks = notebook_times()
    warm = timed(BUILD)
    suite = arguments.suite_seconds
    if suite is None and not arguments.no_suite:
        shutil.rmtree(REPO_ROOT / "_build", ignore_errors=True)
        suite = timed(["bash", "scripts/test.sh"])

    total = sum(notebooks.values())
    cores = os.cpu_count() or 1
    print(f"Benchmark of {commit} on {dt.date.today()}: {machine()}\n")
    print("| Notebook | Seconds |\n|---|---:|")
    for name, seconds in notebooks.items():
        print(f"| {name} | {seconds:.1f} |")
    print(f"| **sum of {len(notebooks)} notebooks** | **{total:.1f}** |\n")
    print(f"- Cold build (executes every notebook, one at a time): {cold:.0f} s")
    print(f"- Warm rebuild (nothing changed): {warm:.1f} s")
    if suite is not None:
        overhead = suite - total / cores
        how = "measured by another run" if arguments.suite_seconds else "measured here"
        print(f"- Test suite (scripts/test.sh, {cores} workers, {how}): {suite:.0f} s")
        print(f"- Suite time / notebook-time sum: {suite / total:.2f}")
        print(
            f"- Suite time = notebook sum / {cores} cores ({total / cores:.0f} s) "
            f"+ {overhead:.0f} s of other work (builds, browser tests, start-up)"
        )


if __name__ == "__main__":
    main()
