# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Runs the tests against the package in this tree (bindings/python), with
libtact from TACT_LIBRARY or found as the package finds it."""

import os
import sys
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
if str(PACKAGE_ROOT) not in sys.path:
    sys.path.insert(0, str(PACKAGE_ROOT))

import tact  # noqa: E402


@pytest.fixture(scope="session")
def analyzer():
    with tact.Analyzer() as a:
        yield a


@pytest.fixture(scope="session")
def have_rules(analyzer):
    """Tests marked with this need the default English pack (issue 3)."""
    if analyzer.rule_count == 0:
        pytest.skip("the default pack has no rules yet")
    return True


@pytest.fixture
def subprocess_env():
    """The environment for a child python that imports this tree's tact."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(PACKAGE_ROOT), env.get("PYTHONPATH", "")])
    return env
