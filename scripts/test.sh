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
#    Steps 1 and 2 are scripts/setup.sh, shared with the build command scripts/build.sh.
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

# shellcheck source=scripts/setup.sh
. scripts/setup.sh
workers=${MLPRO_TEST_WORKERS:-$(nproc 2>/dev/null || echo 2)}
# The site tests always test the build of this run, never a site built earlier.
unset MLPRO_PREBUILT_SITE

packages=(chromium openjdk-17-jre-headless)
# `ip` brings up loopback in the offline namespace (step 4); only where that can work.
if [ "${sudo[*]}" != none ] && command -v unshare >/dev/null 2>&1; then
  packages+=(iproute2)
fi
install_system_packages "${packages[@]}"
prepare_venv

# Each step's wall time, in a line scripts/benchmark.py reads: "== <step> took <n> s".
timed() {
  local name=$1 began=$SECONDS
  shift
  "$@"
  echo "== $name took $(( SECONDS - began )) s"
}

echo "== Lint"
lint() { ruff format --check . && ruff check .; }
timed "Lint" lint

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
timed "Phase 1" run_phase -m "not site" --durations=15 "$@"

echo "== Phase 2: the strict build of the book (notebooks from phase 1), site tests"
timed "Phase 2" run_phase -m site --durations=10 "$@"
