#!/usr/bin/env bash
# Installs the build tree into a temporary prefix, then builds and runs a
# consumer against it through find_package(tact) (shared and static) and
# through pkg-config.
#   install_test.sh BUILD_DIR SOURCE_DIR [CXXFLAGS [LDFLAGS]]
# CXXFLAGS and LDFLAGS are the build's own: a consumer of a sanitizer build
# (scripts/test-sanitizers.sh) must link the same sanitizer runtime.
set -euo pipefail
build=$1
source=$2
cxxflags=${3:-}
ldflags=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(find "$prefix" -name 'libtact.so.*' -printf '%h\n' | head -n 1)

echo "== find_package(tact)"
cmake -S "$source/tests/install/consumer" -B "$work/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" >/dev/null
cmake --build "$work/consumer" | tail -n 30
LD_LIBRARY_PATH=$libdir "$work/consumer/consumer_shared"
"$work/consumer/consumer_static"

echo "== pkg-config --cflags --libs tact"
export PKG_CONFIG_PATH=$libdir/pkgconfig
flags=$(pkg-config --cflags --libs tact)
echo "flags: $flags"
c++ -std=c++17 $cxxflags "$source/tests/install/consumer/consumer.cpp" $flags $ldflags \
  -o "$work/consumer_pc"
LD_LIBRARY_PATH=$libdir "$work/consumer_pc"
echo "install test: ok"
