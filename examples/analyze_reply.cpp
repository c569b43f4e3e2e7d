// analyze_reply.cpp: checks an agent's reply before it is sent and prints
// each trigger phrase with its suggested rewrites, through the C++ API.
//
//   c++ -std=c++17 analyze_reply.cpp -ltact -o analyze_reply
//   ./analyze_reply "I don't know, calm down."
#include <iostream>
#include <string>

#include "tact/tact.hpp"

int main(int argc, char** argv) {
  const std::string reply =
      argc > 1 ? argv[1]
               : "I don't know where your order is. You should have checked the tracking "
                 "page, it's our policy.";

  // Build once (the embedded English pack), then analyze many replies, from
  // any number of threads.
  const tact::Analyzer analyzer;
  tact::Report report;
  const tact::Status status = analyzer.analyze(reply, tact::Role::agent, &report);
  if (!status.ok()) {
    std::cerr << "tact: " << status.message << "\n";
    return 1;
  }

  std::cout << "reply: " << reply << "\n";
  for (const tact::Trigger& t : report.triggers) {
    std::cout << t.category << " at " << t.span.start << ".." << t.span.end << ": \"" << t.text
              << "\"\n";
    std::cout << "  why: " << t.message << "\n";
    for (const std::string& s : t.suggestions) std::cout << "  try: " << s << "\n";
  }
  std::cout << "rewrite: " << report.rewrite << "\n";
  return 0;
}
