#!/usr/bin/env bash
# Set up .venv with counterclaim and its pinned dependencies (idempotent).
#   scripts/install.sh          runtime only
#   scripts/install.sh --test   plus test tools, every extra the tests exercise (xlsx, ann, train, dask),
#                               and Debian's Chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

if [ ! -x .venv/bin/python ]; then
  echo "counterclaim: creating .venv" >&2
  "$PYTHON" -m venv .venv
fi

extras="."
[ $want_test = 1 ] && extras=".[test,xlsx,ann,train,dask]"
stamp=".venv/.installed-$( [ $want_test = 1 ] && echo test || echo run )"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  echo "counterclaim: installing dependencies (pinned by constraints.txt)" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e "$extras"
  touch "$stamp"
fi

# Browser tests drive Debian's Chromium (no tool may download a browser of its own);
# the PostgreSQL tests start a throwaway server from Debian's postgresql.
if [ $want_test = 1 ]; then
  missing=""
  [ -x /usr/bin/chromium ] || missing="$missing chromium chromium-driver"
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$missing postgresql"
  if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" != 0 ] && command -v sudo >/dev/null && sudo="sudo -n"
    if [ "$(id -u)" = 0 ] || [ -n "$sudo" ]; then
      echo "counterclaim: installing Debian packages for the tests:$missing" >&2
      $sudo apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
    else
      echo "counterclaim: no root to install$missing: browser/PostgreSQL tests will be skipped" >&2
    fi
  fi
fi
