#!/bin/sh
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#
# check_symbols.sh LIBRARY HEADER
# Fails unless every dynamic symbol LIBRARY defines is a C function tact_*
# declared in HEADER (tact.h), besides the version node TACT_N (the C++ API
# is header-only over the C ABI, so no C++ symbol may leave the library);
# and unless every function HEADER declares is exported.
set -eu
lib=$1
header=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nm -D --defined-only "$lib" | awk '{ print $3 }' | sed 's/@.*//' | sort -u >"$tmp/raw"
nm -D --defined-only -C "$lib" >"$tmp/demangled"
grep -E '^TACT_C_API' "$header" | grep -oE '\btact_[a-z0-9_]+\(' | tr -d '(' | sort -u >"$tmp/declared"

status=0
while IFS= read -r line; do
  type=$(printf '%s\n' "$line" | awk '{ print $2 }')
  name=$(printf '%s\n' "$line" | sed -E 's/^[0-9a-fA-F]* *[A-Za-z] //; s/@.*//')
  case "$name" in
    tact_*)
      if ! grep -qx "$name" "$tmp/declared"; then
        echo "exported but not declared in tact.h: $name"
        status=1
      fi
      ;;
    TACT_[0-9]*)
      if [ "$type" != A ]; then
        echo "unexpected symbol: $name ($type)"
        status=1
      fi
      ;;
    *)
      echo "unexpected symbol: $name"
      status=1
      ;;
  esac
done <"$tmp/demangled"

while IFS= read -r fn; do
  if ! grep -qx "$fn" "$tmp/raw"; then
    echo "declared in tact.h but not exported: $fn"
    status=1
  fi
done <"$tmp/declared"

echo "$(wc -l <"$tmp/demangled") exported symbols, $(wc -l <"$tmp/declared") C functions declared"
exit $status
