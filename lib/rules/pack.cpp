// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Pack::load: read and layer the packs, then compile them. The default pack
// alone, the common case, is compiled once per process and shared: building
// an Analyzer then costs no regex compilation at all.
#include "rules/pack.hpp"

#include <mutex>
#include <string>
#include <unordered_map>

#include "rules/compiled_pack.hpp"
#include "rules/layering.hpp"

namespace tact::rules {

Status Pack::load(const Options& options, std::shared_ptr<const Pack>* out, PackData* data) {
  LayeredPack layered;
  if (Status s = layer_packs(options, &layered); !s.ok()) return s;
  if (data != nullptr) *data = std::move(layered.data);
  if (!layered.default_only) return CompiledPack::build(std::move(layered), out);

  // One compiled default per language.
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const Pack>> shared;
  const std::lock_guard<std::mutex> lock(mutex);
  std::shared_ptr<const Pack>& shared_default = shared[layered.language];
  if (shared_default == nullptr) {
    if (Status s = CompiledPack::build(std::move(layered), &shared_default); !s.ok()) return s;
  }
  *out = shared_default;
  return {};
}

}  // namespace tact::rules
