// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// tact: the command-line tool over the C++ API.
//
//   tact analyze [--role agent|customer|auto] [--jsonl] [--format text|json]
//                [--rules PACK]... [--no-default-pack] [--max-input-bytes N]
//                [FILE...|-]
//   tact rewrite [--jsonl] [--format text|json] [--rules PACK]... [FILE...|-]
//   tact conversation [--format text|json] [--group-by FIELD] [--rules PACK]... [FILE...|-]
//   tact report [-o FILE] [--format html|json] [--group-by FIELD] [--period day|week]
//               [--rules PACK]... [--threads N] [ARCHIVE...|-]
//   tact serve [--listen ADDR:PORT] [--api-key KEY] [--cors-origin ORIGIN]...
//              [--max-body-bytes N] [--threads N] [--queue N] [--rules PACK]...
//   tact rules check PACK...
//   tact rules categories [PACK...]
//   tact --version
//
// Exit status: 0 when every input line was read and answered; 2 on a usage
// error, a rule pack that fails to load, a file that cannot be opened or
// read, output that cannot be written, or any line that failed (that line
// is reported in its place and the rest of the input is still analyzed).
// docs/cli.md lists every case.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "batches.hpp"
#include "conversation.hpp"
#include "core/core.hpp"
#include "input.hpp"
#include "json_lines.hpp"
#include "report.hpp"
#include "text_output.hpp"

#ifdef TACT_HAVE_SERVE
#include "serve.hpp"
#endif

namespace {

constexpr int kExitError = 2;

struct Settings {
  std::string role = "agent";
  bool jsonl = false;
  std::string format = "text";
  std::vector<std::string> rules;
  bool no_default_pack = false;
  std::string language = tact::Options().language;
  std::size_t max_input_bytes = tact::Options().max_input_bytes;
  std::int64_t deadline_us = 0;
  unsigned threads = 0;  // 0: one per core
  std::vector<std::string> files;
};

tact::Role parse_role(const std::string& r) {
  if (r == "customer") return tact::Role::customer;
  if (r == "auto") return tact::Role::automatic;
  return tact::Role::agent;
}

bool build_analyzer(const Settings& s, bool rewrite, std::unique_ptr<tact::core::Analyzer>* out) {
  tact::Options options;
  options.default_pack = !s.no_default_pack;
  options.language = s.language;
  options.rule_files = s.rules;
  options.rewrite = rewrite;
  options.max_input_bytes = s.max_input_bytes;
  options.deadline = std::chrono::microseconds(s.deadline_us);
  auto analyzer = std::make_unique<tact::core::Analyzer>(options);
  if (!analyzer->ok()) {
    std::cerr << "tact: " << analyzer->status().message << "\n";
    return false;
  }
  *out = std::move(analyzer);
  return true;
}

// A JSON string without allocating (the out-of-memory path writes with it).
void write_json_string(std::ostream& out, std::string_view s) {
  out << '"';
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out << '\\' << c;
    } else if (u < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out << "\\u00" << kHex[u >> 4] << kHex[u & 15];
    } else {
      out << c;
    }
  }
  out << '"';
}

bool write_failed() {
  if (std::cout) return false;
  const int err = errno;
  std::cerr << "tact: <stdout>: cannot write" << (err != 0 ? ": " : "")
            << (err != 0 ? std::strerror(err) : "") << "\n";
  return true;
}

