// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// The tact command-line tool, run as a user would: arguments, input formats,
// JSON Lines output, exit codes and error messages.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.hpp"

#include "tact/version.hpp"

namespace {

using tact::testing::json_lines;
using tact::testing::Run;

// Runs a shell command line in which TACT stands for the CLI, with its own
// redirections (a closed stdin, a directory, /dev/full).
Run tact_sh(const std::string& line) {
  static int counter = 0;
  const std::string base = "tact_sh_" + std::to_string(counter++);
  std::string cmd = line;
  for (std::size_t at; (at = cmd.find("TACT")) != std::string::npos;) {
    cmd.replace(at, 4, std::string("'") + TACT_CLI + "'");
  }
  cmd = "(" + cmd + ") 2>" + base + ".err";
  Run r;
  const int raw = std::system(cmd.c_str());
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::stringstream err;
  err << std::ifstream(base + ".err").rdbuf();
  r.err = err.str();
  std::remove((base + ".err").c_str());
  return r;
}

// Runs the CLI with `args` (shell words), feeding `input` on stdin.
Run tact_cli(const std::string& args, const std::string& input = "") {
  return tact::testing::run_cli(TACT_CLI, args, input);
}

}  // namespace

TEST_CASE("--version prints the library version") {
  const Run r = tact_cli("--version");
  CHECK(r.status == 0);
  CHECK(r.out == std::string("tact ") + TACT_CXX_VERSION_STRING + "\n");
}

TEST_CASE("plain text: one JSON object per input line, in docs/cli.md's shape") {
  const Run r = tact_cli("analyze --format json", "first line\r\nsecond line\n\nfourth\n");
  REQUIRE(r.status == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 4);  // the blank line is a message too
  for (const auto& j : lines) {
    CHECK(j["id"].is_null());
    CHECK(j["role"] == "agent");
    for (const char* key : {"sentiment", "anger", "politeness", "empathy", "deescalation"}) {
      CHECK(j["tone"][key].is_number());
    }
    CHECK(j["escalation"]["level"].is_number_integer());
    CHECK(j["escalation"]["signals"].is_array());
    CHECK(j["escalation"]["cues"].is_array());
    CHECK(j["triggers"].is_array());
    CHECK(j["techniques"].is_array());
    CHECK(j["edits"].is_array());
  }
  CHECK(lines[0]["rewrite"] == "first line");  // the \r of CRLF is not part of the message
  CHECK(lines[3]["rewrite"] == "fourth");
}

TEST_CASE("--jsonl echoes ids, takes per-message roles and ignores other fields") {
  const std::string input =
      R"({"id": "m1", "text": "Where is my parcel?", "role": "customer", "extra": [1, 2]})"
      "\n"
      R"({"id": 42, "text": "Let me check that for you."})"
      "\n";
  const Run r = tact_cli("analyze --jsonl --format json --role agent", input);
  REQUIRE(r.status == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["id"] == "m1");
  CHECK(lines[0]["role"] == "customer");
  CHECK(lines[1]["id"] == 42);
  CHECK(lines[1]["role"] == "agent");
}

TEST_CASE("--role auto reports its guess") {
  const Run r = tact_cli("analyze --format json --role auto", "hello\n");
  REQUIRE(r.status == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["role_guessed"] == true);
  CHECK((lines[0]["role"] == "agent" || lines[0]["role"] == "customer"));
}

