#!/usr/bin/env python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Writes a synthetic support archive for `tact report`: flat JSON Lines
messages with conversation_id, role, agent, team, created_at and channel.

  bench/gen_archive.py --messages N [--seed S] [--days D] [OUT]

Conversations are runs of consecutive lines (what `--group-by` reads). Their
shapes: some escalate right after an agent reply with a trigger phrase, some
calm down after an apologetic reply, some stay calm. The texts are made up
here from short templates; no evaluation data is copied.
"""
import argparse
import datetime
import json
import random
import sys

AGENTS = ["ana", "ben", "chen", "dara", "eli", "fay", "gus", "hana"]
TEAMS = {"ana": "billing", "ben": "billing", "chen": "tech", "dara": "tech",
         "eli": "tech", "fay": "returns", "gus": "returns", "hana": None}
CHANNELS = ["email", "chat", "phone"]

CUSTOMER_CALM = [
    "Hi, I have a question about my invoice from last month.",
    "Hello, could you tell me when my order will ship?",
    "Hi there, how do I change the email address on my account?",
    "Good morning, I would like to update my delivery address.",
]
CUSTOMER_ANNOYED = [
    "I already asked about this yesterday and nobody answered.",
    "This is the second time the package is late, I'm not happy.",
    "Why was I charged twice? I need this fixed.",
]
CUSTOMER_ANGRY = [
    "This is ridiculous, third time I am writing! I want a manager NOW.",
    "Unacceptable. I want a refund immediately or I will cancel my account.",
    "You people are useless, I have been waiting for two weeks!!!",
]
CUSTOMER_THANKS = [
    "Thanks, that works great.",
    "Thank you, that solved it.",
    "Great, thanks for the quick help!",
]
AGENT_TRIGGER = [
    "I don't know, calm down. That is our policy.",
    "You should have read the manual. There is nothing I can do.",
    "As I already said, that is not my department.",
    "Unfortunately that is our policy, you will have to wait.",
]
AGENT_GOOD = [
    "I am so sorry about this, let me fix it right away. Thank you for your patience.",
    "I understand how frustrating this is. I have issued the refund and you will see it in two days.",
    "Thanks for letting us know. I have updated your address and the order ships today.",
]
AGENT_CLOSE = [
    "You're welcome! Is there anything else I can help with?",
    "Glad to hear it. Have a great day!",
]
CUSTOMER_DONE = [
    "No, that's all. Thanks again!",
    "All good now, thank you.",
]
AGENT_PLAIN = [
    "Your order shipped this morning and should arrive on Friday.",
    "You can change the email address under Settings, then Account.",
    "The invoice is attached to this message.",
]


def closing(rng):
    """Zero to two more exchanges of thanks: calming takes a few turns."""
    turns = []
    for _ in range(rng.randrange(3)):
        turns += [("agent", rng.choice(AGENT_CLOSE)), ("customer", rng.choice(CUSTOMER_DONE))]
    return turns


def conversation(rng):
    """A list of (role, text) pairs."""
    shape = rng.random()
    if shape < 0.3:  # escalates right after a trigger, then calms
        return [("customer", rng.choice(CUSTOMER_ANNOYED)), ("agent", rng.choice(AGENT_TRIGGER)),
                ("customer", rng.choice(CUSTOMER_ANGRY)), ("agent", rng.choice(AGENT_GOOD)),
                ("customer", rng.choice(CUSTOMER_THANKS))] + closing(rng)
    if shape < 0.55:  # angry from the start, calmed by the reply
        return [("customer", rng.choice(CUSTOMER_ANGRY)), ("agent", rng.choice(AGENT_GOOD)),
                ("customer", rng.choice(CUSTOMER_THANKS))] + closing(rng)
    if shape < 0.7:  # escalates and never calms
        return [("customer", rng.choice(CUSTOMER_ANNOYED)), ("agent", rng.choice(AGENT_TRIGGER)),
                ("customer", rng.choice(CUSTOMER_ANGRY))]
    return [("customer", rng.choice(CUSTOMER_CALM)), ("agent", rng.choice(AGENT_PLAIN)),
            ("customer", rng.choice(CUSTOMER_THANKS))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--days", type=int, default=14)
    ap.add_argument("out", nargs="?", default="-")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    start = datetime.datetime(2026, 11, 2, 8, 0, 0)
    written = 0
    n = 0
    while written < a.messages:
        n += 1
        agent = rng.choice(AGENTS)
        when = start + datetime.timedelta(seconds=rng.randrange(a.days * 86400))
        channel = rng.choice(CHANNELS)
        for role, text in conversation(rng):
            if written == a.messages:
                break
            line = {"id": f"m{written}", "conversation_id": f"c{n}", "role": role, "text": text,
                    "created_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "channel": channel}
            if role == "agent":
                line["agent"] = agent
                if TEAMS[agent] is not None:
                    line["team"] = TEAMS[agent]
            out.write(json.dumps(line) + "\n")
            when += datetime.timedelta(minutes=rng.randrange(1, 90))
            written += 1
    out.close()


if __name__ == "__main__":
    main()
