"""A stuck test fails the run, naming itself, and never holds it up (tests/stuck_guard.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

HANGS = '''
import time, pytest

@pytest.fixture
def hangs_in_teardown():
    yield
    time.sleep(60)

def test_{name}(hangs_in_teardown):
    {body}
'''


def _run(tmp_path: Path, name: str, body: str) -> tuple[float, subprocess.CompletedProcess]:
    (tmp_path / f"test_{name}.py").write_text(HANGS.format(name=name, body=body))
    env = {**os.environ, "SC_STUCK_AFTER": "0.5", "PYTHONPATH": str(HERE)}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "stuck_guard", "-p", "no:cacheprovider", "-q",
                           str(tmp_path)], check=False, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=50)
    return time.monotonic() - started, done


def test_a_test_that_fails_and_then_hangs_in_its_teardown_is_stopped_with_its_stack(tmp_path):
    # pytest's faulthandler plugin stops the clock when a test fails: the teardown used to wait for ever
    took, done = _run(tmp_path, "fails_then_hangs", "assert False")
    assert took < 30 and done.returncode != 0, (took, done.stdout[-500:])
    assert "hangs_in_teardown" in done.stderr, done.stderr[-2000:]


def test_a_test_that_passes_and_then_hangs_in_its_teardown_is_stopped_with_its_stack(tmp_path):
    took, done = _run(tmp_path, "passes_then_hangs", "pass")
    assert took < 30 and done.returncode != 0, (took, done.stdout[-500:])
    assert "hangs_in_teardown" in done.stderr, done.stderr[-2000:]
