#!/bin/sh
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#
# check_soname.sh LIBRARY ABI_VERSION
# Fails unless LIBRARY's SONAME is libtact.so.ABI_VERSION and that name
# (what programs load) and libtact.so (what -ltact finds) sit beside it.
set -eu
lib=$1
abi=$2
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
echo "SONAME: $soname"
if [ "$soname" != "libtact.so.$abi" ]; then
  echo "expected SONAME libtact.so.$abi"
  exit 1
fi
dir=$(dirname "$lib")
for name in "libtact.so.$abi" libtact.so; do
  if [ ! -e "$dir/$name" ]; then
    echo "missing $dir/$name"
    exit 1
  fi
  if ! cmp -s "$dir/$name" "$lib"; then
    echo "$dir/$name is not the library"
    exit 1
  fi
done
