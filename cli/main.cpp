// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact: the command-line tool over the C++ API.
//
//   tact analyze [--role agent|customer|auto] [--jsonl] [--format text|json]
//                [--rules PACK]... [--no-default-pack] [FILE...|-]
//   tact rewrite [--jsonl] [--format text|json] [--rules PACK]... [FILE...|-]
//   tact rules check PACK...
//   tact --version
//
// Exit status: 0 on success; 2 on a usage error, an unreadable file, a rule
// pack that fails to load, or any input line that could not be read (that
// line is reported and the rest of the input is still analyzed).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "input.hpp"
#include "tact/tact.hpp"
#include "text_output.hpp"

namespace {

constexpr int kExitError = 2;

struct Settings {
  std::string role = "agent";
  bool jsonl = false;
  std::string format = "text";
  std::vector<std::string> rules;
  bool no_default_pack = false;
  std::vector<std::string> files;
};

tact::Role parse_role(const std::string& r) {
  if (r == "customer") return tact::Role::customer;
  if (r == "auto") return tact::Role::automatic;
  return tact::Role::agent;
}

bool build_analyzer(const Settings& s, bool rewrite, std::unique_ptr<tact::Analyzer>* out) {
  tact::Options options;
  options.default_pack = !s.no_default_pack;
  options.rule_files = s.rules;
  options.rewrite = rewrite;
  auto analyzer = std::make_unique<tact::Analyzer>(options);
  if (!analyzer->ok()) {
    std::cerr << "tact: " << analyzer->status().message << "\n";
    return false;
  }
  *out = std::move(analyzer);
  return true;
}

// One error line in JSON mode, so a pipeline sees every input line answered.
std::string error_json(const tact::cli::Message& m, const std::string& message) {
  nlohmann::ordered_json j;
  j["id"] = m.id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(m.id);
  j["error"] = {{"file", m.file}, {"line", m.line}, {"message", message}};
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

int run(const Settings& s, bool rewrite_only) {
  std::unique_ptr<tact::Analyzer> analyzer;
  if (!build_analyzer(s, true, &analyzer)) return kExitError;
  const bool json = s.format == "json";
  const bool colour = !json && isatty(STDOUT_FILENO) != 0;
  const tact::Role default_role = parse_role(s.role);
  bool failed = false;
  std::ios::sync_with_stdio(false);

  auto each = [&](tact::cli::Message& m) {
    tact::Report report;
    tact::Status status;
    if (m.error.empty()) {
      status = analyzer->analyze(m.text, m.has_role ? m.role : default_role, &report);
      if (!status.ok()) m.error = status.message;
    }
    if (!m.error.empty()) {
      failed = true;
      if (json) {
        std::cout << error_json(m, m.error) << "\n";
      } else {
        std::cerr << "tact: " << m.file << ":" << m.line << ": " << m.error << "\n";
      }
      return;
    }
    report.id = m.id;
    if (json) {
      std::cout << report.to_json() << "\n";
    } else if (rewrite_only) {
      std::cout << report.rewrite << "\n";
    } else {
      tact::cli::print_text(std::cout, m.text, report, colour);
    }
  };
  std::string error;
  if (!tact::cli::read_messages(s.files, s.jsonl, each, &error)) {
    std::cerr << "tact: " << error << "\n";
    return kExitError;
  }
  std::cout.flush();
  return failed ? kExitError : 0;
}

int check_rules(const std::vector<std::string>& packs, bool no_default_pack) {
  int status = 0;
  for (const std::string& pack : packs) {
    tact::Options options;
    options.default_pack = !no_default_pack;
    options.rule_files = {pack};
    tact::Analyzer analyzer(options);
    if (!analyzer.ok()) {
      std::cerr << analyzer.status().message << "\n";
      status = kExitError;
      continue;
    }
    const auto failures = analyzer.check_examples();
    for (const tact::ExampleFailure& f : failures) {
      std::cerr << f.source << ":" << f.line << ": " << f.rule << ": example "
                << (f.should_flag ? "not flagged" : "flagged but must not be") << ": \"" << f.text
                << "\"\n";
    }
    if (!failures.empty()) status = kExitError;
    std::cout << pack << ": " << analyzer.rule_count() << " rules, "
              << (failures.empty() ? "all examples pass"
                                   : std::to_string(failures.size()) + " examples fail")
              << "\n";
  }
  return status;
}

void add_common(CLI::App* cmd, Settings* s) {
  cmd->add_option("--role", s->role, "Who wrote the messages (default: agent)")
      ->check(CLI::IsMember({"agent", "customer", "auto"}));
  cmd->add_flag("--jsonl", s->jsonl,
                "Read JSON Lines objects with \"text\" and optional \"id\" and \"role\"");
  cmd->add_option("--format", s->format, "Output: text (for people) or json (JSON Lines)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--rules", s->rules, "A rule pack (TOML) layered over the default pack");
  cmd->add_flag("--no-default-pack", s->no_default_pack, "Do not start from the embedded pack");
  cmd->add_option("files", s->files, "Input files; - or none reads stdin");
}

int run_main(int argc, char** argv) {
  CLI::App app{"Tact: tone, trigger phrases and positive rewrites for customer service", "tact"};
  app.set_version_flag("--version", std::string("tact ") + tact::version_string());
  app.require_subcommand(1);

  Settings analyze_settings;
  CLI::App* analyze = app.add_subcommand("analyze", "Analyze messages and report findings");
  add_common(analyze, &analyze_settings);

  Settings rewrite_settings;
  CLI::App* rewrite =
      app.add_subcommand("rewrite", "Print each message rewritten into positive language");
  add_common(rewrite, &rewrite_settings);

  CLI::App* rules = app.add_subcommand("rules", "Work with rule packs");
  rules->require_subcommand(1);
  std::vector<std::string> check_files;
  bool check_no_default = false;
  CLI::App* check = rules->add_subcommand("check", "Load packs and run every rule's examples");
  check->add_option("packs", check_files, "Rule pack files")->required();
  check->add_flag("--no-default-pack", check_no_default, "Do not layer over the embedded pack");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitError;
  }
  if (analyze->parsed()) return run(analyze_settings, false);
  if (rewrite->parsed()) return run(rewrite_settings, true);
  if (check->parsed()) return check_rules(check_files, check_no_default);
  return kExitError;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "tact: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "tact: unexpected error\n";
  }
  return kExitError;
}