TEST_CASE("a malformed JSON line is reported with its line number; the rest still runs") {
  const std::string input = R"({"id": "ok1", "text": "fine"})"
                            "\n"
                            R"({"id": "bad", "text": )"
                            "\n"
                            R"({"id": "ok2", "text": "also fine"})"
                            "\n"
                            R"({"id": "norole", "text": "x", "role": "robot"})"
                            "\n";
  SUBCASE("json output: an error object in place of the report, exit 2") {
    const Run r = tact_cli("analyze --jsonl --format json -", input);
    CHECK(r.status == 2);
    const auto lines = json_lines(r.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0]["id"] == "ok1");
    CHECK(lines[1]["error"]["file"] == "<stdin>");
    CHECK(lines[1]["error"]["code"] == "malformed");
    CHECK(lines[1]["error"]["line"] == 2);
    CHECK(lines[1]["error"]["message"] == "malformed JSON");
    CHECK(lines[2]["id"] == "ok2");
    CHECK(lines[3]["error"]["line"] == 4);
  }
  SUBCASE("text output: file:line on stderr, exit 2") {
    const Run r = tact_cli("analyze --jsonl", input);
    CHECK(r.status == 2);
    CHECK(r.err.find("tact: <stdin>:2: malformed JSON") != std::string::npos);
    CHECK(r.err.find("tact: <stdin>:4: field \"role\"") != std::string::npos);
    CHECK(r.out.find("ok2") != std::string::npos);
  }
}

TEST_CASE("usage and file errors exit 2 with a one-line message") {
  Run r = tact_cli("analyze /nonexistent/file.txt");
  CHECK(r.status == 2);
  CHECK(r.err == "tact: /nonexistent/file.txt:0: cannot open: No such file or directory\n");
  r = tact_cli("analyze --role robot");
  CHECK(r.status == 2);
  r = tact_cli("frobnicate");
  CHECK(r.status == 2);
  CHECK(r.err ==
        "tact: unknown subcommand 'frobnicate'; valid subcommands: analyze, rewrite, conversation, "
        "report, rules, serve\n");
  r = tact_cli("rules frobnicate");
  CHECK(r.status == 2);
  CHECK(r.err.find("unknown subcommand 'rules frobnicate'") != std::string::npos);
  r = tact_cli("");
  CHECK(r.status == 2);
}

TEST_CASE("text output lists each message") {
  const Run r =
      tact_cli("analyze --jsonl", R"({"id": "t1", "role": "customer", "text": "My order is late."})"
                                  "\n");
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("t1  customer  escalation ", 0) == 0);
  CHECK(r.out.find("  My order is late.\n") != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // no colour when not a terminal
}

TEST_CASE("rewrite prints one line per message") {
  const Run r = tact_cli("rewrite", "one\ntwo\n");
  REQUIRE(r.status == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);
}

TEST_CASE("rewrite sends the pack's empty_reply for a reply that was all sarcasm") {
  const Run r =
      tact_cli("rewrite --role agent", "Cool story.\nCool story. The fix is in the FAQ.\n");
  REQUIRE(r.status == 0);
  CHECK(r.out == "I understand this is frustrating.\nThe fix is in the FAQ.\n");
}

TEST_CASE("rewrite writes a changed reply's chat spellings out; an unchanged one stays") {
  const Run r = tact_cli("rewrite --role agent", "did u even check the docs\nthx, u r welcome\n");
  REQUIRE(r.status == 0);
  CHECK(r.out == "Did you get a chance to check the docs?\nthx, u r welcome\n");
}

TEST_CASE("rewrite parts a changed reply's comma splices and keeps a clean one's") {
  const Run r = tact_cli("rewrite --role agent",
                         "Relax, I checked the order, it's on its way\n"
                         "I checked the order, it's on its way\n"
                         "ok u need to restart it. could be anything really\n");
  REQUIRE(r.status == 0);
  CHECK(r.out ==
        "I understand this is stressful. I checked the order. It's on its way.\n"
        "I checked the order, it's on its way\n"
        "Ok could you restart it? Could be anything really.\n");
}

