# The set-up shared by the README's two commands, scripts/build.sh and scripts/test.sh.
# Sourced by them (not run on its own), from the repository's root folder.
#
#   install_system_packages PACKAGE...  installs the Debian packages that are missing with
#       apt-get, as root or with password-less sudo; otherwise stops and prints the one
#       command to run. Knows how to tell whether chromium, openjdk-17-jre-headless and
#       iproute2 are already there.
#   prepare_venv  creates the virtual environment ($MLPRO_VENV, default .venv) if it is
#       missing, activates it, and installs the pinned requirements whenever
#       requirements.txt, requirements-clients.txt or pyproject.toml changed.
#
# Both set `sudo`: () as root, (sudo -n) with password-less sudo, (none) otherwise.

venv=${MLPRO_VENV:-.venv}

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  sudo=(none)
fi

# True when the Debian package's program is already usable.
_package_present() {
  case "$1" in
    chromium) command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] ;;
    openjdk-17-jre-headless) java -version 2>&1 | grep -q 'version "17' ;;
    iproute2) command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] ;;
    *) dpkg -s "$1" >/dev/null 2>&1 ;;
  esac
}

install_system_packages() {
  local missing=() package
  for package in "$@"; do
    _package_present "$package" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "${sudo[*]}" = none ]; then
    echo "This command needs ${missing[*]}. Install them, then run it again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} with apt-get"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

prepare_venv() {
  if [ ! -x "$venv/bin/python" ]; then
    echo "Creating the virtual environment $venv"
    python3.11 -m venv "$venv"
  fi
  # shellcheck disable=SC1091
  . "$venv/bin/activate"
  local stamp="$venv/.mlpro-requirements" wanted
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
}
