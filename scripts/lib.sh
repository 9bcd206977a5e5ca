# Shared by scripts/run, scripts/test and scripts/bench. Sourced, not run.
set -euo pipefail

SEEKBENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEKBENCH_BUILD="${SEEKBENCH_BUILD:-$SEEKBENCH_ROOT/build/dev}"

# Debian packages the build, the tests and the demo need. OpenBLAS comes in its OpenMP
# build: the pthread build's own threads fight LibTorch's OpenMP threads (2-9x slower
# steps measured), and Debian's libtorch with the reference BLAS is ~17x slower.
# valgrind: bench_capture_steps includes its callgrind header, and the perf-smoke test
# perf_smoke_capture_off_cost counts instructions with callgrind.
SEEKBENCH_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config clang-format
  libopenblas0-openmp libtorch-dev libgloo-dev
  libyaml-cpp-dev nlohmann-json3-dev libsqlite3-dev libcli11-dev
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libgl-dev
  libqcustomplot2.1-qt6 libqcustomplot-dev fonts-wqy-microhei qt6-translations-l10n
  dataset-fashion-mnist zlib1g-dev
  libxgboost-dev
  libgraphviz-dev
  valgrind
  # export and serving (issue 23): the KServe v2 server's HTTP, the load generator of its
  # benchmark, and libprotoc for the test that parses Triton's config.pbtxt.
  libcpp-httplib-dev wrk hey libprotoc-dev
  # ONNX export (issue 23): libonnx to write and check the file, python3-onnx and Node
  # (for onnxruntime-node, seekbench_ensure_onnxruntime_node) to read it in the tests.
  # npm is not listed: NodeSource's nodejs package provides and conflicts with Debian's
  # npm, so seekbench_ensure_onnxruntime_node installs Debian's only when npm is missing.
  libonnx-dev python3-onnx nodejs
  xvfb xauth poppler-utils
  # installing (issue 28): the Debian package's Depends (dpkg-shlibdeps) and the checks of
  # what it installs (tests/install): the desktop entry, AppStream, the MIME type, the man
  # pages and the zsh completion.
  dpkg-dev desktop-file-utils appstream shared-mime-info groff-base zsh
  slurmctld slurmd slurm-client munge
)

seekbench_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs what is missing; quiet and quick when everything is there.
seekbench_ensure_packages() {
  local wanted=("${SEEKBENCH_PACKAGES[@]}" "$@") missing=() p
  for p in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "seekbench: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    seekbench_sudo apt-get update -qq
    # OpenBLAS's OpenMP build first, so nothing pulls in the pthread build for it.
    if printf '%s\n' "${missing[@]}" | grep -qx libopenblas0-openmp; then
      seekbench_sudo apt-get install -y -qq --no-install-recommends libopenblas0-openmp >/dev/null
    fi
    seekbench_sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  seekbench_check_blas
}

# ONNX Runtime for the tests that run an exported model.onnx (test_onnx_export):
# onnxruntime-node, pinned, into a cache folder the tests read (SEEKBENCH_NPM_DIR). Its
# install script only fetches optional CUDA binaries, so it is skipped; the CPU runtime is
# inside the package. Quiet and quick when it is there.
SEEKBENCH_ONNXRUNTIME_NODE=onnxruntime-node@1.30.0
seekbench_ensure_onnxruntime_node() {
  export SEEKBENCH_NPM_DIR="${SEEKBENCH_NPM_DIR:-$HOME/.cache/seekbench/npm}"
  local package="$SEEKBENCH_NPM_DIR/node_modules/onnxruntime-node/package.json"
  if [ -f "$package" ] && grep -q '"version": "1.30.0"' "$package"; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    seekbench_ensure_packages npm
  fi
  echo "seekbench: installing $SEEKBENCH_ONNXRUNTIME_NODE into $SEEKBENCH_NPM_DIR" >&2
  mkdir -p "$SEEKBENCH_NPM_DIR"
  (cd "$SEEKBENCH_NPM_DIR" &&
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error "$SEEKBENCH_ONNXRUNTIME_NODE" >/dev/null)
}

# If the pthread OpenBLAS is installed anyway (it wins the alternatives priority), point
# libblas.so.3 at the OpenMP build.
seekbench_check_blas() {
  local link=/usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3
  [ "$(uname -m)" = x86_64 ] || link=/usr/lib/$(uname -m)-linux-gnu/openblas-openmp/libblas.so.3
  local name="libblas.so.3-$(uname -m)-linux-gnu"
  local current
  current="$(update-alternatives --query "$name" 2>/dev/null | sed -n 's/^Value: //p')"
  if [ -e "$link" ] && [ "$current" != "$link" ]; then
    echo "seekbench: selecting the OpenMP OpenBLAS for libblas.so.3 (was: ${current:-none})" >&2
    seekbench_sudo update-alternatives --set "$name" "$link" >/dev/null
  fi
}

seekbench_build() {
  local preset="${SEEKBENCH_PRESET:-dev}"
  cd "$SEEKBENCH_ROOT"
  if [ ! -f "$SEEKBENCH_BUILD/build.ninja" ]; then
    cmake --preset "$preset" >/dev/null
  fi
  cmake --build "$SEEKBENCH_BUILD" -j"$(nproc)" "$@"
}
