// Placeholder until tone scoring lands: every score is zero.
#include "tone/scorer.hpp"

namespace tact::tone {
namespace {
class ZeroScorer final : public Scorer {
 public:
  Result score(const text::Document&, Role, const std::vector<rules::Finding>&) const override {
    return {};
  }
  Role guess_role(const text::Document&, const std::vector<rules::Finding>&) const override {
    return Role::agent;
  }
};
}  // namespace

std::shared_ptr<const Scorer> Scorer::load_default(Status*) { return std::make_shared<ZeroScorer>(); }
}  // namespace tact::tone
