"""Which Python runs the benchmark's servers, and what the results say about it."""

import sys
from pathlib import Path

import pytest

from bench import interpreter
from bench.report import markdown


def _quiet(message):
    pass


def test_bench_python_venv_keeps_the_projects_interpreter():
    assert interpreter.server_python(_quiet, {"BENCH_PYTHON": "venv"}) == Path(sys.executable)


def test_bench_python_names_an_interpreter():
    assert interpreter.server_python(_quiet, {"BENCH_PYTHON": sys.executable}) == Path(sys.executable)


def test_bench_python_that_is_not_a_program_is_refused(tmp_path):
    with pytest.raises(interpreter.InterpreterError, match="not an executable file"):
        interpreter.server_python(_quiet, {"BENCH_PYTHON": str(tmp_path / "python9")})


def test_bench_python_too_old_is_refused(tmp_path):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 3 8\n")
    fake.chmod(0o755)
    with pytest.raises(interpreter.InterpreterError, match="needs 3.11"):
        interpreter.server_python(_quiet, {"BENCH_PYTHON": str(fake)})


def test_without_a_system_python_the_servers_run_on_this_one(monkeypatch, tmp_path):
    monkeypatch.setattr(interpreter, "SYSTEM_PYTHON", tmp_path / "missing")
    monkeypatch.setattr(interpreter.sys, "base_prefix", str(tmp_path))
    notes = []
    assert interpreter.server_python(notes.append, {}) == Path(sys.executable)
    assert "no system CPython" in notes[0]


def test_a_ready_bench_venv_is_reused_and_a_changed_requirements_file_is_not(monkeypatch, tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.symlink_to(sys.executable)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("Django==5.2.8\n")
    monkeypatch.setattr(interpreter, "VENV", venv)
    monkeypatch.setattr(interpreter, "REQUIREMENTS", requirements)
    (venv / ".requirements-sha256").write_text(interpreter._requirements_digest() + "\n")
    assert interpreter._venv_ready(python)
    requirements.write_text("Django==5.2.9\n")
    assert not interpreter._venv_ready(python)


def test_describe_reads_the_interpreters_build():
    facts = interpreter.describe(sys.executable)
    assert facts["version"] == ".".join(map(str, sys.version_info[:3]))
    assert facts["implementation"] == "CPython"
    assert facts["build"]


@pytest.mark.parametrize(("facts", "expected"), [
    ({"prefix": "/usr", "pgo_flag": False, "lto_flag": False, "libpython_shared": False},
     "the operating system's package (Debian and Ubuntu build it with PGO and LTO)"),
    ({"prefix": "/opt/py", "pgo_flag": True, "lto_flag": True, "libpython_shared": True},
     "built with PGO and LTO; libpython linked as a shared library"),
    ({"prefix": "/root/.pyenv/versions/3.11.7", "pgo_flag": False, "lto_flag": False, "libpython_shared": True},
     "built without --enable-optimizations or --with-lto; libpython linked as a shared library"),
])
def test_build_summary(facts, expected):
    assert interpreter._build_summary(facts) == expected


def test_report_names_the_servers_interpreter():
    run = {"rps": 100.0, "p50_ms": 5.0, "p99_ms": 20.0, "connections": 32}
    results = {
        "started_at": "2026-12-07T15:00:00+00:00",
        "scale": {"scale": {"items": 10}, "parts": {}},
        "settings": {"duration": 1, "connections": 32, "threads": 2, "workers": 4},
        "machine": {"cores": 2, "load_before": (1.0, 1.0, 1.0), "load_after": (1.0, 1.0, 1.0)},
        "interpreter": {"implementation": "CPython", "version": "3.11.2", "base_executable": "/usr/bin/python3.11",
                        "build": "the operating system's package"},
        "static": {"bytes": 1000, "c": {**run, "rps": 10000.0}, "c1": run},
        "pages": {}, "rss_mb": {}, "notes": {}, "targets": [],
    }
    assert "Servers' interpreter: CPython 3.11.2 (/usr/bin/python3.11; the operating system's package)" \
        in markdown(results)
