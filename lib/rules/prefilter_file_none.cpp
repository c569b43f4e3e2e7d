// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// No prefilter file: a build without Hyperscan, and the program that makes
// the file (prefilter_file_main.cpp).
#include "core/embedded.hpp"

namespace tact::embedded {

std::string_view prefilter_file() {
  return {};
}

}  // namespace tact::embedded
