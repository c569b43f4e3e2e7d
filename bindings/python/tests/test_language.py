# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""A second language through Python: the German test pack (tests/packs/de)
with its own categories, tone model and lexicons."""

from pathlib import Path

import pytest

import tact

PACK = Path(__file__).resolve().parents[3] / "tests" / "packs" / "de" / "pack.toml"


@pytest.fixture(scope="module")
def german():
    if not PACK.exists():
        pytest.skip("the German test pack is not in this tree")
    with tact.Analyzer([PACK], language="de", default_pack=False) as a:
        yield a


def test_german_triggers_with_the_packs_categories(german):
    r = german.analyze("Keine Ahnung. Hast du die Rechnung noch?", role="agent")
    assert [t.category for t in r.triggers] == ["uncertainty", "informal_address"]
    assert r.triggers[1].message.startswith("Duzt")
    assert r.triggers[0].text == "Keine Ahnung"


def test_categories_are_the_packs_in_its_language(german):
    categories = german.categories
    informal = [c for c in categories if c.id == "informal_address"]
    assert informal == [tact.Category(family="trigger", id="informal_address", name="Duzen",
                                      message=informal[0].message)]
    assert informal[0].message.startswith("Duzt")
    assert {c.family for c in categories} == {"trigger", "technique", "signal"}
    with tact.Analyzer() as en:
        english = {(c.family, c.id): c.name for c in en.categories}
    assert ("trigger", "informal_address") not in english
    assert english[("trigger", "uncertainty")] == "Uncertainty"


def test_tone_comes_from_the_packs_lexicon(german):
    angry = german.analyze("Das ist eine Frechheit und absolut unverschämt! Ich kündige.",
                           role="customer")
    assert angry.tone.sentiment < -0.5
    assert [s.type for s in angry.escalation.signals] == ["churn_threat"]
    english = "This is terrible, awful and horrible. I hate it."
    assert german.analyze(english, role="customer").tone.sentiment == 0.0
    with tact.Analyzer() as en:
        assert en.analyze(english, role="customer").tone.sentiment < -0.5


def test_a_language_without_a_pack_is_a_clear_error():
    with pytest.raises(tact.InvalidArgumentError, match="language 'fr' has no embedded pack"):
        tact.Analyzer(language="fr")
    with pytest.raises(tact.RulePackError, match="the pack is for 'de'"):
        tact.Analyzer([PACK])
    with pytest.raises(tact.InvalidArgumentError, match="language"):
        tact.Analyzer(language="de\0x")
