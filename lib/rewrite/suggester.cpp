// Placeholder until rewriting lands: no suggestions, the text unchanged.
#include "rewrite/suggester.hpp"

namespace tact::rewrite {
void suggest(const text::Document& doc, const std::vector<rules::Finding>& triggers, Output* out) {
  out->suggestions.assign(triggers.size(), {});
  out->edits.clear();
  out->text.assign(doc.original());
}
}  // namespace tact::rewrite
