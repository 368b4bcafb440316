#!/usr/bin/env bash
# The README's test command: set up what the tests need, then run the whole suite.
#
#   scripts/test.sh [extra pytest arguments]
#
# 1. System packages: Debian's Chromium (browser tests) and Java 17 (Spark notebooks),
#    installed with apt-get when run as root or with password-less sudo; otherwise the
#    script stops and prints the one command to run.
# 2. A virtual environment (.venv, or $MLPRO_VENV), created if missing, with the pinned
#    requirements installed whenever requirements.txt, requirements-clients.txt or
#    pyproject.toml changed (the Databricks client sources go to $venv/client-sources).
# 3. Lint (ruff, notebooks and Markdown code included), then pytest in two phases on all
#    cores (pytest-xdist):
#    - phase 1: unit tests, question banks, every notebook once through nbval (each
#      passing run is stored in the build's execution cache), small strict-build books,
#      JupyterLab;
#    - phase 2: the strict build of the whole book, which takes every notebook from that
#      cache (a notebook that failed in phase 1 is executed again and fails the build),
#      then the tests of the built site in Chromium.
# 4. Offline proof: both pytest phases run in a new network namespace that has only the
#    loopback interface (`unshare -n`, then `ip link set lo up`), so any test, notebook or
#    build step that needs the internet fails. Creating the namespace needs root or
#    password-less sudo (the tests themselves keep running as the calling user); without
#    either, the script says in one line that the offline proof is skipped, and why.
#    MLPRO_OFFLINE=1 tells tests/test_offline.py to prove that the network is really gone.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${MLPRO_VENV:-.venv}
workers=${MLPRO_TEST_WORKERS:-$(nproc 2>/dev/null || echo 2)}

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
java -version 2>&1 | grep -q 'version "17' || missing+=(openjdk-17-jre-headless)
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  sudo=(none)
fi
# `ip` brings up loopback in the offline namespace (step 4); only where that can work.
if [ "${sudo[*]}" != none ] && command -v unshare >/dev/null 2>&1 \
  && ! command -v ip >/dev/null 2>&1 && [ ! -x /usr/sbin/ip ] && [ ! -x /sbin/ip ]; then
  missing+=(iproute2)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "${sudo[*]}" = none ]; then
    echo "The tests need ${missing[*]}. Install them, then run this script again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} with apt-get"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x "$venv/bin/python" ]; then
  echo "Creating the virtual environment $venv"
  python3.11 -m venv "$venv"
fi
# shellcheck disable=SC1091
. "$venv/bin/activate"
stamp="$venv/.mlpro-requirements"
wanted=$(cat requirements.txt requirements-clients.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "Installing the pinned requirements into $venv"
  python -m pip install --quiet --upgrade pip
  python -m pip install --quiet -r requirements.txt
  # The Databricks client sources the quoted-call test reads (never imported): without
  # their dependencies, into a folder off sys.path, so no pinned package changes.
  rm -rf "$venv/client-sources"
  python -m pip install --quiet --no-deps --target "$venv/client-sources" \
    -r requirements-clients.txt
  echo "$wanted" > "$stamp"
fi

echo "== Lint"
ruff format --check .
ruff check .

# Step 4: the prefix that runs a command in a namespace with only loopback, or nothing.
# As root: unshare directly. With sudo: unshare as root, bring loopback up, then drop
# back to the calling user with the environment (venv, PATH) kept.
offline=()
ip_command=$(command -v ip || echo /usr/sbin/ip)
# shellcheck disable=SC2016
up_then_run='"$0" link set lo up && exec "$@"'
if [ "${sudo[*]}" = none ]; then
  skip_reason="creating a network namespace needs root or password-less sudo"
elif ! "${sudo[@]}" unshare -n "$ip_command" link set lo up 2>/dev/null; then
  skip_reason="'unshare -n' does not work here (no namespace support, e.g. in a container)"
elif [ "$(id -u)" -eq 0 ]; then
  offline=(unshare -n sh -c "$up_then_run" "$ip_command")
else
  offline=(sudo -n --preserve-env unshare -n sh -c "$up_then_run" "$ip_command"
    sudo -n --preserve-env -u "#$(id -u)" env "PATH=$PATH")
fi
if [ ${#offline[@]} -gt 0 ]; then
  echo "== Offline proof: the tests run in a network namespace with only loopback"
  export MLPRO_OFFLINE=1
else
  echo "== Offline proof skipped: $skip_reason; the tests run with this machine's network"
fi

# pytest exits with 5 when it selected no test: an error for the whole suite, but fine
# for one phase when the caller narrowed the run with arguments.
run_phase() {
  local status=0
  "${offline[@]}" python -m pytest -n "$workers" "$@" || status=$?
  if [ "$status" -eq 5 ] && [ "$narrowed" -eq 1 ]; then status=0; fi
  return "$status"
}
narrowed=$(( $# > 0 ))

echo "== Phase 1: unit tests, banks, notebooks (once each), small builds"
run_phase -m "not site" --durations=15 "$@"

echo "== Phase 2: the strict build of the book (notebooks from phase 1), site tests"
run_phase -m site --durations=10 "$@"
