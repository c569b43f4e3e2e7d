// Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
//
// Every category of the default pack, end to end through the Analyzer:
// several phrasings each (contractions and expansions, missing apostrophes,
// typos, British and American spelling), look-alikes that must stay quiet,
// and each phrase again with curly apostrophes, in ALL CAPS, with emoji
// beside it, and after and before multi-byte text, the span checked exactly
// in UTF-8 bytes and UTF-16 code units.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pack_helpers.hpp"
#include "rules/categories.hpp"

namespace tact {
namespace {

// `text` marks the expected span with [ and ].
struct Case {
  const char* category;
  const char* text;
};

// Agent triggers and techniques; customer signals.
const Case kTriggers[] = {
    {"refusal", "Sorry, [we can't refund] a gift card."},
    {"refusal", "[we cant change] the colour now"},
    {"refusal", "I'm sorry, [we cannot accept] returns on swimwear."},
    {"refusal", "[We can not cancel] once it ships."},
    {"refusal", "[That's not possible] this late in the day."},
    {"refusal", "[It's impossible to] move the date."},
    {"refusal", "[No.] The sale ended on Sunday."},
    {"refusal", "[We don't do] refunds on sale items."},
    {"refusal", "[We won't refund] a stay after check-in."},
    {"uncertainty", "[I don't know] when the courier will collect it."},
    {"uncertainty", "[honestly i dont know] why it failed"},
    {"uncertainty", "[I do not know] where it is."},
    {"uncertainty", "[No idea] where the driver is."},
    {"uncertainty", "[I'm not sure] which depot has it."},
    {"uncertainty", "[Im not 100% sure] when it lands."},
    {"uncertainty", "[No clue] what happened there."},
    {"uncertainty", "[Who knows] when the next van leaves."},
    {"dismissive", "[Please calm down], it's one parcel."},
    {"dismissive", "[Relax], your booking is safe."},
    {"dismissive", "[As I said,] the store shuts at six."},
    {"dismissive", "[Like I already told you] the code is on the email."},
    {"dismissive", "[It's not a big deal], it'll arrive tomorrow."},
    {"dismissive", "[You're overreacting a bit here], it's a short delay."},
    {"dismissive", "[Whatever], cancel it if you want."},
    {"condescending", "[Obviously,] the voucher can't be used twice."},
    {"condescending", "[Clearly] you entered the old address."},
    {"condescending", "[It's very simple]: tap Manage and pick a date."},
    {"condescending", "[Did you even read] the confirmation email?"},
    {"condescending", "[As anyone knows,] laptops aren't covered for spills."},
    {"condescending", "[Surely you can see] the date on the order."},
    {"blame", "[You should have checked] the size guide first."},
    {"blame", "[you shouldve called] us sooner"},
    {"blame", "[That's your fault really], the address was wrong."},
    {"blame", "The order failed because [you didn't] confirm the payment."},
    {"blame", "[You failed to] return the form in time."},
    {"blame", "This is [user error]."},
    {"blame", "I'm afraid [you must have] entered the wrong number."},
    {"policy_shield", "We can't add codes after payment, [it's our policy]."},
    {"policy_shield", "Sorry, [rules are rules]."},
    {"policy_shield", "[That's just how it works], the card is charged on the 1st."},
    {"policy_shield", "[Our hands are tied on this one], head office sets it."},
    {"policy_shield", "[There's nothing I can do], it has shipped."},
    {"policy_shield", "[It's our policy to charge] for late returns."},
    {"deflection", "[That's not my department], sorry."},
    {"deflection", "Billing [isn't my department]."},
    {"deflection", "Damage in the post [is not our problem]."},
    {"deflection", "[not my job to] track parcels"},
    {"deflection", "[You'll have to contact] the manufacturer."},
    {"deflection", "[Take it up with] the courier."},
    {"overpromise", "[I promise it will] be there tomorrow."},
    {"overpromise", "Sorry about that, [it will never happen again]."},
    {"overpromise", "The table [is guaranteed to] arrive Friday."},
    {"overpromise", "The patch [will 100%] fix it."},
    {"overpromise", "Your router [will definately] be working tonight."},
    {"overpromise", "[You'll get the upgrade next time, no matter what]."},
    {"overpromise", "I'll be there[, no matter what]."},
    {"hold_transfer", "[Please hold]."},
    {"hold_transfer", "[Please hold] while I check with the depot."},
    {"hold_transfer", "[I'll put you on hold] for a few minutes."},
    {"hold_transfer", "[I'm transferring you to] the returns team."},
    {"hold_transfer", "[Call back later], the system is down."},
    {"hold_transfer", "[Just wait until] Friday."},
    {"demanding", "[You must] return the item within 14 days."},
    {"demanding", "[You need to] send us a photo of the damage."},
    {"demanding", "[you have to] be in when the engineer comes"},
    {"demanding", "[I need you to] restart the router."},
    {"demanding", "[You've got to] reset the password first."},
    {"negative_framing", "[Unfortunately] the blue one is sold out."},
    {"negative_framing", "[Unfortunatly] we had a power cut."},
    {"negative_framing", "[I'm afraid] the earliest slot is Monday."},
    {"negative_framing", "[The problem is] the card was declined."},
    {"negative_framing", "We [won't be able to] deliver before Friday."},
    {"hostile", "[Seriously?] You've asked three times."},
    {"hostile", "That's a [damn] shame."},
    {"hostile", "What a [stupid question]."},
    {"hostile", "Fine, I'll resend it [🙄]"},
    {"hostile", "[Yeah, well], we're not a charity."},
};

const Case kTechniques[] = {
    {"acknowledge", "[I can see] your order was charged twice."},
    {"acknowledge", "Thanks for [letting us know about the] broken lift."},
    {"empathize", "[That sounds really stressful]."},
    {"empathize", "[You must be so fed up] with the noise."},
    {"apologize", "[I'm so sorry] about the wait."},
    {"apologize", "[We apologise] for the disruption."},
    {"apologize", "[We apologize] for the disruption."},
    {"ownership", "[That's on us], and I'll fix it."},
    {"ownership", "[I'll personally] check the order tonight."},
    {"solution", "[I've swapped] the charger for a new one."},
    {"solution", "[I can send] a technician on Thursday."},
    {"next_steps", "The courier [will be in touch] within two days."},
    {"next_steps", "[I'll keep you posted]."},
    {"clarify", "[Could you confirm] the postcode for me?"},
    {"appreciate", "[Thank you for your patience]."},
    {"compensate", "[I've refunded] the delivery charge."},
    {"compensate", "I've [knocked 15% off] tonight's rate."},
    {"narrate", "[I'm checking] the warehouse stock right now."},
    {"narrate", "[Let me just pull up] your booking."},
};

const Case kSignals[] = {
    {"manager_request", "Can I [speak to a supervisor] please?"},
    {"manager_request", "[Put me through to someone senior]."},
    {"churn_threat", "I'm cancelling and [going to another] provider."},
    {"churn_threat", "[Never ordering from you again]."},
    {"legal_threat", "I'll be speaking to my [solicitor]."},
    {"legal_threat", "See you in [small claims] court."},
    {"public_complaint", "I'm [leaving a one-star review]."},
    {"public_complaint", "This is going [on Twitter]."},
    {"repeat_contact", "[I've rung four times about this]."},
    {"repeat_contact", "The router's dropped out [again]."},
    {"profanity", "Where is my [fucking] parcel?"},
    {"profanity", "This is [bullshit]."},
    {"insult", "[You're all completely useless]."},
    {"insult", "Some [idiot] left it in the rain."},
    {"shouting", "I've rung [FOUR TIMES] about this."},
    {"shouting", "Where is my order[!!!]"},
    {"urgency", "I [need this fixed today]."},
    {"urgency", "Please sort it [ASAP]."},
    {"refund_demand", "I [want a full refund]."},
    {"refund_demand", "I'd [like my money back] for the chair please."},
    {"frustration", "This is [ridiculous]."},
    {"frustration", "Honestly so [annoying]."},
    {"frustration", "[Oh great], the app has crashed again."},
};

// Look-alikes: the category must stay quiet.
const Case kTriggerTraps[] = {
    {"refusal", "No problem, I've sorted it."},
    {"refusal", "No worries at all."},
    {"refusal", "There's no charge for the swap."},
    {"refusal", "Your membership is no longer set to renew."},
    {"refusal", "We can't thank you enough for your patience."},
    {"uncertainty", "I know exactly which charge you mean."},
    {"uncertainty", "If you're not sure which size, I can send both."},
    {"uncertainty", "Make sure the box is sealed."},
    {"dismissive", "Once you're checked in you can relax by the pool."},
    {"dismissive", "Whatever time suits you, I'm here."},
    {"dismissive", "As you said, the lid was cracked, so I've sent a new one."},
    {"condescending", "I can clearly see your payment on our side."},
    {"condescending", "You're obviously frustrated, and I'm sorry."},
    {"condescending", "It's simple to change online, and I can do it for you."},
    {"blame", "This isn't your fault at all."},
    {"blame", "You must have been so worried."},
    {"blame", "You should have a text from the driver this afternoon."},
    {"blame", "You didn't do anything wrong."},
    {"blame", "I'm sorry you didn't get a reply sooner."},
    {"policy_shield", "Your policy covers windscreen repair."},
    {"policy_shield", "Your policy number is on page one."},
    {"policy_shield", "There's nothing you need to do."},
    {"deflection", "Billing is my department, so I'll sort it now."},
    {"deflection", "You won't need to contact anyone, I've raised it."},
    {"overpromise", "You'll get 100% of the deposit back."},
    {"overpromise", "Our price-match guarantee covers this."},
    {"overpromise", "I can't promise a time, but I'll chase it hourly."},
    {"hold_transfer", "I've placed a hold on room 12 for you."},
    {"hold_transfer", "I've transferred the parcel to your local depot."},
    {"hold_transfer", "I'll call you back at 3pm with an answer."},
    {"demanding", "You don't need to do anything else."},
    {"demanding", "If you need to change the date, just reply."},
    {"demanding", "You must have had a long day."},
    {"negative_framing", "Fortunately the blue one is back in stock."},
    {"negative_framing", "The problem is fixed now."},
    {"hostile", "We take every report seriously."},
    {"hostile", "Hello Sam, your order has shipped."},
    {"hostile", "Great idea, I'll pass it on!"},
};

const Case kTechniqueTraps[] = {
    {"acknowledge", "I can't see any problem with the account."},
    {"empathize", "That sounds great, enjoy the trip!"},
    {"apologize", "No need to apologise, it happens!"},
    {"ownership", "That's not our fault, it's the courier's."},
    {"solution", "I can't change the date now."},
    {"next_steps", "It will never happen again."},
    {"clarify", "Is there anything else I can help with?"},
    {"appreciate", "Thanks to the new system, refunds are faster."},
    {"compensate", "Please enter your promo code at checkout."},
    {"narrate", "Let me know if that works."},
};

const Case kSignalTraps[] = {
    {"churn_threat", "I'd like to cancel my membership please, I'm moving abroad."},
    {"churn_threat", "Please cancel tomorrow's delivery, I'll collect it."},
    {"repeat_contact", "Thanks again for sorting it!"},
    {"repeat_contact", "The class runs three times a week."},
    {"shouting", "My new SIM and PIN arrived, thanks."},
    {"shouting", "Booking HB-55231 needs changing ASAP."},
    {"urgency", "No rush, whenever you get a chance."},
    {"refund_demand", "Got the refund, thanks!"},
    {"insult", "This app is useless on my phone."},
    {"frustration", "Great, thanks for sorting it!"},
    {"manager_request", "Your manager was lovely last week."},
    {"public_complaint", "I saw your offer on Instagram."},
    {"legal_threat", "Can you send it to my work address?"},
    {"profanity", "Hello, where is my parcel?"},
};

struct Expected {
  std::string text;
  std::size_t begin = 0;
  std::size_t end = 0;
};

Expected unmark(const std::string& marked) {
  Expected e;
  e.begin = marked.find('[');
  e.end = marked.find(']');
  REQUIRE((e.begin != std::string::npos && e.end != std::string::npos && e.begin < e.end));
  e.text = marked.substr(0, e.begin) + marked.substr(e.begin + 1, e.end - e.begin - 1) +
           marked.substr(e.end + 1);
  --e.end;
  return e;
}

std::string curly(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\'' ? std::string("\xE2\x80\x99") : std::string(1, c);
  return out;
}

std::string upper(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

// The phrase's variants, each with its expected span.
std::vector<std::pair<std::string, Expected>> variants(const Expected& e) {
  std::vector<std::pair<std::string, Expected>> out;
  out.push_back({"plain", e});
  // Curly apostrophes throughout: each one is three bytes.
  {
    Expected c;
    c.text = curly(e.text);
    c.begin = curly(e.text.substr(0, e.begin)).size();
    c.end = c.begin + curly(e.text.substr(e.begin, e.end - e.begin)).size();
    out.push_back({"curly", c});
  }
  {
    Expected u = e;
    u.text = upper(e.text);
    out.push_back({"caps", u});
  }
  // An emoji right before the phrase and another at the end of the message.
  {
    const std::string before = "\xF0\x9F\x98\xA0";  // U+1F620
    Expected m;
    m.text = e.text.substr(0, e.begin) + before + e.text.substr(e.begin) + " \xF0\x9F\x99\x8F";
    m.begin = e.begin + before.size();
    m.end = e.end + before.size();
    out.push_back({"emoji", m});
  }
  // Multi-byte text in a sentence before and after, with a line break.
  {
    const std::string before =
        "H\xC3\xA9llo \xE2\x80\x94 na\xC3\xAFve caf\xC3\xA9 \xE2\x98\x95. \xF0\x9F\x98\x80\n";
    const std::string after =
        "\nStra\xC3\x9F"
        "e \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9D\x84\x9E.";
    Expected m;
    m.text = before + e.text + after;
    m.begin = e.begin + before.size();
    m.end = e.end + before.size();
    out.push_back({"multibyte", m});
  }
  return out;
}

struct Found {
  Span span;
  std::string text;
};

std::vector<Found> found_in(const Report& r, const std::string& category) {
  std::vector<Found> out;
  for (const Trigger& t : r.triggers) {
    if (t.category == category) out.push_back({t.span, t.text});
  }
  for (const Technique& t : r.techniques) {
    if (t.type == category) out.push_back({t.span, t.text});
  }
  for (const Signal& s : r.escalation.signals) {
    if (s.type == category) out.push_back({s.span, s.text});
  }
  return out;
}

const core::Analyzer& analyzer() {
  static const core::Analyzer a = [] {
    Options o;
    o.tone = false;
    o.rewrite = false;
    return core::Analyzer(o);
  }();
  return a;
}

void check_cases(const Case* cases, std::size_t n, Role role) {
  for (std::size_t i = 0; i < n; ++i) {
    const Expected e = unmark(cases[i].text);
    for (const auto& [name, v] : variants(e)) {
      // Shouting in ALL CAPS: the whole message shouts, not just the phrase.
      if (name == "caps" && std::string(cases[i].category) == "shouting") continue;
      CAPTURE(name);
      CAPTURE(v.text);
      const Report r = analyzer().analyze(v.text, role);
      const auto found = found_in(r, cases[i].category);
      bool exact = false;
      for (const Found& f : found) {
        if (f.span.start == v.begin && f.span.end == v.end) {
          exact = true;
          CHECK(f.text == v.text.substr(v.begin, v.end - v.begin));
          CHECK(f.span.start_utf16 == testing::utf16_length(v.text.substr(0, v.begin)));
          CHECK(f.span.end_utf16 == testing::utf16_length(v.text.substr(0, v.end)));
        }
      }
      CHECK_MESSAGE(exact, cases[i].category
                               << " not found at \"" << v.text.substr(v.begin, v.end - v.begin)
                               << "\"; found " << found.size()
                               << (found.empty() ? "" : ": \"" + found[0].text + "\""));
    }
  }
}

void check_traps(const Case* traps, std::size_t n, Role role) {
  for (std::size_t i = 0; i < n; ++i) {
    for (const std::string& text : {std::string(traps[i].text), curly(traps[i].text)}) {
      CAPTURE(text);
      const Report r = analyzer().analyze(text, role);
      const auto found = found_in(r, traps[i].category);
      CHECK_MESSAGE(found.empty(), traps[i].category << " flagged \"" << found[0].text << "\"");
    }
  }
}

TEST_CASE("agent triggers: phrasings and their variants, spans exact in UTF-8 and UTF-16") {
  REQUIRE(analyzer().ok());
  check_cases(kTriggers, std::size(kTriggers), Role::agent);
}

TEST_CASE("agent triggers stay quiet on their look-alikes") {
  check_traps(kTriggerTraps, std::size(kTriggerTraps), Role::agent);
}

TEST_CASE("techniques: phrasings and their variants") {
  check_cases(kTechniques, std::size(kTechniques), Role::agent);
}

TEST_CASE("techniques stay quiet on their look-alikes") {
  check_traps(kTechniqueTraps, std::size(kTechniqueTraps), Role::agent);
}

TEST_CASE("customer signals: phrasings and their variants") {
  check_cases(kSignals, std::size(kSignals), Role::customer);
}

TEST_CASE("customer signals stay quiet on their look-alikes") {
  check_traps(kSignalTraps, std::size(kSignalTraps), Role::customer);
}

TEST_CASE("every category has cases") {
  const auto pack = testing::default_pack();
  auto ids = [&](rules::Family family) {
    std::vector<std::string_view> out;
    for (const rules::Category& c : pack->categories()) {
      if (c.family == family) out.push_back(c.id);
    }
    return out;
  };
  auto covered = [](const Case* cases, std::size_t n, std::string_view category) {
    for (std::size_t i = 0; i < n; ++i) {
      if (category == cases[i].category) return true;
    }
    return false;
  };
  for (std::string_view c : ids(rules::Family::trigger)) {
    CHECK_MESSAGE(covered(kTriggers, std::size(kTriggers), c), c);
    CHECK_MESSAGE(covered(kTriggerTraps, std::size(kTriggerTraps), c), c);
  }
  for (std::string_view c : ids(rules::Family::technique)) {
    CHECK_MESSAGE(covered(kTechniques, std::size(kTechniques), c), c);
    CHECK_MESSAGE(covered(kTechniqueTraps, std::size(kTechniqueTraps), c), c);
  }
  for (std::string_view c : ids(rules::Family::signal)) {
    CHECK_MESSAGE(covered(kSignals, std::size(kSignals), c), c);
    CHECK_MESSAGE(covered(kSignalTraps, std::size(kSignalTraps), c), c);
  }
}

}  // namespace
}  // namespace tact
