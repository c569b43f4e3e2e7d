// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// `tact report`'s reading and counting. Lines are read through input.cpp's
// bounded reader; messages and whole conversations are analyzed on the
// threads of batches.hpp and only their compact results come back to the
// calling thread, which adds them to bounded aggregates in input order (so
// the excerpt lists are the same on any number of threads).
#include "report.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "batches.hpp"
#include "conversation.hpp"
#include "input.hpp"
#include "json_lines.hpp"
#include "progress.hpp"
#include "report_model.hpp"

namespace tact::cli {

namespace {

constexpr int kExitError = 2;
// Distinct agents, teams, phrases and periods kept; the rest is "(other)".
constexpr std::size_t kMaxKeys = 10000;
constexpr std::size_t kMaxErrors = 100;
constexpr std::size_t kMaxExamples = 20;
constexpr std::size_t kTopPhrases = 25;
// Excerpts and phrases are cut at this many bytes (at a code point).
constexpr std::size_t kExcerptBytes = 400;
constexpr std::size_t kPhraseBytes = 120;
const char* const kNone = "(none)";
const char* const kOther = "(other)";

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The first `max` bytes of `s`, not splitting a UTF-8 sequence.
std::string_view cut(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// A phrase as counted: ASCII letters lower-cased (other scripts are left as
// written: case folding them needs tables the CLI does not carry), runs of
// white space made one space, ends trimmed.
std::string phrase_key(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : cut(text, kPhraseBytes)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2 ? 1 : 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y, m, d);
  return buf;
}

// The period of an ISO 8601 timestamp: its date, or with `week` the Monday
// of its ISO week. Only the date part is read (time and zone are not: a
// message is counted on the day its writer's clock said). "" when the
// value does not start with a valid YYYY-MM-DD.
std::string period_of(const nlohmann::json& v, bool week) {
  if (!v.is_string()) return "";
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return "";
  for (const int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return "";
  }
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return "";
  const long y = std::stol(s.substr(0, 4));
  const auto m = static_cast<unsigned>(std::stoul(s.substr(5, 2)));
  const auto d = static_cast<unsigned>(std::stoul(s.substr(8, 2)));
  static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return "";
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return "";
  long days = days_from_civil(y, m, d);
  if (week) {
    const long weekday = ((days % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday: 0 = Monday
    days -= weekday;
  }
  return civil_from_days(days);
}

std::string string_field(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return std::string(cut(it->get_ref<const std::string&>(), kPhraseBytes));
  return std::string(cut(dump(*it), kPhraseBytes));
}

// Who wrote a message and when, as the line said.
struct Meta {
  std::string agent;
  std::string team;
  std::string period;  // "" when undated
};

Meta read_meta(const nlohmann::json& j, const Meta* fallback, bool week) {
  Meta m;
  m.agent = string_field(j, "agent");
  m.team = string_field(j, "team");
  if (const auto c = j.find("created_at"); c != j.end()) m.period = period_of(*c, week);
  if (fallback != nullptr) {
    if (m.agent.empty()) m.agent = fallback->agent;
    if (m.team.empty()) m.team = fallback->team;
    if (m.period.empty()) m.period = fallback->period;
  }
  return m;
}

// One unit of work: a single message, or a whole conversation.
struct Item {
  std::string file;
  long line = 0;  // of the message, or the conversation's first line
  // A bad line: the code and message (nothing is analyzed).
  std::string code;
  std::string error;
  bool conversation = false;
  std::string id_json = "null";  // the conversation's id
  // A single message: turns[0] with has_role telling whether its role was
  // given (else the analyzer guesses it).
  std::vector<ConversationInput> turns;
  std::vector<Meta> meta;  // one per turn
  bool has_role = true;
};

std::size_t batch_bytes(const Item& item) {
  std::size_t n = 0;
  for (const ConversationInput& t : item.turns) n += t.text.size();
  return n;
}

// What the report needs of one analyzed message.
struct TriggerHit {
  std::string category;
  std::string phrase;
  std::string suggestion;
  std::size_t start = 0;
  std::size_t end = 0;
};

struct MessageResult {
  Role role = Role::agent;
  int level = 0;          // the message's own escalation level
  int context_level = 0;  // in a conversation, a customer turn's level in context
  std::vector<TriggerHit> triggers;
  std::vector<std::string> techniques;
};

struct Result {
  std::vector<MessageResult> messages;
  std::string priority;
  std::string route;
  std::string code;  // set: analysis failed
  std::string error;
};

MessageResult summarize(const Report& r) {
  MessageResult m;
  m.role = r.role;
  m.level = r.escalation.level;
  m.context_level = r.escalation.level;
  for (const Trigger& t : r.triggers) {
    TriggerHit h;
    h.category = t.category;
    h.phrase = phrase_key(t.text);
    if (!t.suggestions.empty()) h.suggestion = std::string(cut(t.suggestions[0], kPhraseBytes));
    h.start = t.span.start;
    h.end = t.span.end;
    m.triggers.push_back(std::move(h));
  }
  for (const Technique& t : r.techniques) m.techniques.push_back(t.type);
  return m;
}

// Runs on any thread.
void analyze_item(const core::Analyzer& analyzer, Item& item, Result* out) {
  if (!item.code.empty()) return;
  try {
    if (!item.conversation) {
      Report report;
      const ConversationInput& t = item.turns[0];
      const Status st = analyzer.analyze(t.text, item.has_role ? t.role : Role::automatic, &report);
      if (!st.ok() && st.code != Code::deadline_exceeded) {
        out->code = error_code(st.code);
        out->error = st.message;
        return;
      }
      out->messages.push_back(summarize(report));
      return;
    }
    ConversationReport report;
    const Status st = core::analyze_conversation(analyzer, item.turns, &report);
    if (!st.ok()) {
      out->code = "conversation_error";
      out->error = st.message;
      return;
    }
    for (const ConversationTurn& t : report.turns) {
      MessageResult m = summarize(t.report);
      m.context_level = t.level;
      out->messages.push_back(std::move(m));
    }
    out->priority = report.priority;
    out->route = report.route;
  } catch (const std::bad_alloc&) {
    out->messages.clear();
    out->code = "out_of_memory";
    out->error = "out of memory";
  }
}

// A count per key that keeps at most kMaxKeys keys; later keys go to
// "(other)".
template <class V>
class Bounded {
 public:
  V& operator[](const std::string& key) {
    auto it = map_.find(key);
    if (it != map_.end()) return it->second;
    if (map_.size() >= kMaxKeys) return map_[kOther];
    return map_[key];
  }
  const std::map<std::string, V>& map() const { return map_; }

 private:
  std::map<std::string, V> map_;
};

struct WhoStats {
  std::uint64_t replies = 0;
  std::uint64_t triggers = 0;
  std::map<std::string, std::uint64_t> categories;  // the pack's categories: few
  std::map<std::string, std::uint64_t> techniques;  // the pack's techniques: few
};

struct PhraseStats {
  std::uint64_t count = 0;
  std::string suggestion;
};

double per_100(std::uint64_t n, std::uint64_t replies) {
  if (replies == 0) return 0.0;
  return std::round(static_cast<double>(n) * 10000.0 / static_cast<double>(replies)) / 100.0;
}

ReportJson levels_json(const std::vector<std::uint64_t>& levels) {
  ReportJson j = ReportJson::object();
  for (std::size_t i = 0; i < levels.size(); ++i) {
    j[escalation_label(static_cast<int>(i))] = levels[i];
  }
  return j;
}

template <class M>
ReportJson count_json(const M& map) {
  ReportJson j = ReportJson::object();
  for (const auto& [k, v] : map) j[k] = v;
  return j;
}

class Aggregate {
 public:
  Aggregate(const ReportSettings& s) : s_(s), week_(s.period == "week") {}

  bool week() const { return week_; }
  std::uint64_t messages() const { return messages_; }
  bool failed() const { return bad_lines_ > 0; }

  void line() { ++lines_; }

  void bad(const std::string& file, long line, const std::string& code,
           const std::string& message) {
    ++bad_lines_;
    std::cerr << "tact: " << file << ":" << line << ": " << message << "\n";
    if (errors_.size() < kMaxErrors) {
      ReportJson e;
      e["file"] = file;
      e["line"] = line;
      e["code"] = code;
      e["message"] = message;
      errors_.push_back(std::move(e));
    }
  }

  void add(const Item& item, const Result& r) {
    if (!item.code.empty() || !r.code.empty()) {
      bad(item.file, item.line, item.code.empty() ? r.code : item.code,
          item.code.empty() ? r.error : item.error);
      return;
    }
    for (std::size_t i = 0; i < r.messages.size(); ++i) message(item.meta[i], r.messages[i]);
    if (item.conversation) conversation(item, r);
  }

  ReportJson json() const;

 private:
  void who(WhoStats& w, const MessageResult& m) {
    ++w.replies;
    w.triggers += m.triggers.size();
    for (const TriggerHit& t : m.triggers) ++w.categories[t.category];
    for (const std::string& t : m.techniques) ++w.techniques[t];
  }

  void message(const Meta& meta, const MessageResult& m) {
    ++messages_;
    if (m.role == Role::customer) {
      ++customer_;
      const auto level = static_cast<std::size_t>(std::clamp(m.level, 0, 4));
      ++levels_[level];
      if (meta.period.empty()) {
        ++undated_;
      } else {
        auto& row = over_time_[meta.period];
        if (row.empty()) row.assign(5, 0);
        ++row[level];
      }
      return;
    }
    ++agent_;
    for (const TriggerHit& t : m.triggers) {
      ++categories_[t.category];
      PhraseStats& p = phrases_[t.category + '\n' + t.phrase];
      ++p.count;
      if (p.suggestion.empty()) p.suggestion = t.suggestion;
    }
    for (const std::string& t : m.techniques) ++techniques_[t];
    who(by_agent_[meta.agent.empty() ? kNone : meta.agent], m);
    who(by_team_[meta.team.empty() ? kNone : meta.team], m);
  }

  // The definitions are docs/report.md's.
  void conversation(const Item& item, const Result& r) {
    ++conversations_;
    ++priority_[r.priority];
    ++route_[r.route];
    const std::vector<MessageResult>& t = r.messages;
    int before = -1;  // the level of the last customer turn before this agent turn
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i].role == Role::customer) {
        before = t[i].context_level;
        continue;
      }
      if (before < 0) continue;
      std::size_t next = i + 1;
      while (next < t.size() && t[next].role != Role::customer) ++next;
      if (next == t.size()) break;
      const int after = t[next].context_level;
      if (after > before && !t[i].triggers.empty()) {
        ++escalated_total_;
        if (escalated_examples_.size() < kMaxExamples) {
          escalated_examples_.push_back(example(item, i, before, after));
          ReportJson spans = ReportJson::array();
          const std::size_t shown = cut(item.turns[i].text, kExcerptBytes).size();
          for (const TriggerHit& h : t[i].triggers) {
            if (h.end > shown) continue;  // past the excerpt
            spans.push_back(
                {{"start", h.start}, {"length", h.end - h.start}, {"category", h.category}});
          }
          escalated_examples_.back()["triggers"] = std::move(spans);
          escalated_examples_.back()["next_customer_text"] =
              std::string(cut(item.turns[next].text, kExcerptBytes));
        }
      }
      if (after < before) {
        ++calmed_total_;
        if (calmed_examples_.size() < kMaxExamples) {
          calmed_examples_.push_back(example(item, i, before, after));
          calmed_examples_.back()["techniques"] = t[i].techniques;
        }
      }
    }
    // Time to calm: from the first customer turn at the peak level to the
    // first later customer turn at level 0, in customer turns.
    int peak = 0;
    std::size_t peak_at = t.size();
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i].role == Role::customer && t[i].context_level > peak) {
        peak = t[i].context_level;
        peak_at = i;
      }
    }
    if (peak == 0) return;  // never escalated: neither calmed nor not
    std::uint64_t turns = 0;
    for (std::size_t i = peak_at + 1; i < t.size(); ++i) {
      if (t[i].role != Role::customer) continue;
      ++turns;
      if (t[i].context_level == 0) {
        ++calmed_;
        ++calm_turns_[turns];
        return;
      }
    }
    ++never_calmed_;
  }

  ReportJson example(const Item& item, std::size_t turn, int before, int after) const {
    ReportJson e;
    e["id"] = ReportJson::parse(item.id_json);
    e["turn"] = turn;
    e["agent_text"] = std::string(cut(item.turns[turn].text, kExcerptBytes));
    e["level_before"] = escalation_label(before);
    e["level_after"] = escalation_label(after);
    return e;
  }

  ReportJson who_json(const Bounded<WhoStats>& stats, const char* key, bool techniques) const;

  const ReportSettings& s_;
  bool week_;
  std::uint64_t lines_ = 0, messages_ = 0, agent_ = 0, customer_ = 0, bad_lines_ = 0;
  std::uint64_t undated_ = 0, conversations_ = 0;
  std::vector<ReportJson> errors_;
  std::vector<std::uint64_t> levels_ = std::vector<std::uint64_t>(5, 0);
  Bounded<std::vector<std::uint64_t>> over_time_;
  std::map<std::string, std::uint64_t> categories_;  // the pack's categories: few
  Bounded<PhraseStats> phrases_;
  std::map<std::string, std::uint64_t> techniques_;
  Bounded<WhoStats> by_agent_;
  Bounded<WhoStats> by_team_;
  std::map<std::string, std::uint64_t> priority_, route_;  // the policy's names: few
  std::uint64_t escalated_total_ = 0, calmed_total_ = 0;
  std::vector<ReportJson> escalated_examples_, calmed_examples_;
  std::uint64_t calmed_ = 0, never_calmed_ = 0;
  std::map<std::uint64_t, std::uint64_t> calm_turns_;

 public:
  std::vector<std::string> files;
};