TEST_CASE("input that cannot be read and output that cannot be written: a message, exit 2") {
  Run r = tact_sh("TACT analyze / >/dev/null");
  CHECK(r.status == 2);
  CHECK(r.err == "tact: /:1: cannot read: Is a directory\n");
  r = tact_sh("TACT analyze <&- >/dev/null");
  CHECK(r.status == 2);
  CHECK(r.err == "tact: <stdin>:1: cannot read: Bad file descriptor\n");
  r = tact_sh("TACT analyze </ >/dev/null");
  CHECK(r.status == 2);
  CHECK(r.err == "tact: <stdin>:1: cannot read: Is a directory\n");
  for (const char* format : {"text", "json"}) {
    r = tact_sh(std::string("echo hello | TACT analyze --format ") + format + " >/dev/full");
    CHECK(r.status == 2);
    CHECK(r.err == "tact: <stdout>: cannot write: No space left on device\n");
  }
  // A file that fails does not stop the others; JSON mode answers it too.
  std::ofstream("tact_good.txt") << "one\n";
  r = tact_cli("analyze --format json / tact_good.txt");
  CHECK(r.status == 2);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0]["error"]["code"] == "read_error");
  CHECK(lines[0]["error"]["file"] == "/");
  CHECK(lines[1]["rewrite"] == "one");
  std::remove("tact_good.txt");
}

TEST_CASE("a line over --max-input-bytes is reported in its place and skipped") {
  const std::string input = "first\n" + std::string(5000, 'x') + "\r\n" + std::string(100, 'y') +
                            "\nlast";  // no final newline: still a line
  const Run r = tact_cli("analyze --format json --max-input-bytes 100", input);
  CHECK(r.status == 2);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0]["rewrite"] == "first");
  CHECK(lines[1]["error"]["code"] == "too_large");
  CHECK(lines[1]["error"]["line"] == 2);
  CHECK(lines[2]["rewrite"] == std::string(100, 'y'));  // exactly the limit, after the \r
  CHECK(lines[3]["rewrite"] == "last");
  CHECK(r.err == "tact: <stdin>:2: line longer than 100 bytes\n");
}

TEST_CASE("a UTF-8 byte order mark at the start of a file is dropped") {
  Run r = tact_cli("rewrite", "\xEF\xBB\xBFI don't know.\n\xEF\xBB\xBFsecond\n");
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("\xEF\xBB\xBF", 0) == std::string::npos);
  CHECK(r.out.find("\n\xEF\xBB\xBFsecond\n") != std::string::npos);  // only at the start
  r = tact_cli("analyze --jsonl --format json", "\xEF\xBB\xBF{\"id\": \"b\", \"text\": \"hi\"}\n");
  REQUIRE(r.status == 0);
  CHECK(json_lines(r.out)[0]["id"] == "b");
}

TEST_CASE("--jsonl echoes each id's token exactly as written") {
  const std::string input = R"({"id": 1, "text": "a"})"
                            "\n"
                            R"({"text": "a", "id": 1e2})"
                            "\n"
                            R"({"id": 123456789012345678901234567890, "text": "a"})"
                            "\n"
                            R"({"id": "", "text": "a"})"
                            "\n"
                            R"({"id": "7", "text": "a", "note": {"id": 9}})"
                            "\n"
                            R"({"id": -0.50, "text": "bad", "role": "robot"})"
                            "\n";
  const Run r = tact_cli("analyze --jsonl --format json", input);
  CHECK(r.status == 2);
  std::vector<std::string> ids;
  std::istringstream out(r.out);
  for (std::string line; std::getline(out, line);) ids.push_back(line.substr(0, line.find(',')));
  const std::vector<std::string> want = {
      R"({"id":1)",  R"({"id":1e2)", R"({"id":123456789012345678901234567890)",
      R"({"id":"")", R"({"id":"7")", R"({"id":-0.50)"};
  CHECK(ids == want);
}

// The JSON report of one line, which must hold exactly one declined edit
// with `reason` starting at byte `start`.
nlohmann::json one_declined(const std::string& text, const char* reason, int start) {
  const Run json = tact_cli("analyze --format json", text);
  REQUIRE(json.status == 0);
  const auto lines = json_lines(json.out);
  REQUIRE(lines.size() == 1);
  const auto& j = lines[0];
  REQUIRE(j.contains("declined"));
  REQUIRE(j["declined"].size() == 1);
  CHECK(j["declined"][0]["applied"] == false);
  CHECK(j["declined"][0]["reason"] == reason);
  CHECK(j["declined"][0]["start"] == start);
  for (const auto& e : j["edits"]) CHECK(e["applied"] == true);
  return j;
}

