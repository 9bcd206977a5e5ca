#!/usr/bin/env bash
# The Debian package, installed the way a user would get it (issue 28): cpack builds
# seekbench_*.deb from this build, dpkg -x unpacks it into a temporary root, and everything
# below runs from there, away from the build folder: --version, training the tiny example
# config into a new project, the GUI offscreen for a few seconds on that project, the man
# pages, the desktop entry, the AppStream metainfo, the MIME type, the icons and the
# completion scripts.
#   install_check.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$1 source=$2
failures=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { # what, command...
  local what=$1; shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}

work=$(mktemp -d /tmp/seekbench-install.XXXXXX)
trap 'rm -rf "$work"' EXIT

# 1. The package.
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"
  echo "FAIL: cpack -G DEB"
  exit 1
fi
deb=$(ls "$work"/pkg/seekbench_*.deb)
ok "cpack built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
depends=$(dpkg-deb -f "$deb" Depends)
for wanted in libopenblas0-openmp libtorch1.13 libqt6widgets6 libqt6svg6 libsqlite3-0 libyaml-cpp0.7; do
  case ", $depends" in *", $wanted"*) ok "Depends names $wanted" ;; *) fail "Depends lacks $wanted: $depends" ;; esac
done
case "$depends" in *libblas3*|*libopenblas0-pthread*) fail "Depends names a BLAS other than the OpenMP OpenBLAS: $depends" ;; esac
root="$work/root"
dpkg -x "$deb" "$root" || { echo "FAIL: dpkg -x"; exit 1; }
bin="$root/usr/bin" share="$root/usr/share"

# 2. Nothing points back at the build folder.
for exe in "$bin/seekbench-cli" "$bin/seekbench"; do
  runpath=$(readelf -d "$exe" | grep -E 'RPATH|RUNPATH' || true)
  case "$runpath" in *"$build"*|*"$source"*) fail "$(basename "$exe") has a run path into the build: $runpath" ;;
    *) ok "$(basename "$exe") has no run path into the build" ;; esac
done

# 3. The CLI from the package, in a folder of its own, with a PATH without the build.
cli="$bin/seekbench-cli"
version=$(cd "$work" && PATH=/usr/bin:/bin "$cli" --version)
case "$version" in "seekbench-cli "[0-9]*"(commit "*", LibTorch "*")") ok "--version: $version" ;;
  *) fail "--version printed '$version'" ;; esac
project="$work/project"
check "project init" sh -c '"$0" project init "$1" --name Installed >/dev/null' "$cli" "$project"
config="$share/seekbench/configs/tiny.yaml"
check "the example configs are installed" test -f "$config"
if (cd "$work" && PATH=/usr/bin:/bin "$cli" train --project "$project" --config "$config" --name installed-tiny \
      >"$work/train.jsonl" 2>"$work/train.err"); then
  ok "train the tiny config from the package"
else
  fail "train the tiny config from the package: $(tail -3 "$work/train.err")"
fi
runs=$("$cli" project runs "$project" --json 2>&1)
case "$runs" in *installed-tiny*finished*|*finished*installed-tiny*) ok "the run is recorded as finished" ;;
  *) fail "project runs: $runs" ;; esac

# A report of that run as a PDF, in Chinese: seekbench-cli hands it to the installed
# seekbench-report beside it.
if [ -x "$bin/seekbench-report" ]; then
  run_id=$(ls "$project/runs" | head -1)
  if PATH=/usr/bin:/bin "$cli" report --project "$project" --runs "$run_id" --language zh_CN \
       --out "$work/report.pdf" >"$work/report.log" 2>&1 \
     && pdftotext "$work/report.pdf" "$work/report.txt" && grep -q "概览" "$work/report.txt"; then
    ok "a Chinese PDF report from the package"
  else
    fail "report --out report.pdf: $(tail -3 "$work/report.log")"
  fi
fi

