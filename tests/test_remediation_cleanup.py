"""The rollback notebook starts two real model servers (the one that keeps the bad
version, and the one restarted on the pinned good version); neither may outlive it.

Uses the deployment cleanup test's marker-based process search, so only processes started
by this notebook's kernel are considered.
"""

from __future__ import annotations

from mlpro_guide.sandbox import port_is_open

from .conftest import REPO_ROOT
from .test_deployment_cleanup import _printed, _run, _wait_until_gone

NOTEBOOKS = REPO_ROOT / "notebooks" / "remediation"


def test_no_model_server_outlives_the_rollback_notebook(monkeypatch):
    ports = "print(old_port, restored_port)"
    marker, nb = _run("roll_back_consumer_by_consumer", ports, monkeypatch, NOTEBOOKS)
    printed = [int(port) for port in _printed(nb).split()]
    assert len(printed) == 2
    for port in printed:
        assert not port_is_open(port), f"port {port} still accepts connections"
    left = _wait_until_gone(marker)
    assert not left, f"processes outlived the notebook: {left}"