ReportJson Aggregate::who_json(const Bounded<WhoStats>& stats, const char* key,
                               bool techniques) const {
  std::vector<const std::pair<const std::string, WhoStats>*> rows;
  for (const auto& row : stats.map()) rows.push_back(&row);
  // Most replies first, then by name, so the order does not depend on the map.
  std::sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    if (a->second.replies != b->second.replies) return a->second.replies > b->second.replies;
    return a->first < b->first;
  });
  ReportJson out = ReportJson::array();
  for (const auto* row : rows) {
    ReportJson j;
    j[key] = row->first;
    j["replies"] = row->second.replies;
    if (techniques) {
      j["techniques"] = count_json(row->second.techniques);
    } else {
      j["triggers"] = row->second.triggers;
      j["per_100_replies"] = per_100(row->second.triggers, row->second.replies);
      j["categories"] = count_json(row->second.categories);
    }
    out.push_back(std::move(j));
  }
  return out;
}

ReportJson Aggregate::json() const {
  ReportJson r;
  r["tact_report"] = 1;
  ReportJson& in = r["input"];
  in["files"] = files;
  in["lines"] = lines_;
  in["messages"] = messages_;
  in["agent_messages"] = agent_;
  in["customer_messages"] = customer_;
  in["conversations"] = conversations_;
  in["undated"] = undated_;
  in["bad_lines"] = bad_lines_;
  in["errors"] = errors_;

  ReportJson& esc = r["escalation"];
  esc["levels"] = levels_json(levels_);
  esc["period"] = s_.period;
  esc["over_time"] = ReportJson::array();
  for (const auto& [period, levels] : over_time_.map()) {
    esc["over_time"].push_back({{"period", period}, {"levels", levels_json(levels)}});
  }

  ReportJson& tr = r["triggers"];
  tr["replies"] = agent_;
  std::vector<std::pair<std::string, std::uint64_t>> cats(categories_.begin(), categories_.end());
  std::stable_sort(cats.begin(), cats.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  tr["categories"] = ReportJson::array();
  for (const auto& [cat, n] : cats) {
    tr["categories"].push_back(
        {{"category", cat}, {"count", n}, {"per_100_replies", per_100(n, agent_)}});
  }
  std::vector<const std::pair<const std::string, PhraseStats>*> phrases;
  for (const auto& p : phrases_.map()) phrases.push_back(&p);
  std::stable_sort(phrases.begin(), phrases.end(),
                   [](const auto* a, const auto* b) { return a->second.count > b->second.count; });
  if (phrases.size() > kTopPhrases) phrases.resize(kTopPhrases);
  tr["phrases"] = ReportJson::array();
  for (const auto* p : phrases) {
    const std::size_t nl = p->first.find('\n');
    ReportJson j;
    j["category"] = nl == std::string::npos ? std::string(kOther) : p->first.substr(0, nl);
    j["phrase"] = nl == std::string::npos ? std::string(kOther) : p->first.substr(nl + 1);
    j["count"] = p->second.count;
    if (p->second.suggestion.empty()) {
      j["suggestion"] = nullptr;
    } else {
      j["suggestion"] = p->second.suggestion;
    }
    tr["phrases"].push_back(std::move(j));
  }
  tr["by_agent"] = who_json(by_agent_, "agent", false);
  tr["by_team"] = who_json(by_team_, "team", false);

  ReportJson& te = r["techniques"];
  te["total"] = count_json(techniques_);
  te["by_agent"] = who_json(by_agent_, "agent", true);
  te["by_team"] = who_json(by_team_, "team", true);

  ReportJson& c = r["conversations"];
  c["count"] = conversations_;
  c["priority"] = count_json(priority_);
  c["route"] = count_json(route_);
  c["escalated_after_trigger_total"] = escalated_total_;
  c["escalated_after_trigger"] = escalated_examples_;
  c["calmed_after_reply_total"] = calmed_total_;
  c["calmed_after_reply"] = calmed_examples_;
  ReportJson& ttc = c["time_to_calm"];
  ttc["calmed"] = calmed_;
  ttc["never_calmed"] = never_calmed_;
  ttc["turns"] = ReportJson::object();
  for (const auto& [turns, n] : calm_turns_) ttc["turns"][std::to_string(turns)] = n;
  // The median from the histogram: constant memory whatever the count.
  if (calmed_ == 0) {
    ttc["median_turns"] = nullptr;
  } else {
    auto at = [&](std::uint64_t rank) {  // the rank-th smallest (0-based)
      std::uint64_t seen = 0;
      for (const auto& [turns, n] : calm_turns_) {
        seen += n;
        if (seen > rank) return static_cast<double>(turns);
      }
      return 0.0;
    };
    ttc["median_turns"] =
        calmed_ % 2 == 1 ? at(calmed_ / 2) : (at(calmed_ / 2 - 1) + at(calmed_ / 2)) / 2.0;
  }
  return r;
}

// Turns input lines into items: single messages, whole conversations, and
// with --group-by the runs of consecutive lines with the same value.
class Reader {
 public:
  Reader(const ReportSettings& s, Aggregate& agg, std::function<bool(Item&&)> queue)
      : s_(s), agg_(agg), queue_(std::move(queue)) {}

  bool line(Message& m) {
    if (!m.code.empty()) {
      if (m.code != "open_error" && m.code != "read_error") agg_.line();
      return bad(m.file, m.line, m.code, m.error);
    }
    if (m.text.find_first_not_of(" \t") == std::string::npos) return true;  // blank line
    agg_.line();
    nlohmann::json j = nlohmann::json::parse(m.text, nullptr, false);
    if (j.is_discarded()) return bad(m.file, m.line, "malformed", "malformed JSON");
    if (j.is_object() && j.contains("turns")) return conversation(m, j);
    read_json_message(j, &m);
    if (!m.code.empty()) return bad(m.file, m.line, m.code, m.error);
    Item item;
    item.file = m.file;
    item.line = m.line;
    item.meta.push_back(read_meta(j, nullptr, agg_.week()));
    item.has_role = m.has_role && m.role != Role::automatic;
    item.turns.push_back({m.role, std::move(m.text)});
    if (s_.group_by.empty() || !item.has_role) return queue_(std::move(item));
    const auto key = j.find(s_.group_by);
    if (key == j.end() || key->is_null()) return queue_(std::move(item));  // in no conversation
    std::string id_json = dump(*key);
    if (open_ && (id_json != group_.id_json || group_.turns.size() >= kMaxConversationTurns)) {
      if (!close()) return false;
    }
    if (!open_) {
      open_ = true;
      group_ = Item();
      group_.conversation = true;
      group_.file = item.file;
      group_.line = item.line;
      group_.id_json = std::move(id_json);
    }
    group_.turns.push_back(std::move(item.turns[0]));
    group_.meta.push_back(std::move(item.meta[0]));
    return true;
  }

  // The conversation still open at the end of the input.
  bool close() {
    if (!open_) return true;
    open_ = false;
    return queue_(std::move(group_));
  }

 private:
  bool bad(const std::string& file, long line, const std::string& code, const std::string& error) {
    Item item;
    item.file = file;
    item.line = line;
    item.code = code;
    item.error = error;
    return queue_(std::move(item));  // in order with the rest
  }

  bool conversation(const Message& m, const nlohmann::json& j) {
    ConversationRequest c = read_conversation(j);
    if (!c.error.empty()) {
      Item item;
      item.file = m.file;
      item.line = m.line;
      item.code = "conversation_error";
      item.error = c.error;
      return queue_(std::move(item));
    }
    Item item;
    item.file = m.file;
    item.line = m.line;
    item.conversation = true;
    item.id_json = c.id_json;
    const Meta whole = read_meta(j, nullptr, agg_.week());
    const nlohmann::json& turns = j["turns"];
    for (std::size_t i = 0; i < c.turns.size(); ++i) {
      item.meta.push_back(read_meta(turns[i], &whole, agg_.week()));
    }
    item.turns = std::move(c.turns);
    return queue_(std::move(item));
  }

  const ReportSettings& s_;
  Aggregate& agg_;
  std::function<bool(Item&&)> queue_;
  bool open_ = false;
  Item group_;
};

bool write_output(const ReportSettings& s, const std::string& text) {
  if (s.output.empty() || s.output == "-") {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "tact: <stdout>: cannot write\n";
      return false;
    }
    return true;
  }
  errno = 0;
  std::ofstream out(s.output, std::ios::binary | std::ios::trunc);
  if (out) out << text;
  if (out) out.flush();
  if (!out) {
    const int err = errno;
    std::cerr << "tact: " << s.output << ": cannot write" << (err != 0 ? ": " : "")
              << (err != 0 ? std::strerror(err) : "") << "\n";
    return false;
  }
  return true;
}

}  // namespace

