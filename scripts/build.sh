#!/usr/bin/env bash
# The README's build command: set up what the build needs, run the notebooks on all
# cores, then build the site strictly (writes _build/html/index.html).
#
#   scripts/build.sh
#
# 1. Set-up, as scripts/test.sh does it (scripts/setup.sh): Java 17 for the Spark
#    notebooks, installed with apt-get as root or with password-less sudo (otherwise the
#    script stops and prints the one command to run); the virtual environment .venv (or
#    $MLPRO_VENV), created if missing, with the pinned requirements.
# 2. Notebooks: each notebook that the execution cache does not already hold (all of them
#    on a fresh clone, only the changed ones afterwards) runs once from a fresh kernel
#    through nbval on all cores, scheduled as in the tests (the root conftest.py): a
#    notebook runs whole on one worker, and the notebooks that start a JVM or a Ray
#    cluster run one after another on the same worker. Every run whose cells all pass is
#    stored in the build's execution cache. A failing notebook stops the command here,
#    with the failing cell and its error printed.
# 3. The strict build (`jupyter-book build . -W -n --keep-going`), which publishes the
#    notebooks from that cache and fails on any Sphinx warning.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/setup.sh
. scripts/setup.sh
workers=${MLPRO_TEST_WORKERS:-$(nproc 2>/dev/null || echo 2)}

install_system_packages openjdk-17-jre-headless
prepare_venv

began=$SECONDS
outdated=$(python - <<'EOF'
"""The notebooks whose current code has no run in the build's execution cache."""
from pathlib import Path

import nbformat
from jupyter_cache import get_cache

from mlpro_guide.site.extension import execution_cache_path

cache_dir = execution_cache_path(Path("_build"))
cache = get_cache(str(cache_dir)) if cache_dir.exists() else None
for path in sorted(Path("notebooks").rglob("*.ipynb")):
    if ".ipynb_checkpoints" in path.parts:
        continue
    try:
        if cache is not None:
            cache.match_cache_notebook(nbformat.read(path, 4))
            continue
    except KeyError:
        pass
    print(path)
EOF
)
notebooks=()
[ -n "$outdated" ] && mapfile -t notebooks <<< "$outdated"
if [ ${#notebooks[@]} -gt 0 ]; then
  echo "== Notebooks: running ${#notebooks[@]} on $workers cores into the execution cache"
  if ! python -m pytest -n "$workers" -q --no-header --durations=5 \
    "${notebooks[@]}"; then
    echo "A notebook failed (its cell and error are above); the book was not built." >&2
    exit 1
  fi
else
  echo "== Notebooks: every notebook's current code is already in the execution cache"
fi
echo "== Notebooks took $(( SECONDS - began )) s"

began=$SECONDS
echo "== Strict build of the book (notebooks from the execution cache)"
jupyter-book build . -W -n --keep-going
echo "== Build took $(( SECONDS - began )) s"
