#!/usr/bin/env bash
# Screenshots of the main views for review, from the screenshot suite
# (tests/ui/test_screenshot_suite.cpp): welcome, new project, one live run, its System
# tab, two runs compared, the compare table, the launch dialog, the attention inspector,
# the AML timeline, case, threshold and case report, in English and Simplified Chinese,
# light and dark, under Xvfb. The suite also checks them (clipped text, one colour per
# run, chart backgrounds); its verdict is printed, and the pictures are copied either way.
# Output: docs/screenshots/*.png (name, -zh_CN, -dark, -zh_CN-dark).
#   tests/ui/screenshots.sh [BUILD_DIR]   (default build/dev)
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build/dev}"
suite="$build/tests/ui/test_screenshot_suite"
out="$root/docs/screenshots"
[[ -x "$suite" ]] || { echo "build test_screenshot_suite first (ninja -C $build test_screenshot_suite)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (Debian package xvfb)" >&2; exit 2; }

shots="$(mktemp -d)"
trap 'rm -rf "$shots"' EXIT
SEEKBENCH_SHOTS_DIR="$shots" OMP_NUM_THREADS=1 \
  xvfb-run -a -s "-screen 0 1400x900x24" "$suite" -o "$shots/result.txt,txt"
verdict=$?
grep -E '^(FAIL|  [a-z])|^Totals' "$shots/result.txt" || true
mkdir -p "$out"
cp "$shots"/*.png "$out/"
ls -1 "$out"
[[ $verdict -eq 0 ]] || echo "the suite found problems (above); the pictures show them" >&2
exit $verdict
