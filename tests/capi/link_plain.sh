#!/bin/sh
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#
# link_plain.sh CC LIBDIR OUTDIR SOURCE [CFLAGS...]
# Compiles SOURCE as strict C99 and links it with -ltact alone (the
# library's own DT_NEEDED brings in C++ and ICU), then runs it.
set -eu
cc=$1
libdir=$2
outdir=$3
source=$4
shift 4
mkdir -p "$outdir"
"$cc" -std=c99 -pedantic -Werror -Wall -Wextra "$@" "$source" \
  -L"$libdir" -ltact -Wl,-rpath,"$libdir" -o "$outdir/link_plain"
"$outdir/link_plain"
