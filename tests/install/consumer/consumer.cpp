// A program that uses an installed Tact, built by install_test.sh both with
// find_package(tact) and with pkg-config.
#include <tact/tact.hpp>

#include <cstdio>
#include <cstring>

int main() {
  const tact::Analyzer analyzer;
  const char* text = "Sorry about that, I'll fix it now.";
  const tact::Report report = analyzer.analyze(text, tact::Role::agent);
  std::string json;
  if (!analyzer.analyze_json(text, tact::Role::agent, &json).ok()) return 1;
  if (report.techniques.empty()) return 1;
  if (std::strcmp(tact::version_string(), TACT_CXX_VERSION_STRING) != 0) return 1;
  if (json.find("\"role\":\"agent\"") == std::string::npos) return 1;
  std::printf("consumer: tact %s, %zu rules, %zu-byte report\n", tact::version_string(),
              analyzer.rule_count(), json.size());
  return 0;
}
