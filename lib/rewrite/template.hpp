// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Suggestion templates: literal text with {name} fields, each replaced by
// the original bytes of the finding's capture of that name ("Let me find
// out when {thing} will arrive"). "{{" and "}}" stand for literal braces.
// An empty template means "delete the phrase".
#ifndef TACT_LIB_REWRITE_TEMPLATE_HPP_
#define TACT_LIB_REWRITE_TEMPLATE_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "rules/pack.hpp"
#include "text/document.hpp"

namespace tact::rewrite {

// A rendered template. Bytes inside `captures` were copied from the
// writer's text and are never restyled; everything else is the template's.
struct Rendered {
  std::string text;
  std::vector<text::Range> captures;  // byte ranges of `text`, in order
  bool question = false;              // the template held {?}
  bool lead_only = false;             // the template held {^}
  bool needs_more = false;            // the template held {>}

  void clear() {
    text.clear();
    captures.clear();
    question = false;
    lead_only = false;
    needs_more = false;
  }
  // True when byte `i` of `text` came from a capture.
  bool in_capture(std::size_t i) const;
};

// Renders `tmpl` for `finding` into *out (cleared first). A field whose
// capture did not take part in the match renders empty (the pack checked
// the names at load time). Returns false, leaving *out unspecified, on a
// stray brace or an empty field.
bool render(std::string_view tmpl, const rules::Finding& finding, const text::Document& doc,
            Rendered* out);

}  // namespace tact::rewrite

#endif  // TACT_LIB_REWRITE_TEMPLATE_HPP_
