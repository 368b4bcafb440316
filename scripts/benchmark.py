"""Measure how long the README's commands take on this machine (not a test).

    python scripts/benchmark.py          # the build command, then the test command
    python scripts/benchmark.py --ci     # ... then .ci/run as well (a fresh venv)
    python scripts/benchmark.py --no-test

Each command runs in a fresh clone of the current commit (``git clone`` of HEAD into a
temporary folder, so uncommitted changes are not measured), as a newcomer would run it:

* **build**: ``scripts/build.sh`` (notebooks on all cores into the execution cache, then
  the strict build) with the Python environment running this script as its already
  installed ``.venv`` (see :func:`borrowed_venv`), so the time excludes the install; then
  the same command again, which finds every notebook in the cache (a warm rebuild);
* **test**: ``scripts/test.sh`` in another fresh clone: lint, phase 1 and phase 2, each
  timed by the script itself;
* **ci** (``--ci``): ``.ci/run`` in a third fresh clone: a new virtual environment, the
  README's install (from pip's cache when it is warm), then the test command.

With ``--baseline <commit>`` the same commands run again, one after the other, in fresh
clones of that commit, and the summary shows both columns: a before-and-after on the
same machine in the same run.

Prints a Markdown summary for the README, with the date, the commit and the machine,
then each notebook's run time as the build recorded it. Exits with the failing
command's output if one fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# The scripts print "== <step> took <n> s" for each step they time.
STEP_TIME = re.compile(r"^== (.+) took (\d+) s$", re.MULTILINE)


def fresh_clone(parent: Path, name: str, commit: str = "HEAD") -> Path:
    """A clone of this repository at ``commit`` (HEAD by default), as a newcomer gets it."""
    folder = parent / name
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(REPO_ROOT), str(folder)],
        check=True,
    )
    subprocess.run(["git", "checkout", "--quiet", commit], cwd=folder, check=True)
    return folder


def borrowed_venv(folder: Path, clone: Path) -> Path:
    """A stand-in for a virtual environment that is already installed: it activates the
    environment running this script, and carries the stamp that tells scripts/setup.sh
    the clone's requirements are installed, so the commands install nothing (and never
    re-point this environment's editable install at a clone)."""
    if folder.exists():  # the same clone measured again
        return folder
    folder.mkdir(parents=True)
    (folder / "bin").mkdir()
    (folder / "bin" / "python").symlink_to(Path(sys.executable))
    (folder / "bin" / "activate").write_text(f". '{Path(sys.prefix) / 'bin' / 'activate'}'\n")
    wanted = b"".join(
        (clone / name).read_bytes()
        for name in ("requirements.txt", "requirements-clients.txt", "pyproject.toml")
    )
    (folder / ".mlpro-requirements").write_text(hashlib.sha256(wanted).hexdigest() + "\n")
    return folder


