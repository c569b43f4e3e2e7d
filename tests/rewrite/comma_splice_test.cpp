// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "rewrite/comma_splice.hpp"

#include <doctest/doctest.h>

#include <string>

namespace tact::rewrite {
namespace {

rules::RewriteStyle style() {
  rules::RewriteStyle s;
  s.splice_subjects = {"it's", "we'll", "i've", "he", "you"};
  s.splice_leads = {"if", "thanks"};
  return s;
}

std::string parted(std::string text, const rules::RewriteStyle& st = style()) {
  std::vector<Edit> fixes;
  part_comma_splices(text, st, &fixes);
  for (auto it = fixes.rbegin(); it != fixes.rend(); ++it) {
    text.replace(it->original.begin, it->original.size(), it->replacement);
  }
  return text;
}

TEST_CASE("a comma before an independent clause becomes a full stop") {
  CHECK(parted("I checked the order, it's on its way.") == "I checked the order. It's on its way.");
  // curly apostrophes, and a splice in each part
  CHECK(parted("I checked the order, it\u2019s on its way, we'll email you.") ==
        "I checked the order. It\u2019s on its way. We'll email you.");
  // in any sentence of the message, on any line
  CHECK(parted("Hi.\nThe parcel left the depot, he has it now") ==
        "Hi.\nThe parcel left the depot. He has it now");
}

TEST_CASE("commas that do not join two sentences stay") {
  for (const char* s : {
           "If you send it today, we'll refund it.",        // a subordinate clause first
           "Thanks for waiting, it's on its way.",          // a listed lead
           "Sorted, it's on its way.",                      // too short a first part
           "The form, the photo, it's all in.",             // a list before it
           "Could you check the label, it's on the back?",  // a question keeps its mark
           "I checked the order, and it's on its way.",     // a conjunction
           "I checked the order, the van has it.",          // no listed subject
           "We refunded £1,200 today.",                     // no space: a number
       }) {
    CAPTURE(s);
    CHECK(parted(s) == s);
  }
  // a pack that lists no subjects parts nothing
  CHECK(parted("I checked the order, it's on its way.", rules::RewriteStyle{}) ==
        "I checked the order, it's on its way.");
}

}  // namespace
}  // namespace tact::rewrite