TEST_CASE("an edit the fluency guard declines is reported, not applied, in JSON and text") {
  // A whole-clause suggestion ("I understand why this matters") would sit
  // inside "it's really … over".
  const std::string text =
      "It's a bit of rain in the photos and it's really not worth getting upset over.\n";
  const auto j = one_declined(text, "clause_seam", 49);
  CHECK(j["rewrite"].get<std::string>().find("I understand") == std::string::npos);

  const Run plain = tact_cli("analyze --format text", text);
  REQUIRE(plain.status == 0);
  CHECK(plain.out.find("not applied: clause_seam") != std::string::npos);
}

TEST_CASE("cli: a finding none of whose suggestions fits is declined as no_fit") {
  // The pack's advice for "you should have" opens a sentence; here it cannot.
  const auto j = one_declined(
      "The fee applies because you should have returned the box within 30 days.\n", "no_fit", 24);
  CHECK(j["rewrite"] == "The fee applies because you should have returned the box within 30 days.");
}

TEST_CASE("cli: a rule whose suggestions are advice is declined as advice, its suggestion shown") {
  // The pack's hindsight-blame rule sets splice = false.
  const auto j = one_declined("You should have kept the receipt.\n", "advice", 0);
  CHECK(j["rewrite"] == "You should have kept the receipt.");
  CHECK(j["declined"][0]["replacement"] == "It would have helped to have kept");
  REQUIRE(j["triggers"].size() == 1);
  CHECK(j["triggers"][0]["suggestions"][0] == "It would have helped to have kept");
}

TEST_CASE("--rules takes one pack, so a file after it is input (as in rules/README.md)") {
  std::ofstream("tact_pack.toml") << "";
  std::ofstream("tact_msgs.txt") << "one\ntwo\n";
  for (const char* args : {"rewrite --rules tact_pack.toml tact_msgs.txt",
                           "rewrite --rules=tact_pack.toml tact_msgs.txt",
                           "rewrite --rules tact_pack.toml --rules tact_pack.toml tact_msgs.txt"}) {
    CAPTURE(args);
    const Run r = tact_cli(args, "not this\n");
    CHECK(r.status == 0);
    CHECK(r.out == "one\ntwo\n");
  }
  std::remove("tact_pack.toml");
  std::remove("tact_msgs.txt");
}

TEST_CASE("--deadline-us: a message past it is output with its findings so far and an error") {
  std::string long_line;
  for (int i = 0; i < 4000; ++i) long_line += "I don't know. Calm down. ";
  const std::string input = R"({"id": 7, "text": ")" + long_line + "\"}\n";
  Run r = tact_cli("analyze --jsonl --format json --deadline-us 1", input);
  CHECK(r.status == 2);
  auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["id"] == 7);
  CHECK(lines[0]["truncated"] == true);
  CHECK(lines[0]["rewrite"] == "");
  CHECK(lines[0]["error"]["code"] == "deadline_exceeded");
  CHECK(r.err.find("<stdin>:1: deadline of 1 us passed") != std::string::npos);
  // rewrite prints the draft unchanged rather than a half-settled rewrite.
  r = tact_cli("rewrite --deadline-us 1", long_line + "\n");
  CHECK(r.status == 2);
  CHECK(r.out == long_line + "\n");
  // A deadline that does not pass changes nothing.
  CHECK(tact_cli("analyze --format json --deadline-us 3600000000", "I don't know.\n").out ==
        tact_cli("analyze --format json", "I don't know.\n").out);
  CHECK(tact_cli("analyze --deadline-us -5", "x\n").status == 2);
}

