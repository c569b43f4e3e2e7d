// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact_prefilter_file OUT: compiles the Hyperscan databases of the embedded
// default pack's patterns and writes them to OUT, which the build then
// embeds in the library (lib/CMakeLists.txt). Run at build time because
// compiling them takes seconds and loading them milliseconds. This program
// is linked with an empty prefilter file (prefilter_file_none.cpp).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "rules/compiled_pack.hpp"
#include "tact/options.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: tact_prefilter_file OUT\n";
    return 2;
  }
  std::shared_ptr<const tact::rules::Pack> pack;
  const tact::Status status = tact::rules::Pack::load(tact::Options(), &pack);
  if (!status.ok()) {
    std::cerr << "tact_prefilter_file: " << status.message << "\n";
    return 1;
  }
  const auto* compiled = dynamic_cast<const tact::rules::CompiledPack*>(pack.get());
  std::string file;
  if (compiled == nullptr || !compiled->compile_prefilter_file(&file)) {
    std::cerr << "tact_prefilter_file: Hyperscan could not compile the default pack\n";
    return 1;
  }
  const std::string tmp = std::string(argv[1]) + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out.write(file.data(), static_cast<std::streamsize>(file.size()));
  out.close();
  if (!out || std::rename(tmp.c_str(), argv[1]) != 0) {
    std::cerr << "tact_prefilter_file: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
