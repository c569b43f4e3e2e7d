// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rules_pack.hpp"

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

namespace tact::bench {

namespace {

// Phrase = lead + qualifier + noun: 20 x 25 x 26 distinct phrases, all on
// word boundaries and free of regex metacharacters.
const char* const kLeads[] = {"as per the",
                              "according to the",
                              "under the",
                              "in line with the",
                              "pursuant to the",
                              "based on the",
                              "due to the",
                              "because of the",
                              "as stated in the",
                              "as set out in the",
                              "in keeping with the",
                              "as required by the",
                              "in accordance with the",
                              "as outlined in the",
                              "governed by the",
                              "restricted by the",
                              "covered by the",
                              "excluded by the",
                              "as described in the",
                              "subject to the"};
const char* const kQualifiers[] = {"standard", "regional", "updated",   "internal", "seasonal",
                                   "legacy",   "premium",  "basic",     "annual",   "monthly",
                                   "weekly",   "partner",  "warehouse", "courier",  "billing",
                                   "account",  "loyalty",  "warranty",  "returns",  "shipping",
                                   "security", "privacy",  "payment",   "delivery", "service"};
const char* const kNouns[] = {
    "guidelines", "procedure", "policy",       "terms",        "process",  "rules",
    "schedule",   "limits",    "requirements", "restrictions", "protocol", "framework",
    "conditions", "criteria",  "regulations",  "checklist",    "workflow", "standards",
    "allowance",  "window",    "agreement",    "charter",      "handbook", "system",
    "review",     "matrix"};
const char* const kCategories[] = {"policy_shield", "deflection", "refusal", "negative_framing"};

constexpr std::size_t kLeadCount = sizeof(kLeads) / sizeof(kLeads[0]);
constexpr std::size_t kQualifierCount = sizeof(kQualifiers) / sizeof(kQualifiers[0]);
constexpr std::size_t kNounCount = sizeof(kNouns) / sizeof(kNouns[0]);
static_assert(kLeadCount * kQualifierCount * kNounCount == kMaxGeneratedRules);

}  // namespace

std::string generated_pack(std::size_t count, uint64_t seed) {
  count = std::min(count, kMaxGeneratedRules);
  std::vector<std::size_t> order(kMaxGeneratedRules);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 rng(seed);
  // Fisher-Yates by hand: std::shuffle's sequence differs between libraries.
  for (std::size_t i = order.size() - 1; i > 0; --i) {
    std::swap(order[i], order[static_cast<std::size_t>(rng() % (i + 1))]);
  }

  std::string out = "name = \"generated\"\ndescription = \"A generated house pack\"\n";
  out.reserve(count * 420);
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t v = order[k];
    const std::string lead = kLeads[v / (kQualifierCount * kNounCount)];
    const std::string qualifier = kQualifiers[(v / kNounCount) % kQualifierCount];
    const std::string noun = kNouns[v % kNounCount];
    const std::string phrase = lead + " " + qualifier + " " + noun;
    std::string id = std::to_string(k);
    id.insert(0, 5 - std::min<std::size_t>(5, id.size()), '0');
    out += "\n[[rule]]\nid = \"trigger.";
    out += kCategories[k % (sizeof(kCategories) / sizeof(kCategories[0]))];
    out += ".house-" + id + "\"\n";
    out += "patterns = ['''" + phrase + "''']\n";
    out += "message = \"House style: explain the " + qualifier + " " + noun +
           " in plain words instead of pointing at them.\"\n";
    out += "suggestions = [\"as we do for every " + qualifier + " request\"]\n";
    out += "examples = [\"We sent it " + phrase + ".\"]\n";
    out += "counterexamples = [\"The " + qualifier + " " + noun + " are on our website.\"]\n";
  }
  return out;
}

}  // namespace tact::bench