TEST_CASE("--threads N: the same output, in input order, as one thread") {
  // Messages, malformed lines and lines over the limit, interleaved, more
  // than one batch's worth.
  std::string input;
  for (int i = 0; i < 1500; ++i) {
    if (i % 97 == 5) {
      input += "{not json\n";
    } else if (i % 89 == 7) {
      input +=
          R"({"id": )" + std::to_string(i) + R"(, "text": ")" + std::string(300, 'x') + "\"}\n";
    } else {
      input += R"({"id": )" + std::to_string(i) + R"(, "text": "I don't know, message )" +
               std::to_string(i) + R"(. Calm down.", "role": ")" +
               (i % 3 == 0 ? "customer" : "agent") + "\"}\n";
    }
  }
  const Run one =
      tact_cli("analyze --jsonl --format json --max-input-bytes 200 --threads 1", input);
  REQUIRE(one.status == 2);
  REQUIRE(json_lines(one.out).size() == 1500);
  for (const char* threads : {"2", "3", "0"}) {
    CAPTURE(threads);
    const Run many = tact_cli(
        std::string("analyze --jsonl --format json --max-input-bytes 200 --threads ") + threads,
        input);
    CHECK(many.status == 2);
    CHECK(many.out == one.out);
    CHECK(many.err == one.err);
  }
  CHECK(tact_cli("rewrite --threads 2", "I don't know.\nCalm down.\n").out ==
        tact_cli("rewrite --threads 1", "I don't know.\nCalm down.\n").out);
}

TEST_CASE("--threads N: many batches in flight, every kind of bad line in its place") {
  // 6,000 lines: a dozen batches, so several are read, answered and emitted
  // at once. Each bad line must be answered where it stands, on stdout and
  // stderr, exactly as with one thread.
  std::string input;
  int expected = 0;  // output lines: every line but the blank ones
  for (int i = 1; i <= 6000; ++i) {
    const std::string n = std::to_string(i);
    switch (i % 41) {
      case 3: input += "{not json\n"; break;
      case 7: input += R"({"id": )" + n + R"(, "text": ")" + std::string(300, 'y') + "\"}\n"; break;
      case 11: input += R"({"id": )" + n + "}\n"; break;
      case 13:
        input += R"({"id": )" + n +
                 R"(, "text": 5})"
                 "\n";
        break;
      case 17:
        input += R"({"id": [1], "text": "x"})"
                 "\n";
        break;
      case 19:
        input += R"({"id": )" + n +
                 R"(, "role": "boss", "text": "x"})"
                 "\n";
        break;
      case 23: input += "{\"id\": " + n + ", \"text\": \"bad \xC3\x28 byte\"}\n"; break;
      case 29:
        input += " \t\n";
        --expected;
        break;  // blank: skipped
      case 31:
        input += R"({"id": )" + n +
                 R"(, "text": "crlf line"})"
                 "\r\n";
        break;
      case 37:
        input +=
            "\xEF\xBB\xBF"
            R"({"id": )" +
            n +
            R"(, "text": "a mark mid-file"})"
            "\n";
        break;
      default:
        input += R"({"id": )" + n + R"(, "text": "I don't know, message )" + n +
                 R"(. Calm down.\nThis is ridiculous!", "role": ")" +
                 (i % 3 == 0 ? "customer" : "agent") + "\"}\n";
    }
    ++expected;
  }
  const std::string args = "analyze --jsonl --format json --max-input-bytes 200 --threads ";
  const Run one = tact_cli(args + "1", input);
  REQUIRE(one.status == 2);
  const auto lines = json_lines(one.out);
  REQUIRE(static_cast<int>(lines.size()) == expected);
  // In input order: each line's id, or the line number its error names.
  long last = 0;
  for (const auto& j : lines) {
    long at = 0;
    if (j["id"].is_number()) {
      at = j["id"].get<long>();
    } else if (j.contains("error")) {
      at = j["error"]["line"].get<long>();
    }
    if (at != 0) {
      CHECK(at > last);
      last = at;
    }
  }
  for (const char* threads : {"2", "3", "8"}) {
    CAPTURE(threads);
    const Run many = tact_cli(args + threads, input);
    CHECK(many.status == 2);
    CHECK(many.out == one.out);
    CHECK(many.err == one.err);
    const Run text =
        tact_cli(std::string("analyze --jsonl --max-input-bytes 200 --threads ") + threads, input);
    CHECK(text.out == tact_cli("analyze --jsonl --max-input-bytes 200 --threads 1", input).out);
  }
  // stdout and stderr into one file interleave the same way too.
  { std::ofstream("threads.in", std::ios::binary) << input; }
  std::string both[2];
  for (int k = 0; k < 2; ++k) {
    const std::string cmd = std::string("'") + TACT_CLI + "' " + args + (k == 0 ? "1" : "2") +
                            " threads.in >threads.out 2>&1";
    CHECK(WEXITSTATUS(std::system(cmd.c_str())) == 2);
    std::stringstream out;
    out << std::ifstream("threads.out", std::ios::binary).rdbuf();
    both[k] = out.str();
  }
  CHECK(both[0] == both[1]);
  CHECK(both[0].find("threads.in:3: malformed JSON\n") != std::string::npos);
  std::remove("threads.in");
  std::remove("threads.out");
}