def run(command: list[str], clone: Path, environment: dict[str, str]) -> tuple[float, dict]:
    """Run ``command`` in ``clone``; return its wall time and the steps it timed."""
    began = time.perf_counter()
    result = subprocess.run(
        command, cwd=clone, env=environment, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - began
    output = result.stdout + result.stderr
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {clone}:\n{output[-6000:]}")
    return seconds, {name: float(value) for name, value in STEP_TIME.findall(output)}


def notebook_times(clone: Path) -> dict[str, float]:
    """Each notebook's run time, as the execution cache of ``clone`` recorded it (the
    cache folder is named after the clone's own package, so any commit can be read)."""
    from jupyter_cache import get_cache

    times = {}
    for cache_dir in sorted((clone / "_build" / ".jupyter_cache").glob("*/")):
        for record in get_cache(str(cache_dir)).list_cache_records():
            name = str(Path(record.uri).relative_to(clone / "notebooks").with_suffix(""))
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


# Each command's row, and the rows of the steps it times ("== <step> took <n> s").
BUILD_ROWS = (
    "Build command, fresh clone (`scripts/build.sh`, install excluded)",
    {
        "Notebooks": "- notebooks on all cores, into the execution cache",
        "Build": "- strict build from the cache",
    },
)
TEST_ROWS = (
    "Test command, fresh clone (`scripts/test.sh`, install excluded)",
    {
        "Lint": "- lint",
        "Phase 1": "- phase 1: unit tests, banks, every notebook, small builds",
        "Phase 2": "- phase 2: strict build from phase 1's runs, site tests",
    },
)


def measure(parent: Path, commit: str, arguments: argparse.Namespace) -> tuple[dict, dict]:
    """Run the chosen commands on fresh clones of ``commit``; return each row's seconds
    (in order) and each notebook's run time in the build command."""
    rows: dict[str, float] = {}
    notebooks: dict[str, float] = {}
    tag = commit.replace("/", "-")

    def environment(clone: Path) -> dict[str, str]:
        # The clone's own package, never the one the venv's editable install names.
        venv = borrowed_venv(parent / f"venv-{clone.name}", clone)
        return {**os.environ, "PYTHONPATH": str(clone), "MLPRO_VENV": str(venv)}

    def timed(script: str, total: str, steps: dict[str, str]) -> Path:
        """Run ``script`` in a fresh clone; record its time and the steps it timed."""
        clone = fresh_clone(parent, f"{Path(script).stem}-{tag}", commit)
        seconds, timed_steps = run(["bash", script], clone, environment(clone))
        rows[total] = seconds
        rows.update({row: timed_steps[step] for step, row in steps.items()})
        return clone

    if not arguments.no_build:
        clone = timed("scripts/build.sh", BUILD_ROWS[0], BUILD_ROWS[1])
        notebooks = notebook_times(clone)
        seconds, _ = run(["bash", "scripts/build.sh"], clone, environment(clone))
        rows["Build command again, nothing changed"] = seconds
        shutil.rmtree(clone)

    if not arguments.no_test:
        shutil.rmtree(timed("scripts/test.sh", TEST_ROWS[0], TEST_ROWS[1]))

    if arguments.ci:
        clone = fresh_clone(parent, f"ci-{tag}", commit)
        env = environment(clone)
        env.pop("MLPRO_VENV")  # .ci/run makes and names its own
        seconds, steps = run(["bash", ".ci/run"], clone, env)
        rows["CI, fresh clone (`.ci/run`: new venv, install, test command)"] = seconds
        rows.update({f"- {name.lower()} (in CI)": value for name, value in steps.items()})
        shutil.rmtree(clone)
    return rows, notebooks


def short(commit: str) -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", commit], cwd=REPO_ROOT, capture_output=True, text=True
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="skip the build command")
    parser.add_argument("--no-test", action="store_true", help="skip the test command")
    parser.add_argument("--ci", action="store_true", help="also run .ci/run (fresh venv)")
    parser.add_argument(
        "--baseline", metavar="COMMIT", help="also measure this earlier commit (the before column)"
    )
    arguments = parser.parse_args()
    commits = [short("HEAD")] + ([short(arguments.baseline)] if arguments.baseline else [])
    if arguments.baseline and not commits[1]:
        sys.exit(f"--baseline: no commit {arguments.baseline!r} in {REPO_ROOT}")

    with tempfile.TemporaryDirectory(prefix="mlpro-benchmark-") as parent:
        results = [measure(Path(parent), commit, arguments) for commit in commits]

    columns = list(reversed(commits))  # before, then after
    measured = dict(zip(commits, results, strict=True))
    what = f"{commits[0]}, before it {commits[1]}" if arguments.baseline else commits[0]
    print(f"Benchmark of {what} on {dt.date.today()}: {machine()}\n")
    print("| Command | " + " | ".join(f"{c} (s)" for c in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    names = list(dict.fromkeys(name for rows, _ in results for name in rows))
    for name in names:
        cells = [measured[c][0].get(name) for c in columns]
        print(f"| {name} | " + " | ".join("" if v is None else f"{v:.0f}" for v in cells) + " |")
    notebook_names = sorted({name for _, notebooks in results for name in notebooks})
    if notebook_names:
        print("\n| Notebook (run time in the build command) | " + " | ".join(columns) + " |")
        print("|---|" + "---:|" * len(columns))
        for name in notebook_names:
            cells = [measured[c][1].get(name) for c in columns]
            print(
                f"| {name} | " + " | ".join("" if v is None else f"{v:.1f}" for v in cells) + " |"
            )
        totals = [sum(measured[c][1].values()) for c in columns]
        print(
            f"| **sum of {len(notebook_names)} notebooks** | "
            + " | ".join(f"**{t:.1f}**" for t in totals)
            + " |"
        )


if __name__ == "__main__":
    main()
