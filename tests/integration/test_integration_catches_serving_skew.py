"""The integration test is only worth running if it can fail. Here it runs, unchanged,
against a temporary copy of the example project whose serving code drops the UTC offset
of each timestamp (a one-line skew between the served model and training), and must
fail on the served answer, and on nothing else."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .test_features_to_inference import DEFAULT_PROJECT

INTEGRATION_TEST = Path(__file__).with_name("test_features_to_inference.py")
CORRECT_LINE = "features = build_features(model_input)"
SKEWED_LINE = (
    "features = build_features(\n"
    '            model_input.assign(timestamp=model_input["timestamp"].str[:19])\n'
    "        )"
)


def broken_copy(destination: Path) -> Path:
    project = destination / "fraud_project"
    shutil.copytree(DEFAULT_PROJECT, project, ignore=shutil.ignore_patterns("__pycache__"))
    serving = project / "checkout_fraud" / "serving.py"
    source = serving.read_text()
    assert source.count(CORRECT_LINE) == 1, f"{serving}: expected one '{CORRECT_LINE}'"
    serving.write_text(source.replace(CORRECT_LINE, SKEWED_LINE))
    return project


def test_the_integration_test_fails_when_serving_differs_from_training(tmp_path):
    project = broken_copy(tmp_path)
    environment = dict(os.environ, CHECKOUT_FRAUD_PROJECT=str(project))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(INTEGRATION_TEST), "-p", "no:xdist", "-q",
         "--tb=line"],
        capture_output=True, text=True, env=environment, cwd=INTEGRATION_TEST.parents[2],
        timeout=600,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "1 failed, 5 passed" in output, output[-3000:]
    assert "served answer differs from offline prediction" in output, output[-3000:]
