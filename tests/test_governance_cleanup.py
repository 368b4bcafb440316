"""The integration-test notebook starts a real model server; it must not outlive the
notebook, and its port must be closed afterwards. Reuses the process-marker helpers of
the deployment cleanup tests."""

from __future__ import annotations

import uuid

import nbformat
from nbclient import NotebookClient

from mlpro_guide.sandbox import port_is_open

from .conftest import REPO_ROOT
from .test_deployment_cleanup import _printed, _wait_until_gone

NOTEBOOK = REPO_ROOT / "notebooks" / "governance" / "integration_test_features_to_inference.ipynb"


def test_the_model_server_does_not_outlive_the_integration_notebook(monkeypatch):
    marker = f"mlpro-cleanup-{uuid.uuid4().hex}"
    monkeypatch.setenv("MLPRO_CLEANUP_MARKER", marker)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("print(server_port)"))
    client = NotebookClient(
        nb, timeout=180, kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )  # fmt: skip
    client.execute()
    port = int(_printed(nb).strip())
    assert not port_is_open(port), f"port {port} still accepts connections"
    left = _wait_until_gone(marker)
    assert not left, f"processes outlived the notebook: {left}"