int run(const Settings& s, bool rewrite_only) {
  std::unique_ptr<tact::core::Analyzer> analyzer;
  if (!build_analyzer(s, true, &analyzer)) return kExitError;
  const bool json = s.format == "json";
  const bool colour = !json && isatty(STDOUT_FILENO) != 0;
  const tact::Role default_role = parse_role(s.role);
  bool failed = false;
  bool write_error = false;
  std::ios::sync_with_stdio(false);

  // Runs on any thread: everything one message prints, as strings.
  auto answer = [&](tact::cli::Message& m, tact::cli::Answer* a) {
    auto where = [&] { return "tact: " + m.file + ":" + std::to_string(m.line) + ": "; };
    tact::Report report;
    try {
      // --jsonl lines are parsed here, on the analyzing threads.
      if (s.jsonl && m.code.empty()) tact::cli::parse_json_message(&m);
      // The deadline's message when the report is partial.
      const std::string partial = tact::cli::analyze_message(*analyzer, m, default_role, &report);
      if (!partial.empty()) {
        a->failed = true;
        a->err = where() + partial + "\n";
      }
      if (!m.code.empty()) {
        a->failed = true;
        a->err = where() + m.error + "\n";
        if (json) a->out = tact::cli::error_json(m) + "\n";
      } else if (json) {
        a->out = tact::cli::report_json(m, report, partial);
        a->out += '\n';  // in place: no copy of the line
      } else if (rewrite_only) {
        // A partial report has no rewrite: the draft is output as it was.
        const std::string& text = partial.empty() ? report.rewrite : m.text;
        // A --jsonl message may span lines; its rewrite is then written as
        // a JSON string, so every input line still gets one output line.
        a->out = (s.jsonl ? nlohmann::json(text).dump(-1, ' ', false,
                                                      nlohmann::json::error_handler_t::replace)
                          : text) +
                 "\n";
      } else {
        report.id = m.id;
        std::ostringstream text;
        tact::cli::print_text(text, m.text, report, colour);
        a->out = text.str();
      }
    } catch (const std::bad_alloc&) {
      a->failed = true;
      a->out_of_memory = true;
      a->out.clear();
      a->err.clear();
    }
  };
  // Runs on the calling thread, in input order.
  auto emit = [&](const tact::cli::Message& m, const tact::cli::Answer& a) {
    failed = failed || a.failed;
    if (a.out_of_memory) {
      // Streams of literals and numbers: nothing here allocates.
      std::cerr << "tact: " << m.file << ":" << m.line << ": out of memory\n";
      if (json) {
        std::cout << "{\"id\":" << (m.id_json.empty() ? "null" : m.id_json.c_str())
                  << R"(,"error":{"code":"out_of_memory","file":)";
        write_json_string(std::cout, m.file);
        std::cout << ",\"line\":" << m.line
                  << R"(,"message":"out of memory"}})"
                     "\n";
      }
    }
    if (!a.err.empty()) std::cerr << a.err;
    std::cout << a.out;
    if (write_failed()) {
      write_error = true;
      return false;  // no point analyzing what cannot be written
    }
    return true;
  };

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned threads = s.threads == 0 ? cores : std::min(s.threads, tact::kMaxBatchThreads);
  tact::cli::Batches batches(threads, answer, emit);
  tact::cli::ReadOptions read_options;
  read_options.jsonl = s.jsonl;
  read_options.max_bytes = s.max_input_bytes;
  read_options.parse_jsonl = false;  // `answer` parses them
  const bool complete = tact::cli::read_messages(
      s.files, read_options, [&](tact::cli::Message& m) { return batches.add(std::move(m)); });
  if (!complete) failed = true;
  if (!write_error && !batches.flush()) failed = true;
  if (write_error) return kExitError;
  std::cout.flush();
  if (write_failed()) return kExitError;
  return failed ? kExitError : 0;
}

