"""Without Chromium or pdftotext the browser tests fail loudly, never skip: locally with the
one command that installs the tool, on CI by pointing at .ci/run."""

from __future__ import annotations

import pytest

from .conftest import CHROMIUM, _missing


def test_a_missing_browser_fails_locally_with_the_command_that_installs_it(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.fail.Exception, match="install it with: sudo apt-get install chromium"):
        _missing(str(CHROMIUM), "chromium")


def test_a_missing_browser_fails_on_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"missing on this CI machine: \.ci/run must install it"):
        _missing(str(CHROMIUM), "chromium")
