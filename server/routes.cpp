// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
#include "routes.hpp"

#include <chrono>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "assets.hpp"
#include "connection.hpp"
#include "conversation.hpp"
#include "input.hpp"
#include "json_lines.hpp"
#include "languagetool.hpp"
#include "pool.hpp"

namespace tact::serve {

namespace {

using httplib::Request;
using httplib::Response;

// When the request on this thread reached routing (a request httplib
// refused while parsing never does).
thread_local std::chrono::steady_clock::time_point t_started;
thread_local bool t_timing = false;

// The deepest JSON nesting accepted; real requests need 3.
constexpr int kMaxDepth = 64;

void fail(Response& res, int status, const std::string& code, const std::string& message) {
  res.status = status;
  res.set_content(error_body(code, message), "application/json");
}

// Compares in time independent of where the strings differ, so the key
// cannot be guessed a byte at a time.
bool same_secret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (b.empty() ? 0 : b[i % b.size()]));
  }
  return diff == 0;
}

struct Endpoint {
  std::string_view path;
  std::string_view allow;  // the methods it answers
};

constexpr Endpoint kEndpoints[] = {
    {"/", "GET, HEAD"},           {"/app.js", "GET, HEAD"},   {"/app.css", "GET, HEAD"},
    {"/health", "GET, HEAD"},     {"/metrics", "GET, HEAD"},  {"/v1/analyze", "POST"},
    {"/v1/conversation", "POST"}, {"/v2/check", "GET, POST"}, {"/v2/languages", "GET, HEAD"}};

const Endpoint* find_endpoint(std::string_view path) {
  for (const Endpoint& e : kEndpoints) {
    if (e.path == path) return &e;
  }
  return nullptr;
}

bool allows(const Endpoint& e, const std::string& method) {
  // Not `method == "HEAD" ? "GET" : method`: that makes a temporary string
  // the view would outlive.
  std::string_view m = method;
  if (m == "HEAD") m = "GET";
  std::string_view allow = e.allow;
  while (!allow.empty()) {
    const std::size_t comma = allow.find(", ");
    if (allow.substr(0, comma) == m) return true;
    if (comma == std::string_view::npos) break;
    allow.remove_prefix(comma + 2);
  }
  return false;
}

// The body as JSON, or false after answering 400.
bool parse_json(const std::string& body, Response& res, nlohmann::json* out) {
  if (!valid_utf8(body)) {
    fail(res, 400, "invalid_utf8", "the body is not valid UTF-8");
    return false;
  }
  if (!nesting_within(body, kMaxDepth)) {
    fail(res, 400, "too_deep", "the body nests deeper than " + std::to_string(kMaxDepth));
    return false;
  }
  *out = nlohmann::json::parse(body, nullptr, false);
  if (out->is_discarded()) {
    fail(res, 400, "malformed_json", "the body is not JSON");
    return false;
  }
  if (!out->is_object()) {
    fail(res, 400, "wrong_type", "the body must be a JSON object");
    return false;
  }
  return true;
}

int status_for(const std::string& code) {
  if (code == "too_large") return 413;
  if (code == "out_of_memory") return 503;
  return 500;
}

}  // namespace

