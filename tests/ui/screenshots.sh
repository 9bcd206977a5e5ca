#!/usr/bin/env bash
# Screenshots of the main views for review: a demo project with two short runs (one
# cancelled half-way, one finished), the workbench under Xvfb in English and in
# Simplified Chinese. Output: docs/screenshots/*.png.
#   tests/ui/screenshots.sh [BUILD_DIR]   (default build/dev)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build/dev}"
cli="$build/app/seekbench-cli"
gui="$build/app/seekbench"
out="$root/docs/screenshots"
[[ -x "$cli" && -x "$gui" ]] || { echo "build seekbench and seekbench-cli first ($build/app)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (Debian package xvfb)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
config="$work/demo.yaml"
sed -e 's/max_steps: 200/max_steps: 300/' -e 's/hidden_size: 64/hidden_size: 32/' \
    -e 's/intermediate_size: 128/intermediate_size: 64/' -e 's/train_samples: 4096/train_samples: 512/' \
    -e 's/eval_samples: 512/eval_samples: 128/' -e 's/batch_size: 32/batch_size: 16/' \
    -e 's/eval_every: 50/eval_every: 30/' "$root/resources/configs/tiny.yaml" > "$config"
sed -e 's/lr: 0.003/lr: 0.01/' "$config" > "$work/demo-hot.yaml"

# The demo project is created by the app itself (the new-project code path).
export XDG_CONFIG_HOME="$work/config" OMP_NUM_THREADS=1
QT_QPA_PLATFORM=offscreen "$gui" --demo "$work/demo" --screenshots "$work/ignored" >/dev/null 2>&1
# Runs keep their stdout (JSON-lines events, with the system samples) and stderr in
# their folder, as the GUI's launcher does.
train() { # config, name
  "$cli" train --project "$work/demo" --config "$1" --name "$2" >"$work/out.log" 2>"$work/err.log" || true
  local id
  id="$("$cli" project runs "$work/demo" --json --limit 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
  mv "$work/out.log" "$work/demo/runs/$id/train.out.log"
  mv "$work/err.log" "$work/demo/runs/$id/train.err.log"
}
train "$config" baseline
train "$work/demo-hot.yaml" "lr 0.01"

shoot() { # language, theme, suffix
  mkdir -p "$XDG_CONFIG_HOME/Seekbench"
  printf '[ui]\nlanguage=%s\ntheme=%s\n' "$1" "$2" > "$XDG_CONFIG_HOME/Seekbench/Seekbench.conf"
  xvfb-run -a -s "-screen 0 1400x900x24" "$gui" "$work/demo" --screenshots "$work/shots-$1-$2" >/dev/null 2>&1
  for f in "$work/shots-$1-$2"/*.png; do cp "$f" "$out/$(basename "${f%.png}")$3.png"; done
}
shoot en light ""
shoot zh_CN light "-zh_CN"
shoot en dark "-dark"
shoot zh_CN dark "-zh_CN-dark"
ls -1 "$out"
