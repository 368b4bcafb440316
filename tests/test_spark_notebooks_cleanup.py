"""The model-development chapter's Spark notebooks leave nothing running: no JVM, no Python
worker, no active session and no stray warehouse folder once the notebook has finished.

Processes are attributed by an environment marker, as in ``test_deployment_cleanup``,
whose helpers this module reuses.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import REPO_ROOT
from .test_deployment_cleanup import _printed, _run, _wait_until_gone

MODEL_DEVELOPMENT = REPO_ROOT / "notebooks" / "model-development"
ACTIVE_SESSION_CHECK = (
    "from pyspark.sql import SparkSession\nprint(SparkSession.getActiveSession() is None)"
)


@pytest.mark.skipif(shutil.which("java") is None, reason="the Spark notebooks need Java 17")
@pytest.mark.parametrize("notebook", ["sparkml_pipeline", "one_model_per_group"])
def test_no_jvm_or_python_worker_outlives_a_model_development_spark_notebook(notebook, monkeypatch):
    marker, nb = _run(notebook, ACTIVE_SESSION_CHECK, monkeypatch, folder=MODEL_DEVELOPMENT)
    assert _printed(nb).strip() == "True", "a Spark session is still active"
    left = _wait_until_gone(marker)
    assert not left, f"processes outlived {notebook}: {left}"
    assert not (Path.cwd() / "spark-warehouse").exists()
    assert not (MODEL_DEVELOPMENT / "spark-warehouse").exists()
