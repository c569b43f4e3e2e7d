#!/usr/bin/env bash
# Installs the Debian packages Tact needs to build, test and benchmark.
# Does nothing when every package is already installed.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libicu-dev libre2-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev
  doctest-dev libbenchmark-dev python3 python3-pytest python3-sklearn python3-numpy
  # tact.dask (bindings/python/tact/dask.py), its tests and bench/dask_scaling.py
  python3-dask python3-distributed python3-pandas
  # tact serve, and its browser test (tests/serve/test_serve_browser.py)
  libcpp-httplib-dev chromium chromium-driver python3-selenium
)

# The prefilter's engine (lib/rules/hyperscan_prefilter.hpp); Debian builds
# it for x86-64 only, and the build goes without it elsewhere.
[ "$(dpkg --print-architecture)" = amd64 ] && packages+=(libhyperscan-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "tact: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# apt-get install needs package lists; fetch them only when the first try fails.
if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