std::string error_body(const std::string& code, const std::string& message) {
  nlohmann::ordered_json e;
  e["error"]["code"] = code;
  e["error"]["message"] = message;
  return e.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void Routes::install(httplib::Server* server) {
  const auto plain = [this](const Request& req, Response& res) { handle(req, res, nullptr); };
  const auto reading = [this](const Request& req, Response& res,
                              const httplib::ContentReader& reader) { handle(req, res, &reader); };
  server->Get(".*", plain);
  server->Options(".*", plain);
  server->Post(".*", plain);  // a POST without a body
  server->Post(".*", reading);
  server->Put(".*", plain);
  server->Put(".*", reading);
  server->Patch(".*", plain);
  server->Patch(".*", reading);
  server->Delete(".*", plain);
  server->Delete(".*", reading);

  // Responses httplib makes itself (413 past the body limit, 400 for a
  // request it cannot parse) get the same JSON as ours.
  server->set_error_handler([](const Request&, Response& res) {
    if (!res.body.empty()) return;
    // Past a limit the connection ends (connection.hpp); the client is
    // told so.
    if (Server::exceeded() != Limit::none) res.set_header("Connection", "close");
    if (Server::exceeded() == Limit::headers) {
      return fail(res, 431, "headers_too_large", "the request's headers are too large");
    }
    if (Server::exceeded() == Limit::request) res.status = 413;
    const char* code = res.status == 413   ? "too_large"
                       : res.status == 414 ? "uri_too_long"
                       : res.status == 404 ? "not_found"
                                           : "bad_request";
    const char* message = res.status == 413   ? "the body is too large"
                          : res.status == 414 ? "the request line is too long"
                          : res.status == 404 ? "not found"
                                              : "the request could not be parsed";
    res.set_content(error_body(code, message), "application/json");
  });
  server->set_exception_handler([](const Request&, Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      std::rethrow_exception(std::move(ep));
    } catch (const std::bad_alloc&) {
      what = "out of memory";
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    fail(res, 500, "internal", what);
  });
  server->set_pre_routing_handler([this](const Request&, Response&) {
    // A request whose client vanished before its answer was written is
    // never logged; count it out of the in-flight gauge here.
    if (t_timing) metrics_->finished();
    t_started = std::chrono::steady_clock::now();
    t_timing = true;
    metrics_->started();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server->set_logger([this](const Request& req, const Response& res) {
    double seconds = 0;
    if (t_timing) {
      t_timing = false;
      metrics_->finished();
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_started).count();
    }
    metrics_->record(req.path, res.status, seconds);
  });
}

void Routes::handle(const Request& req, Response& res, const httplib::ContentReader* reader) const {
  // Read the whole body first, even for a request about to be refused, so
  // the next request on a kept-alive connection starts where it should.
  std::string body;
  if (reader != nullptr) {
    bool too_large = false;
    const auto append = [&](const char* data, std::size_t n) {
      if (body.size() + n > config_.max_body_bytes) {
        too_large = true;
        return false;
      }
      body.append(data, n);
      return true;
    };
    bool ok = false;
    if (req.is_multipart_form_data()) {
      // Parts become form fields ("name=value&..."), as LanguageTool reads
      // a multipart check.
      std::vector<std::pair<std::string, std::string>> parts;
      ok = (*reader)(
          [&](const httplib::MultipartFormData& part) {
            parts.emplace_back(part.name, std::string());
            return true;
          },
          [&](const char* data, std::size_t n) {
            if (parts.empty()) return false;
            if (body.size() + n > config_.max_body_bytes) {
              too_large = true;
              return false;
            }
            body.append(data, n);  // counts toward the limit only
            parts.back().second.append(data, n);
            return true;
          });
      body.clear();
      for (const auto& [name, value] : parts) {
        if (!body.empty()) body += '&';
        body += httplib::detail::encode_query_param(name) + "=" +
                httplib::detail::encode_query_param(value);
      }
    } else {
      ok = (*reader)(append);
    }
    if (too_large || res.status == 413) {
      return fail(res, 413, "too_large",
                  "the body is larger than " + std::to_string(config_.max_body_bytes) + " bytes");
    }
    if (!ok) return fail(res, 400, "bad_body", "the request body could not be read");
  }
  if (BoundedPool::overloaded()) {
    res.set_header("Retry-After", "1");
    return fail(res, 503, "overloaded", "the server is busy; try again");
  }
  cors(req, res);

  const Endpoint* endpoint = find_endpoint(req.path);
  if (endpoint == nullptr) return fail(res, 404, "not_found", "no endpoint " + req.path);
  if (req.method == "OPTIONS") {
    // A CORS preflight: answered without the key, which it cannot carry.
    res.status = 204;
    res.set_header("Allow", std::string(endpoint->allow) + ", OPTIONS");
    return;
  }
  if (!allows(*endpoint, req.method)) {
    res.set_header("Allow", std::string(endpoint->allow));
    return fail(res, 405, "method_not_allowed",
                req.method + " is not allowed on " + req.path +
                    " (allowed: " + std::string(endpoint->allow) + ")");
  }
  if (req.path != "/health" && !authorized(req, body)) {
    res.set_header("WWW-Authenticate", "Bearer");
    return fail(res, 401, "unauthorized",
                "a valid API key is required (Authorization: Bearer KEY)");
  }

  if (req.path == "/v1/analyze") return analyze(body, res);
  if (req.path == "/v1/conversation") return conversation(body, res);
  if (req.path == "/v2/check") return check(req, body, res);
  if (req.path == "/v2/languages")
    return res.set_content(languages_json(analyzer_.options().language), "application/json");
  if (req.path == "/health") {
    return res.set_content(R"({"status":"ok","version":")" + std::string(version_string()) + "\"}",
                           "application/json");
  }
  if (req.path == "/metrics") {
    return res.set_content(metrics_->render(analyzer_.rule_count()),
                           "text/plain; version=0.0.4; charset=utf-8");
  }
  if (const Asset* asset = find_asset(req.path)) {
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    return res.set_content(asset->body.data(), asset->body.size(),
                           std::string(asset->content_type));
  }
  fail(res, 404, "not_found", "no endpoint " + req.path);
}

bool Routes::authorized(const Request& req, const std::string& body) const {
  if (config_.api_key.empty()) return true;
  const std::string header = req.get_header_value("Authorization");
  static constexpr std::string_view kBearer = "Bearer ";
  if (header.compare(0, kBearer.size(), kBearer) == 0 &&
      same_secret(std::string_view(header).substr(kBearer.size()), config_.api_key)) {
    return true;
  }
  // LanguageTool clients cannot set headers; they send an apiKey field.
  if (req.path == "/v2/check") {
    Form form;
    if (req.method == "POST") parse_form(body, &form);
    for (const auto& [k, v] : req.params) form.emplace(k, v);
    const auto key = form.find("apiKey");
    if (key != form.end() && same_secret(key->second, config_.api_key)) return true;
  }
  return false;
}

void Routes::cors(const Request& req, Response& res) const {
  if (config_.cors_origins.empty() || !req.has_header("Origin")) return;
  const std::string origin = req.get_header_value("Origin");
  for (const std::string& allowed : config_.cors_origins) {
    if (allowed != origin) continue;
    res.set_header("Access-Control-Allow-Origin", origin);
    res.set_header("Vary", "Origin");
    if (req.method == "OPTIONS") {
      res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
      res.set_header("Access-Control-Max-Age", "600");
    }
    return;
  }
}

void Routes::analyze(const std::string& body, Response& res) const {
  nlohmann::json j;
  if (!parse_json(body, res, &j)) return;
  const auto messages = j.find("messages");
  if (messages == j.end()) {
    // One message: the body is read exactly as a --jsonl line, so its id is
    // echoed as written.
    cli::Message m;
    m.file = "<request>";
    m.line = 1;
    m.text = body;
    cli::parse_json_message(&m);
    if (!m.code.empty()) return fail(res, 400, "wrong_type", m.error);
    Report report;
    const std::string partial = cli::analyze_message(analyzer_, m, Role::agent, &report);
    if (!m.code.empty()) return fail(res, status_for(m.code), m.code, m.error);
    return res.set_content(cli::report_json(m, report, partial) + "\n", "application/json");
  }
  if (!messages->is_array()) return fail(res, 400, "wrong_type", "\"messages\" must be a list");
  std::vector<cli::Message> batch(messages->size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    cli::Message& m = batch[i];
    m.file = "<request>";
    m.line = static_cast<long>(i + 1);
    m.text = (*messages)[i].dump();
    cli::parse_json_message(&m);
    if (!m.code.empty()) {
      return fail(res, 400, "wrong_type", "messages[" + std::to_string(i) + "]: " + m.error);
    }
  }
  // JSON Lines, one per message in order, as `tact analyze --jsonl --format
  // json` prints them: a message that fails gets its error line in place.
  std::string out;
  for (cli::Message& m : batch) {
    Report report;
    const std::string partial = cli::analyze_message(analyzer_, m, Role::agent, &report);
    out += m.code.empty() ? cli::report_json(m, report, partial) : cli::error_json(m);
    out += '\n';
  }
  res.set_content(out, "application/x-ndjson");
}

void Routes::conversation(const std::string& body, Response& res) const {
  nlohmann::json j;
  if (!parse_json(body, res, &j)) return;
  const cli::ConversationRequest c = cli::read_conversation(j);
  if (!c.error.empty()) return fail(res, 400, "wrong_type", c.error);
  std::string error;
  std::string line = cli::conversation_json(analyzer_, c, &error);
  if (!error.empty()) return fail(res, 422, "conversation_error", error);
  res.set_content(std::move(line) + "\n", "application/json");
}

void Routes::check(const Request& req, const std::string& body, Response& res) const {
  Form form;
  if (req.method == "POST") {
    const std::string type = req.get_header_value("Content-Type");
    if (!type.empty() && type.compare(0, 33, "application/x-www-form-urlencoded") != 0 &&
        !req.is_multipart_form_data()) {
      return fail(res, 415, "unsupported_media_type",
                  "send the fields form-encoded (application/x-www-form-urlencoded)");
    }
    if (!parse_form(body, &form)) return fail(res, 400, "bad_form", "malformed form encoding");
  }
  for (const auto& [k, v] : req.params) form.emplace(k, v);
  const CheckAnswer a = serve::check(analyzer_, form);
  if (a.status != 200) return fail(res, a.status, a.code, a.message);
  res.set_content(a.body, "application/json");
}

}  // namespace tact::serve
