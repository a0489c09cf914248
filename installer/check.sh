#!/usr/bin/env bash
# Checks what installer/build.sh built, without installing anything on this machine:
#   1. the app-image carries the sample runs beside its jar (where the workbench's library looks)
#      and its own runtime reads them (bin/rmel export on them);
#   2. the .deb declares GTK 3, and its maintainer scripts never fail the installation or the
#      removal over the desktop menu: run as dpkg would (postinst configure, prerm remove) with
#      xdg-utils missing, with an xdg-desktop-menu that fails, and with one that works.
# Run from anywhere after a build: installer/check.sh   Exit 0 when every check passes.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=target/installer
IMAGE="$OUT/R-MEL Workbench"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

[[ -d "$IMAGE" ]] || fail "no app-image at $IMAGE: run installer/build.sh first"
for run in sample-runs/*/; do
  name=$(basename "$run")
  [[ -f "$run/run.json" ]] || continue
  [[ -f "$IMAGE/lib/app/sample-runs/$name/events.jsonl" ]] || fail "sample run $name missing from the app-image"
done
pass "the app-image carries the sample runs in lib/app/sample-runs"
"$IMAGE/bin/rmel" export "$IMAGE"/lib/app/sample-runs/* --figure table1 --format md --out "$TMP/table1.md" 2> "$TMP/export.err" \
  || fail "the app-image's rmel cannot export its sample runs: $(cat "$TMP/export.err")"
grep -q "R-MEL" "$TMP/table1.md" || fail "table1.md has no R-MEL row"
grep -q "note: skipping .*README.md" "$TMP/export.err" || fail "export did not note the skipped README: $(cat "$TMP/export.err")"
pass "the app-image's own runtime reads its sample runs (bin/rmel export)"

DEB=$(ls "$OUT"/rmel-workbench_*.deb 2>/dev/null | head -1 || true)
if [[ -z "$DEB" ]]; then
  echo "note: no .deb in $OUT (built without dpkg-deb/fakeroot?); package checks skipped"
  exit 0
fi
dpkg-deb -f "$DEB" Depends | grep -q "libgtk-3-0" || fail "the .deb does not depend on libgtk-3-0"
dpkg-deb -c "$DEB" > "$TMP/contents"
grep -q "opt/rmel-workbench/lib/app/sample-runs/r-mel/events.jsonl" "$TMP/contents" \
  || fail "the .deb does not install the sample runs"
pass "the .deb depends on libgtk-3-0 and installs the sample runs"
dpkg-deb -e "$DEB" "$TMP/control"

run_script() { # script arg PATH → exit code; stderr in $TMP/err
  local script=$1 arg=$2 path=$3
  set +e
  PATH="$path" /bin/sh "$TMP/control/$script" "$arg" > "$TMP/out" 2> "$TMP/err"
  local code=$?
  set -e
  echo "$code"
}

mkdir -p "$TMP/empty" "$TMP/failing" "$TMP/working"
printf '#!/bin/sh\necho "xdg-desktop-menu: no menu folders" >&2\nexit 1\n' > "$TMP/failing/xdg-desktop-menu"
printf '#!/bin/sh\necho "$@" >> "%s/calls"\nexit 0\n' "$TMP" > "$TMP/working/xdg-desktop-menu"
chmod +x "$TMP/failing/xdg-desktop-menu" "$TMP/working/xdg-desktop-menu"
for tool in xdg-mime xdg-icon-resource update-desktop-database; do
  cp "$TMP/working/xdg-desktop-menu" "$TMP/working/$tool"
  cp "$TMP/failing/xdg-desktop-menu" "$TMP/failing/$tool"
done

[[ $(run_script postinst configure "$TMP/empty") == 0 ]] || fail "postinst fails without xdg-utils: $(cat "$TMP/err")"
grep -q "xdg-utils is not installed" "$TMP/err" || fail "postinst does not say that xdg-utils is missing"
[[ $(run_script postinst configure "$TMP/failing:/usr/bin:/bin") == 0 ]] || fail "postinst fails when the menu cannot be registered"
grep -q "could not be added" "$TMP/err" || fail "postinst does not say the menu entry is missing: $(cat "$TMP/err")"
[[ $(run_script postinst configure "$TMP/working:/usr/bin:/bin") == 0 ]] || fail "postinst fails with a working xdg-utils"
grep -q "install .*\.desktop" "$TMP/calls" || fail "postinst did not register the menu entry: $(cat "$TMP/calls" 2>/dev/null)"
pass "postinst: installs without xdg-utils, with a failing menu registration, and registers the menu when it can"

for path in "$TMP/empty" "$TMP/failing:/usr/bin:/bin" "$TMP/working:/usr/bin:/bin"; do
  [[ $(run_script prerm remove "$path") == 0 ]] || fail "prerm remove fails with PATH=$path: $(cat "$TMP/err")"
done
grep -q "uninstall .*\.desktop" "$TMP/calls" || fail "prerm did not unregister the menu entry"
pass "prerm: removal never fails over the menu entry"
echo "all installer checks passed"
