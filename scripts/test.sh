#!/usr/bin/env bash
# `npm test`: the whole suite. Type check, lint, build, unit and integration
# tests (SQLite always, PostgreSQL too when TEST_DATABASE_URL is set), then the
# browser tests against the production build in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is missing: installing Debian's chromium package..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium not found at $CHROMIUM: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi

start=$(date +%s)
step() { echo; echo "== $1 ($(( $(date +%s) - start ))s)"; }

step "typecheck"
npx tsc --noEmit
step "lint"
npx eslint .
step "build"
VITE_CJS_IGNORE_WARNING=true npx remix build
step "unit and integration tests${TEST_DATABASE_URL:+ (SQLite and PostgreSQL)}"
npx vitest run
step "browser tests (Chromium)"
npx playwright test
step "done"
