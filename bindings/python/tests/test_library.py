# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""Finding and loading libtact, the prototype table, versions and codes."""

import ctypes
import ctypes.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tact
from tact import _library

HEADER = Path(__file__).resolve().parents[3] / "capi" / "tact.h"


def test_every_function_of_tact_h_has_one_prototype():
    if not HEADER.exists():
        pytest.skip("tact.h is not beside this package")
    declared = set(re.findall(r"^TACT_C_API\b[^(]*?\b(tact_\w+)\(", HEADER.read_text(), re.M))
    names = [p[0] for p in _library.PROTOTYPES]
    assert len(names) == len(set(names))
    assert set(names) == declared


def test_versions_agree():
    lib = _library.library()
    assert lib.tact_abi_version() == tact.ABI_VERSION == 1
    assert tact.library_version() == tact.__version__
    major, minor, patch = (int(x) for x in tact.library_version().split("."))
    assert lib.tact_version_number() == major * 10000 + minor * 100 + patch


def test_status_strings_and_exceptions_match_the_codes():
    lib = _library.library()
    expected = {
        -1: (tact.InvalidArgumentError, b"invalid argument"),
        -2: (tact.OutOfMemoryError, b"out of memory"),
        -3: (tact.InputTooLargeError, b"input too large"),
        -4: (tact.RulePackError, b"rule pack error"),
        -5: (tact.RuleFileError, b"I/O error"),
        -6: (tact.VersionError, b"unsupported options version"),
        -7: (tact.InternalError, b"internal error"),
        -8: (tact.DeadlineExceededError, b"deadline exceeded"),
    }
    assert lib.tact_status_string(0) == b"ok"
    assert lib.tact_status_string(-9) == b"unknown status"
    for code, (cls, name) in expected.items():
        assert lib.tact_status_string(code) == name
        assert cls.code == code
        err = tact.errors.error_for(code, "why")
        assert type(err) is cls and err.code == code and str(err) == "why"
        assert isinstance(err, tact.Error)
    assert isinstance(tact.errors.error_for(-2, ""), MemoryError)
    assert isinstance(tact.errors.error_for(-5, ""), OSError)
    assert type(tact.errors.error_for(-99, "")) is tact.Error


def test_status_errors_carry_the_library_message():
    opts = _library.Options()
    with pytest.raises(tact.VersionError) as e:
        _library.library().tact_options_init(ctypes.byref(opts), 99)
    assert e.value.code == -6
    assert "options version 99" in e.value.message
    # The message is this thread's and cleared by the next call.
    _library.library().tact_options_init(ctypes.byref(opts), _library.OPTIONS_VERSION)
    assert _library.library().tact_last_error() == b""


def test_the_abi_is_checked_on_load(monkeypatch):
    path = tact.library_path()
    monkeypatch.setattr(_library, "ABI_VERSION", 2)
    with pytest.raises(tact.LibraryError, match="has ABI version 1; this package needs 2"):
        _library.load_from(path)


def test_a_library_that_is_not_libtact_is_refused():
    with pytest.raises(tact.LibraryError, match="not libtact"):
        _library.load_from(ctypes.util.find_library("c") or "libc.so.6")
    with pytest.raises(tact.LibraryError, match="cannot load"):
        _library.load_from("/nonexistent/libtact.so.1")


def test_a_bad_tact_library_fails_on_first_use_not_on_import(subprocess_env):
    subprocess_env["TACT_LIBRARY"] = "/nonexistent/libtact.so.1"
    code = (
        "import tact\n"
        "try:\n"
        "    tact.Analyzer()\n"
        "except tact.LibraryError as e:\n"
        "    print('LibraryError', e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=subprocess_env,
                         capture_output=True, text=True, check=True)
    assert out.stdout.startswith("LibraryError cannot load /nonexistent/libtact.so.1")


def test_a_copy_inside_the_package_is_found_first(tmp_path, subprocess_env):
    package = Path(tact.__file__).resolve().parent
    copy = tmp_path / "tact"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(tact.library_path(), copy / "libtact.so.1")
    subprocess_env.pop("TACT_LIBRARY", None)
    subprocess_env["PYTHONPATH"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", "import tact; print(tact.library_path())"],
        env=subprocess_env, capture_output=True, text=True, check=True, cwd=tmp_path,
    )
    assert out.stdout.strip() == str(copy / "libtact.so.1")


def test_a_build_tree_above_the_package_is_found(tmp_path, subprocess_env):
    package = Path(tact.__file__).resolve().parent
    root = tmp_path / "repo"
    shutil.copytree(package, root / "bindings" / "python" / "tact",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name, flags in (("asan", "-fsanitize=address"), ("dev", "-O2")):
        lib_dir = root / "build" / name / "lib"
        lib_dir.mkdir(parents=True)
        (root / "build" / name / "CMakeCache.txt").write_text("CMAKE_CXX_FLAGS:STRING=%s\n" % flags)
        shutil.copy(tact.library_path(), lib_dir / "libtact.so.1")
    subprocess_env.pop("TACT_LIBRARY", None)
    subprocess_env["PYTHONPATH"] = str(root / "bindings" / "python")
    out = subprocess.run(
        [sys.executable, "-c", "import tact; print(tact.library_path())"],
        env=subprocess_env, capture_output=True, text=True, check=True, cwd=tmp_path,
    )
    # The sanitizer build is skipped: its library cannot load into python.
    assert out.stdout.strip() == str(root / "build" / "dev" / "lib" / "libtact.so.1")


def test_enum_names_and_cue_kinds_come_from_the_library():
    lib = _library.library()
    assert lib.tact_role_name(2) == b"auto"
    assert lib.tact_severity_name(2) == b"error"
    assert lib.tact_source_name(1) == b"model"
    assert [lib.tact_level_name(i) for i in range(5)] == [
        b"calm", b"concerned", b"frustrated", b"angry", b"hostile"]
    assert lib.tact_level_name(5) is None
    assert lib.tact_cue_kind_name(4) is None
    a = tact.Analyzer()
    report = a.analyze("This is USELESS. I want a refund now!", role="customer")
    assert report.escalation.cues
    for c in report.escalation.cues:
        assert c.kind in ("signal", "technique", "trigger", "tone")


def test_an_analyzer_retained_in_c_outlives_its_first_owner():
    lib = _library.library()
    handle = _library.AnalyzerP()
    assert lib.tact_analyzer_new(ctypes.byref(handle), None) == 0
    other = lib.tact_analyzer_retain(handle)
    assert ctypes.cast(other, ctypes.c_void_p).value == ctypes.cast(handle, ctypes.c_void_p).value
    lib.tact_analyzer_free(handle)
    text = b"I don't know."
    report = _library.ReportP()
    assert lib.tact_analyze(ctypes.byref(report), other, text, len(text), 0) == 0
    assert lib.tact_report_trigger_count(report) >= 1
    lib.tact_report_free(report)
    lib.tact_analyzer_free(other)