int run_report(const ReportSettings& s) {
  Options options;
  options.default_pack = !s.no_default_pack;
  options.language = s.language;
  options.rule_files = s.rules;
  options.max_input_bytes = s.max_input_bytes;
  const core::Analyzer analyzer(options);
  if (!ready_for_conversations(analyzer)) return kExitError;
  Aggregate agg(s);
  for (const std::string& f : s.files.empty() ? std::vector<std::string>{"-"} : s.files) {
    agg.files.push_back(f == "-" ? "<stdin>" : f);
  }
  Progress progress(s.progress, s.files.empty() ? std::vector<std::string>{"-"} : s.files);
  std::uint64_t bytes = 0;

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned threads = s.threads == 0 ? cores : std::min(s.threads, kMaxBatchThreads);
  WorkBatches<Item, Result> batches(
      threads, [&](Item& item, Result* r) { analyze_item(analyzer, item, r); },
      [&](const Item& item, const Result& r) {
        agg.add(item, r);
        return true;
      });
  Reader reader(s, agg, [&](Item&& item) { return batches.add(std::move(item)); });
  ReadOptions read;
  read.jsonl = false;  // raw lines: a line may be a message or a conversation
  // Room for a whole conversation on one line, as `tact conversation` allows.
  read.max_bytes = s.max_input_bytes > (SIZE_MAX / 8) ? SIZE_MAX / 8 : s.max_input_bytes * 4;
  const bool complete = read_messages(s.files, read, [&](Message& m) {
    bytes += m.text.size() + 1;
    const bool go_on = reader.line(m);
    progress.update(agg.messages(), bytes);
    return go_on;
  });
  reader.close();
  batches.flush();
  progress.finish(agg.messages(), bytes);

  const ReportJson report = agg.json();
  const std::string text =
      s.format == "json"
          ? report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n"
          : report_html(report);
  if (!write_output(s, text)) return kExitError;
  return complete && !agg.failed() ? 0 : kExitError;
}

}  // namespace tact::cli
