"""The blind verdicts on tests/rewrite/reviewed: a rewrite judged good must
not change without a new verdict (scripts/rewrite_review.py check)."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
VERDICTS = ROOT / "tests" / "rewrite" / "reviewed" / "verdicts.jsonl"


def test_rewrites_judged_good_have_not_changed(have_rules):
    if not VERDICTS.exists():
        pytest.skip(f"verdicts missing: {VERDICTS} not written yet (blind review pending)")
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "rewrite_review.py"), "check"],
        capture_output=True,
        text=True,
    )
    print(run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr
