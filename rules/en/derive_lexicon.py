#!/usr/bin/python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Derives rules/en/lexicon.tsv from VADER's lexicon and emoji table.

    /usr/bin/python3 rules/en/derive_lexicon.py [--shared DIR] [--out FILE]

DIR defaults to ../shared beside the repository; it must hold
data/vader_lexicon/{vader_lexicon.txt,emoji_utf8_lexicon.txt} (MIT, C.J.
Hutto; the notice is kept beside the output as LICENSE.vader). The output is
committed, so building Tact never needs ../shared. Customer-service entries
and overrides are not derived: they live in lexicon_cs.tsv, which the
library loads after this file.
"""

import argparse
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))

# How VADER's own scorer reads the words of an emoji description: a negator
# flips the next word, "but" halves what came before and weighs what follows
# by 1.5 (its constants).
NEGATORS = {"no", "not", "without", "never"}
NEGATION_SCALAR = -0.74
MAX_EMOJI_VALENCE = 3.5

HEADER = """\
# Tact's English sentiment lexicon: entry <TAB> valence on -4 .. +4.
#
# Derived by derive_lexicon.py from VADER's lexicon and emoji table
# (C.J. Hutto, VADER, MIT licence: see LICENSE.vader beside this file).
# What was changed from the original:
# - only each entry's mean valence is kept (the SD and raw ratings are not);
# - the one emoticon drawn with spaces is left out;
# - keys are NFKC case-folded; where several keys fold to one, the key that
#   was already folded wins (the last such line, as in VADER's own loader);
# - emoji have no rating of their own in VADER: each emoji's valence is
#   computed here from the words of its description (negation and "but"
#   handled as VADER does, skin-tone and flag descriptions ignored, clamped
#   to +-{max}); emoji whose description carries no sentiment are left out.
# Customer-service entries and overrides live in lexicon_cs.tsv.
"""


def fold(s):
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", s).casefold())


def read_vader(path):
    """Returns {folded key: valence}."""
    chosen = {}  # folded -> (already_folded, valence)
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0]:
                continue
            key, valence = parts[0], float(parts[1])
            folded = fold(key)
            exact = key == folded
            if " " in key and not re.fullmatch(r"[a-z']+( [a-z']+)+", folded):
                continue  # an emoticon drawn with spaces; never one token
            if exact or folded not in chosen:
                chosen[folded] = (exact, valence)
    return {k: v for k, (_, v) in chosen.items()}


def description_valence(description, lexicon):
    # "middle finger: dark skin tone" -> "middle finger"
    description = description.split(":")[0]
    words = [w for w in re.split(r"[\s\-]+", description.lower()) if w]
    if not words or words[0] == "flag":
        return 0.0
    scores = []
    negate = False
    but_at = None
    for w in words:
        if w == "but":
            but_at = len(scores)
            continue
        if w in NEGATORS:
            negate = True
            continue
        v = lexicon.get(w, 0.0)
        if negate and v:
            v *= NEGATION_SCALAR
            negate = False
        scores.append(v)
    if but_at is not None:
        scores = [s * 0.5 for s in scores[:but_at]] + [s * 1.5 for s in scores[but_at:]]
    total = sum(scores)
    return max(-MAX_EMOJI_VALENCE, min(MAX_EMOJI_VALENCE, total))


def read_emoji(path, lexicon):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0]:
                continue
            v = round(description_valence(parts[1], lexicon), 2)
            if v:
                out.setdefault(fold(parts[0]), v)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=DEFAULT_SHARED)
    ap.add_argument("--out", default=os.path.join(HERE, "lexicon.tsv"))
    args = ap.parse_args()
    base = os.path.join(args.shared, "data", "vader_lexicon")
    words_path = os.path.join(base, "vader_lexicon.txt")
    emoji_path = os.path.join(base, "emoji_utf8_lexicon.txt")
    for p in (words_path, emoji_path):
        if not os.path.exists(p):
            sys.exit("derive_lexicon.py: missing " + p)

    lexicon = read_vader(words_path)
    emoji = read_emoji(emoji_path, lexicon)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER.format(max=MAX_EMOJI_VALENCE))
        f.write("# words, slang and emoticons: %d\n" % len(lexicon))
        for key in sorted(lexicon):
            f.write("%s\t%g\n" % (key, lexicon[key]))
        f.write("# emoji: %d\n" % len(emoji))
        for key in sorted(emoji):
            if key not in lexicon:
                f.write("%s\t%g\n" % (key, emoji[key]))
    print("wrote %s: %d words, %d emoji" % (args.out, len(lexicon), len(emoji)))


if __name__ == "__main__":
    main()