int check_rules(const std::vector<std::string>& packs, bool no_default_pack,
                const std::string& language) {
  int status = 0;
  for (const std::string& pack : packs) {
    tact::Options options;
    options.default_pack = !no_default_pack;
    options.language = language;
    options.rule_files = {pack};
    tact::core::Analyzer analyzer(options);
    if (!analyzer.ok()) {
      std::cerr << analyzer.status().message << "\n";
      status = kExitError;
      continue;
    }
    const auto failures = analyzer.check_examples();
    for (const tact::core::ExampleFailure& f : failures) {
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

// One JSON line per category the packs define, in definition order.
int list_categories(const std::vector<std::string>& packs, bool no_default_pack,
                    const std::string& language) {
  tact::Options options;
  options.default_pack = !no_default_pack;
  options.language = language;
  options.rule_files = packs;
  const tact::core::Analyzer analyzer(options);
  if (!analyzer.ok()) {
    std::cerr << analyzer.status().message << "\n";
    return kExitError;
  }
  for (const tact::Category& c : analyzer.categories()) {
    const nlohmann::ordered_json j = {{"family", tact::family_name(c.family)},
                                      {"id", c.id},
                                      {"name", c.name},
                                      {"message", c.message}};
    std::cout << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  }
  std::cout.flush();
  return write_failed() ? kExitError : 0;
}

// --language, for every subcommand that builds an analyzer.
void add_language(CLI::App* cmd, std::string* language) {
  cmd->add_option("--language", *language,
                  "The text's language (BCP 47 tag; default en): selects the embedded pack; "
                  "another needs --no-default-pack and a pack of that language");
}

void add_common(CLI::App* cmd, Settings* s) {
  cmd->add_option("--role", s->role, "Who wrote the messages (default: agent)")
      ->check(CLI::IsMember({"agent", "customer", "auto"}));
  cmd->add_flag("--jsonl", s->jsonl,
                "Read JSON Lines objects with \"text\" and optional \"id\" and \"role\"");
  cmd->add_option("--format", s->format, "Output: text (for people) or json (JSON Lines)")
      ->check(CLI::IsMember({"text", "json"}));
  // One value per --rules, so `--rules PACK FILE` leaves FILE as an input.
  cmd->add_option("--rules", s->rules, "A rule pack (TOML) layered over the default pack")
      ->allow_extra_args(false);
  cmd->add_flag("--no-default-pack", s->no_default_pack, "Do not start from the embedded pack");
  add_language(cmd, &s->language);
  cmd->add_option("--max-input-bytes", s->max_input_bytes,
                  "The longest message in bytes; a longer line is reported and skipped")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--deadline-us", s->deadline_us,
                  "Microseconds one message may take; past it the findings so far are output "
                  "with an error (default: no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--threads", s->threads,
                  "Threads analyzing at once (default 0: one per core, at most 64); output "
                  "stays in input order");
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

  tact::cli::ConversationSettings conv;
  CLI::App* conversation = app.add_subcommand(
      "conversation",
      "Analyze conversations (JSON Lines): stages, unaddressed requests, priority, route");
  conversation
      ->add_option("--format", conv.format, "Output: text (for people) or json (JSON Lines)")
      ->check(CLI::IsMember({"text", "json"}));
  conversation->add_option("--group-by", conv.group_by,
                           "Read flat message lines and group them by this field, in input order");
  conversation
      ->add_option("--rules", conv.rules, "A rule pack (TOML) layered over the default pack")
      ->allow_extra_args(false);
  conversation->add_flag("--no-default-pack", conv.no_default_pack,
                         "Do not start from the embedded pack");
  add_language(conversation, &conv.language);
  conversation->add_option("files", conv.files, "Input files; - or none reads stdin");

  tact::cli::ReportSettings rep;
  CLI::App* report = app.add_subcommand(
      "report",
      "Sum up archives of messages or conversations (JSON Lines) in one HTML or JSON "
      "report: escalation over time, triggers by agent and team, turning points");
  report->add_option("-o,--output", rep.output, "Write the report to FILE (default: stdout)");
  report->add_option("--format", rep.format, "Output: html (default) or json")
      ->check(CLI::IsMember({"html", "json"}));
  report->add_option("--group-by", rep.group_by,
                     "Group flat message lines into conversations by this field (runs of "
                     "consecutive lines with the same value)");
  report->add_option("--period", rep.period, "Escalation over time per day (default) or week")
      ->check(CLI::IsMember({"day", "week"}));
  report->add_option("--rules", rep.rules, "A rule pack (TOML) layered over the default pack")
      ->allow_extra_args(false);
  report->add_flag("--no-default-pack", rep.no_default_pack, "Do not start from the embedded pack");
  add_language(report, &rep.language);
  report->add_option("--threads", rep.threads,
                     "Threads analyzing at once (default 0: one per core, at most 64)");
  report
      ->add_option("--max-input-bytes", rep.max_input_bytes,
                   "The longest message in bytes; a longer line is reported and skipped")
      ->check(CLI::PositiveNumber);
  bool progress_on = false;
  bool progress_off = false;
  report->add_flag("--progress", progress_on,
                   "Show progress on stderr (default: when stderr is a terminal)");
  report->add_flag("--no-progress", progress_off, "Never show progress");
  report->add_option("files", rep.files, "Archives (JSON Lines); - or none reads stdin");

#ifdef TACT_HAVE_SERVE
  tact::serve::ServeSettings serve_settings;
  CLI::App* serve = app.add_subcommand(
      "serve", "Answer HTTP: /v1/analyze, /v1/conversation, LanguageTool's /v2/check, a demo page");
  serve->add_option("--listen", serve_settings.listen,
                    "ADDR:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free one)");
  serve->add_option("--api-key", serve_settings.api_key,
                    "Require this key as a Bearer token on every endpoint but /health "
                    "(default: $TACT_API_KEY); needed to listen beyond loopback");
  serve
      ->add_option("--cors-origin", serve_settings.cors_origins,
                   "An origin allowed to call from a browser (repeatable)")
      ->allow_extra_args(false);
  serve
      ->add_option("--max-body-bytes", serve_settings.max_body_bytes,
                   "The largest request body; larger ones get 413 (default 1 MiB)")
      ->check(CLI::PositiveNumber);
  serve
      ->add_option("--threads", serve_settings.threads,
                   "Worker threads, one per open connection (default 0: max(8, 2 per core))")
      ->check(CLI::Range(0u, 4096u));
  serve
      ->add_option("--queue", serve_settings.queue,
                   "Connections waiting for a worker before new ones get 503 (default 256)")
      ->check(CLI::Range(0u, 1000000u));
  serve
      ->add_option("--timeout", serve_settings.timeout_s,
                   "Seconds to read a request or write a response (default 5)")
      ->check(CLI::PositiveNumber);
  serve
      ->add_option("--rules", serve_settings.rules,
                   "A rule pack (TOML) layered over the default pack")
      ->allow_extra_args(false);
  serve->add_flag("--no-default-pack", serve_settings.no_default_pack,
                  "Do not start from the embedded pack");
  add_language(serve, &serve_settings.language);
#endif

  CLI::App* rules = app.add_subcommand("rules", "Work with rule packs");
  rules->require_subcommand(1);
  std::vector<std::string> check_files;
  bool check_no_default = false;
  CLI::App* check = rules->add_subcommand("check", "Load packs and run every rule's examples");
  check->add_option("packs", check_files, "Rule pack files")->required();
  check->add_flag("--no-default-pack", check_no_default, "Do not layer over the embedded pack");
  std::string check_language = tact::Options().language;
  add_language(check, &check_language);
  std::vector<std::string> category_files;
  bool categories_no_default = false;
  CLI::App* categories = rules->add_subcommand(
      "categories", "List the categories the packs define, one JSON line each");
  categories->add_option("packs", category_files, "Rule pack files layered over the default");
  categories->add_flag("--no-default-pack", categories_no_default,
                       "Do not layer over the embedded pack");
  std::string categories_language = tact::Options().language;
  add_language(categories, &categories_language);

  // CLI11 reports a mistyped subcommand as "A subcommand is required";
  // name it and list the valid ones instead.
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (!word.empty() && word[0] == '-') continue;
    if (word != "analyze" && word != "rewrite" && word != "rules" && word != "conversation" &&
        word != "report" && word != "serve") {
      std::cerr << "tact: unknown subcommand '" << word
                << "'; valid subcommands: analyze, rewrite, conversation, report, rules, serve\n";
      return kExitError;
    }
    if (word == "rules" && i + 1 < argc && argv[i + 1][0] != '-' &&
        std::string(argv[i + 1]) != "check" && std::string(argv[i + 1]) != "categories") {
      std::cerr << "tact: unknown subcommand 'rules " << argv[i + 1]
                << "'; valid subcommands: rules check, rules categories\n";
      return kExitError;
    }
    break;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitError;
  }
  if (analyze->parsed()) return run(analyze_settings, false);
  if (rewrite->parsed()) return run(rewrite_settings, true);
  if (conversation->parsed()) return tact::cli::run_conversation(conv);
  if (report->parsed()) {
    if (progress_on || progress_off) rep.progress = progress_on && !progress_off ? 1 : 0;
    return tact::cli::run_report(rep);
  }
  if (check->parsed()) return check_rules(check_files, check_no_default, check_language);
  if (categories->parsed()) {
    return list_categories(category_files, categories_no_default, categories_language);
  }
#ifdef TACT_HAVE_SERVE
  if (serve->parsed()) return tact::serve::run(serve_settings);
#endif
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
