// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Data files from rules/ compiled into the library (see cmake/embed.cmake),
// so the default pack needs no installed files.
#ifndef TACT_LIB_CORE_EMBEDDED_HPP_
#define TACT_LIB_CORE_EMBEDDED_HPP_

#include <cstddef>
#include <string_view>
#include <vector>

namespace tact::embedded {

struct File {
  const char* name;       // path relative to rules/, e.g. "en/triggers.toml"
  std::string_view data;  // the file's bytes
};

extern const File kFiles[];
extern const std::size_t kFileCount;

// The Hyperscan databases of the embedded default pack's patterns, compiled
// at build time (rules::CompiledPack::compile_prefilter_file()); empty in a
// build without Hyperscan and in the program that makes them.
std::string_view prefilter_file();

// The file named `name`, or an empty view with found == false.
inline std::string_view find(std::string_view name, bool* found = nullptr) {
  for (std::size_t i = 0; i < kFileCount; ++i) {
    if (name == kFiles[i].name) {
      if (found) *found = true;
      return kFiles[i].data;
    }
  }
  if (found) *found = false;
  return {};
}

// Every embedded file whose name starts with `prefix`, in name order.
inline std::vector<File> list(std::string_view prefix) {
  std::vector<File> out;
  for (std::size_t i = 0; i < kFileCount; ++i) {
    if (std::string_view(kFiles[i].name).substr(0, prefix.size()) == prefix)
      out.push_back(kFiles[i]);
  }
  return out;
}

}  // namespace tact::embedded

#endif  // TACT_LIB_CORE_EMBEDDED_HPP_
