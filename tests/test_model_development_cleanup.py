"""The model-development notebooks start Ray and a Spark JVM; none of their processes
(raylet, gcs_server, Ray workers, the JVM and its Python workers) may outlive the notebook.

The notebook runs in its own kernel with a unique environment marker, exactly as in
``test_deployment_cleanup``, whose runner and process finder are reused here.
"""

from __future__ import annotations

import shutil

import pytest

from . import test_deployment_cleanup as cleanup
from .conftest import REPO_ROOT

NOTEBOOKS = REPO_ROOT / "notebooks" / "model-development"


@pytest.fixture
def model_development_notebooks(monkeypatch):
    """Point the shared runner at this chapter's notebook folder."""
    monkeypatch.setattr(cleanup, "NOTEBOOKS", NOTEBOOKS)


def test_no_ray_process_outlives_the_ray_notebook(model_development_notebooks, monkeypatch):
    check = "import ray\nprint(ray.is_initialized())"
    marker, nb = cleanup._run("ray_tune", check, monkeypatch)
    assert cleanup._printed(nb).strip() == "False"
    left = cleanup._wait_until_gone(marker, timeout=30)
    assert not left, f"processes outlived the notebook: {left}"


@pytest.mark.skipif(shutil.which("java") is None, reason="the Optuna notebook needs Java 17")
def test_no_spark_jvm_outlives_the_optuna_notebook(model_development_notebooks, monkeypatch):
    check = "from pyspark.sql import SparkSession\nprint(SparkSession.getActiveSession() is None)"
    marker, nb = cleanup._run("optuna_sweep_nested_runs", check, monkeypatch)
    assert cleanup._printed(nb).strip() == "True"
    left = cleanup._wait_until_gone(marker)
    assert not left, f"processes outlived the notebook: {left}"
    assert not (NOTEBOOKS / "spark-warehouse").exists()