TEST_CASE("rewrite --jsonl writes each rewrite as one JSON string line, line breaks included") {
  const Run r = tact_cli("rewrite --jsonl", R"({"text": "Hi,\n\nI don't know.\nBest"})"
                                            "\n"
                                            R"({"text": "Thanks!"})"
                                            "\n");
  REQUIRE(r.status == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "Hi,\n\nI can't confirm yet.\nBest");
  CHECK(lines[1] == "Thanks!");
}

TEST_CASE("--language with a pack of that language: its categories, tone and rules check") {
  const std::string pack = std::string(TACT_SOURCE_DIR) + "/tests/packs/de/pack.toml";
  Run r = tact_cli("analyze --format json --no-default-pack --language de --rules '" + pack + "'",
                   "Keine Ahnung. Hast du die Rechnung noch?\n");
  REQUIRE(r.status == 0);
  auto lines = json_lines(r.out);
  REQUIRE(lines.size() == 1);
  REQUIRE(lines[0]["triggers"].size() == 2);
  CHECK(lines[0]["triggers"][0]["category"] == "uncertainty");
  CHECK(lines[0]["triggers"][1]["category"] == "informal_address");

  // The English lexicon is not the German pack's.
  r = tact_cli("analyze --format json --role customer --no-default-pack --language de --rules '" +
                   pack + "'",
               "This is terrible, awful and horrible.\n");
  REQUIRE(r.status == 0);
  CHECK(json_lines(r.out)[0]["tone"]["sentiment"] == 0.0);

  r = tact_cli("rules check --no-default-pack --language de '" + pack + "'");
  CHECK(r.status == 0);
  CHECK(r.out.find("12 rules, all examples pass") != std::string::npos);

  r = tact_cli("analyze --language fr", "hello\n");
  CHECK(r.status != 0);
  CHECK(r.err.find("language 'fr' has no embedded pack (embedded: en)") != std::string::npos);
}

TEST_CASE("rules categories: one JSON line per category; docs/categories.md lists the default's") {
  Run r = tact_cli("rules categories");
  REQUIRE(r.status == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(!lines.empty());
  std::ifstream doc_file(std::string(TACT_SOURCE_DIR) + "/docs/categories.md");
  std::stringstream doc;
  doc << doc_file.rdbuf();
  for (const auto& c : lines) {
    const std::string id = c["id"];
    CAPTURE(id);
    CHECK(!c["name"].get<std::string>().empty());
    CHECK(!c["message"].get<std::string>().empty());
    const std::string family = c["family"];
    CHECK((family == "trigger" || family == "technique" || family == "signal"));
    // The shipped docs name every category the default pack defines.
    CHECK(doc.str().find("| `" + id + "` |") != std::string::npos);
  }

  const std::string pack = std::string(TACT_SOURCE_DIR) + "/tests/packs/de/pack.toml";
  r = tact_cli("rules categories --no-default-pack --language de '" + pack + "'");
  REQUIRE(r.status == 0);
  bool informal = false;
  for (const auto& c : json_lines(r.out)) {
    if (c["id"] == "informal_address") informal = c["name"] == "Duzen";
  }
  CHECK(informal);

  r = tact_cli("rules categories /nonexistent/pack.toml");
  CHECK(r.status != 0);
  CHECK(!r.err.empty());
}