# 4. The GUI from the package, offscreen, on that project (what a file manager passes: the
#    manifest). Still running after a few seconds means it started and did not crash.
if [ -x "$bin/seekbench" ]; then
  mkdir -p "$work/home"
  HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" QT_QPA_PLATFORM=offscreen PATH=/usr/bin:/bin \
    timeout 6 "$bin/seekbench" "$project/seekbench-project.yaml" >"$work/gui.log" 2>&1
  rc=$?
  if [ "$rc" -eq 124 ]; then ok "the GUI runs offscreen from the package"; else fail "the GUI exited with $rc: $(tail -5 "$work/gui.log")"; fi
  help=$(HOME="$work/home" QT_QPA_PLATFORM=offscreen "$bin/seekbench" --help 2>&1)
  gui_page=$(zcat "$share/man/man1/seekbench.1.gz" | sed 's/\\-/-/g') # read once: see the note at step 6
  for opt in $(printf '%s\n' "$help" | grep -oE '^ +--[a-z-]+' | tr -d ' '); do
    if grep -q -- "$opt" <<<"$gui_page"; then ok "seekbench(1) describes $opt"
    else fail "seekbench(1) lacks $opt, which seekbench --help prints"; fi
  done

  # 5. Desktop integration.
  desktop="$share/applications/io.github.seekbench.Seekbench.desktop"
  check "desktop-file-validate" desktop-file-validate "$desktop"
  check "the desktop entry has the zh_CN comment" grep -q '^Comment\[zh_CN\]=' "$desktop"
  check "appstreamcli validate" appstreamcli validate --no-net "$share/metainfo/io.github.seekbench.Seekbench.metainfo.xml"
  cp -r "$share/mime" "$work/mime"
  check "update-mime-database accepts the MIME type" sh -c 'update-mime-database "$0" >/dev/null 2>&1' "$work/mime"
  check "seekbench-project.yaml is application/x-seekbench-project" \
    grep -q 'application/x-seekbench-project:seekbench-project.yaml' "$work/mime/globs2"
  check "the desktop entry opens that MIME type" grep -q '^MimeType=application/x-seekbench-project;' "$desktop"
  check "the scalable icon" test -s "$share/icons/hicolor/scalable/apps/io.github.seekbench.Seekbench.svg"
  for size in 16 32 48 64 128 256; do
    png="$share/icons/hicolor/${size}x${size}/apps/io.github.seekbench.Seekbench.png"
    got=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]) if d[:8]==b"\x89PNG\r\n\x1a\n" else "not a PNG")' "$png" 2>&1)
    if [ "$got" = "${size}x${size}" ]; then ok "icon ${size}x${size}"; else fail "icon ${size}x${size}: $got"; fi
  done
fi

# 6. Man pages: they render without warnings, and seekbench-cli(1) has a section for every verb.
for page in "$share/man/man1/seekbench-cli.1.gz" "$share/man/man1/seekbench.1.gz"; do
  [ -f "$page" ] || { [ "$page" = "$share/man/man1/seekbench.1.gz" ] && [ ! -x "$bin/seekbench" ] && continue; }
  warnings=$(zcat "$page" | groff -ww -z -man 2>&1)
  if [ -z "$warnings" ]; then ok "$(basename "$page") renders cleanly"; else fail "$(basename "$page"): $warnings"; fi
done
# Read once into a variable: with `zcat | grep -q`, grep may stop early, zcat then dies of
# SIGPIPE and pipefail calls the match a failure, at random.
cli_page=$(zcat "$share/man/man1/seekbench-cli.1.gz")
for verb in $("$cli" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF {print $1}'); do
  upper=$(printf '%s' "$verb" | tr a-z A-Z)
  if grep -q "^\.SH \"$upper\"" <<<"$cli_page"; then ok "seekbench-cli(1) has a section for $verb"
  else fail "seekbench-cli(1) has no section for $verb"; fi
done

# 7. Completion, as installed.
if bash "$source/tests/install/completion_check.sh" "$share/bash-completion/completions/seekbench-cli" \
     "$share/zsh/vendor-completions/_seekbench-cli" >"$work/completion.log" 2>&1; then
  ok "bash and zsh completion ($(grep -c '^ok' "$work/completion.log") checks)"
else
  cat "$work/completion.log"; fail "completion"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures install check(s) failed"
  exit 1
fi
echo "all install checks passed"
