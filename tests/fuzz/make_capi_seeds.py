#!/usr/bin/env python3
"""Writes tests/fuzz/seeds/capi/: inputs that drive fuzz_capi.cpp through
meaningful call sequences from the start (a custom pack, each role, small
limits, a batch), so the fuzzer mutates from there rather than from noise.

FuzzedDataProvider takes strings from the front of the input and integers
from the back (the first integer is the last byte), one byte for ranges
below 256; Seed below mirrors the order in which fuzz_capi.cpp asks.
    /usr/bin/python3 tests/fuzz/make_capi_seeds.py
"""
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds", "capi")


class Seed:
    def __init__(self):
        self.front = b""
        self.back = bytearray()  # integer bytes in the order they are consumed

    def string(self, s):
        self.front += s.encode("utf-8").replace(b"\\", b"\\\\") + b"\\x"
        return self

    def byte(self, v):
        self.back.append(v)
        return self

    def u16(self, v):  # two bytes, the most significant consumed first
        self.back += bytes([v >> 8, v & 0xFF])
        return self

    def data(self):
        return self.front + bytes(reversed(self.back))


PACK = """[[rule]]
id = "trigger.refusal.fuzz-no"
patterns = ['''\\bno(?: way)?\\b''']
message = "A flat no."
suggestions = ["Here's what I can do"]
examples = ["No, we can't."]
counterexamples = ["Not a problem."]
"""


def options(seed, version=2, default_pack=False, tone=True, rewrite=True, max_input=None,
            max_findings=None, packs=(), unnamed=False):
    seed.byte(version).byte(0 if default_pack else 1).byte(1)  # not NULL options
    seed.byte(int(tone)).byte(int(rewrite))
    seed.byte(int(max_input is not None))
    if max_input is not None:
        seed.u16(max_input)
    if version >= 2:
        seed.byte(0).byte(0)  # max_pack_bytes, max_rules: defaults
        seed.byte(int(max_findings is not None))
        if max_findings is not None:
            seed.byte(max_findings)
    seed.byte(len(packs))
    for p in packs:
        seed.string(p)
    seed.byte(int(unnamed)).byte(5).byte(5)  # texts as given, no files
    return seed


def one(seed, text, role):
    seed.byte(1)  # one message
    seed.string(text)
    seed.byte(role).byte(1)  # role 0..2, text not NULL
    return seed


SEEDS = {
    "default_agent": one(options(Seed(), default_pack=True), "I don't know, calm down.", 0),
    "default_customer": one(options(Seed(), default_pack=True),
                            "THIS IS THE THIRD TIME!!! I want a manager.", 1),
    "custom_pack_auto": one(one(options(Seed(), packs=[PACK]), "No, no way. Sorry!", 2),
                            "no no no no no no no no", 0),
    "small_limits": one(options(Seed(), packs=[PACK], max_input=16, max_findings=2),
                        "no no no no no no no no no no", 0),
    "sections_off": one(options(Seed(), version=1, default_pack=True, tone=False, rewrite=False),
                        "No idea. It's our policy.", 0),
}


def batch(seed, texts, role, threads):
    seed.byte(0).byte(len(texts)).byte(1)  # a batch, with lengths
    for t in texts:
        seed.string(t)
        seed.byte(1)
    seed.byte(role).byte(threads).byte(1)
    return seed


SEEDS["batch"] = batch(options(Seed(), packs=[PACK], max_input=40),
                       ["no", "", "n\u00f6 \U0001F621 no", "x" * 50], 0, 2)

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, seed in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(seed.data())
    print(f"wrote {len(SEEDS)} seeds to {OUT}")
