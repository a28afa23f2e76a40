"""The Python that runs the benchmark's servers: an optimised CPython, as production's image has.

Production runs the portal in `python:3.11-slim-bookworm` (Dockerfile), whose CPython is
built with profile-guided and link-time optimisation. A developer's `python3` may not be:
pyenv, for one, builds without them by default (the one on our machines also links a
shared libpython), and such a build runs the portal's Python markedly slower (docs/performance.md,
"Round of 2026-12-07 (evening)"). The benchmark measures the portal, not the developer's
choice of interpreter, so unless told otherwise its gunicorn runs on the operating
system's own CPython (Debian's and Ubuntu's packages are built with both optimisations),
in a virtual environment of its own under bench/data/ with requirements.txt installed.

    BENCH_PYTHON=/path/to/python   run the servers on that interpreter instead
    BENCH_PYTHON=venv              on the project's .venv, whatever it was built from

The data set, the driver and wrk are not affected. The results record which interpreter
served and how it was built.
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "bench" / "data" / "venv"
REQUIREMENTS = ROOT / "requirements.txt"
SYSTEM_PYTHON = Path("/usr/bin/python3")
MINIMUM = (3, 11)

_DESCRIBE = r"""
import json, platform, sys, sysconfig
args = sysconfig.get_config_var("CONFIG_ARGS") or ""
maps = open("/proc/self/maps").read() if sys.platform == "linux" else ""
print(json.dumps({
    "version": platform.python_version(),
    "implementation": platform.python_implementation(),
    "executable": sys.executable,
    "base_executable": getattr(sys, "_base_executable", sys.executable),
    "prefix": sys.base_prefix,
    "pgo_flag": "--enable-optimizations" in args,
    "lto_flag": "--with-lto" in args,
    "libpython_shared": "libpython" in maps,
}))
"""


class InterpreterError(RuntimeError):
    pass


def describe(python):
    """Version and build facts of an interpreter, read by running it."""
    result = subprocess.run([str(python), "-c", _DESCRIBE], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise InterpreterError(f"{python} does not run: {result.stderr.strip()[:300]}")
    facts = json.loads(result.stdout)
    facts["build"] = _build_summary(facts)
    return facts


def _build_summary(facts):
    if facts["prefix"] == "/usr":
        build = "the operating system's package (Debian and Ubuntu build it with PGO and LTO)"
    elif facts["pgo_flag"] or facts["lto_flag"]:
        build = " and ".join(name for name, on in (("PGO", facts["pgo_flag"]), ("LTO", facts["lto_flag"])) if on)
        build = f"built with {build}"
    else:
        build = "built without --enable-optimizations or --with-lto"
    if facts["libpython_shared"]:
        build += "; libpython linked as a shared library"
    return build


def _version(python):
    result = subprocess.run([str(python), "-c", "import sys; print(*sys.version_info[:2])"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return None
    return tuple(int(part) for part in result.stdout.split())


def _requirements_digest():
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()


def _venv_ready(python):
    marker = VENV / ".requirements-sha256"
    return python.exists() and marker.exists() and marker.read_text().strip() == _requirements_digest()


def system_venv(log):
    """bench/data/venv on the system's CPython with requirements.txt, made or refreshed as needed."""
    python = VENV / "bin" / "python"
    if _venv_ready(python):
        return python
    log(f"making {VENV.relative_to(ROOT)} on {SYSTEM_PYTHON} (the servers' interpreter; once per requirements.txt)")
    # --without-pip: Debian ships ensurepip separately; this interpreter's pip installs into it.
    subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", "--clear", "--without-pip", str(VENV)], check=True)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--disable-pip-version-check", "-r", str(REQUIREMENTS)], check=True)
    (VENV / ".requirements-sha256").write_text(_requirements_digest() + "\n")
    return python


def server_python(log, environ=None):
    """The interpreter for gunicorn: BENCH_PYTHON, else the system's CPython when usable, else this one."""
    environ = os.environ if environ is None else environ
    chosen = environ.get("BENCH_PYTHON", "").strip()
    if chosen == "venv":
        return Path(sys.executable)
    if chosen:
        path = Path(chosen)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise InterpreterError(f"BENCH_PYTHON={chosen} is not an executable file")
        version = _version(path)
        if version is None or version < MINIMUM:
            raise InterpreterError(f"BENCH_PYTHON={chosen} is Python {version}; the portal needs 3.11 or newer")
        return path
    if Path(sys.base_prefix) == Path("/usr"):
        return Path(sys.executable)  # the project's venv already runs on the system's CPython
    version = _version(SYSTEM_PYTHON) if SYSTEM_PYTHON.exists() else None
    if version is None or version < MINIMUM:
        log(f"note: no system CPython {MINIMUM[0]}.{MINIMUM[1]}+ at {SYSTEM_PYTHON}; servers run on {sys.executable}")
        return Path(sys.executable)
    return system_venv(log)
