"""The governance notebooks start a real MLflow server with authentication; it must not
outlive its notebook, its port must be closed and its temporary folder (which held the
generated admin password) must be gone. Processes are attributed by an environment
marker, as in the deployment notebooks' test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlpro_guide.sandbox import port_is_open

from .conftest import REPO_ROOT
from .test_deployment_cleanup import _printed, _run, _wait_until_gone

NOTEBOOKS = REPO_ROOT / "notebooks" / "governance"
REPORT = "import json\nprint(json.dumps({'port': server.port, 'root': str(server.root)}))"


@pytest.mark.parametrize("notebook", ["who_may_move_the_alias", "decommissioning_a_model"])
def test_the_auth_server_does_not_outlive_its_notebook(notebook, monkeypatch):
    marker, nb = _run(notebook, REPORT, monkeypatch, folder=NOTEBOOKS)
    report = json.loads(_printed(nb).strip())
    assert not port_is_open(report["port"]), f"port {report['port']} still accepts connections"
    left = _wait_until_gone(marker)
    assert not left, f"processes outlived the notebook: {left}"
    assert not (REPO_ROOT / "notebooks" / "governance" / "mlruns").exists()
    assert not Path(report["root"]).exists()
