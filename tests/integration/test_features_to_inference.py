"""Integration test across the lifecycle of the checkout fraud model.

feature engineering -> training -> evaluation against a threshold -> registration ->
a real ``mlflow models serve`` process on the registered version -> a REST request ->
the answer equals the offline prediction and follows the schema contract.

The stages run once (a module fixture); each test checks one promise. The example
project's code is imported from ``CHECKOUT_FRAUD_PROJECT`` when that variable is set, so
``test_integration_catches_serving_skew.py`` can run this very file against a broken
copy of the project.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import mlflow
import numpy as np
import pandas as pd
import pytest

from mlpro_guide.lab.fraud_data import make_transactions, train_test_split_by_time
from mlpro_guide.lab.models import pinned_requirements
from mlpro_guide.lab.sandbox import serve_model, tracking_sandbox

DEFAULT_PROJECT = Path(__file__).resolve().parents[2] / "notebooks/governance/fraud_project"
PROJECT = Path(os.environ.get("CHECKOUT_FRAUD_PROJECT", DEFAULT_PROJECT))
sys.path.insert(0, str(PROJECT))
from checkout_fraud import serving, training  # noqa: E402

MIN_ROC_AUC = 0.70
MODEL_NAME = "staging.fraud.checkout_scorer"
TOLERANCE = 1e-9


def edge_case_sample(holdout: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Twelve holdout rows with a missing amount and an unseen category, and the same
    rows as the checkout service sends them, half of them with New York offsets."""
    sample = holdout.head(12).copy()
    sample["timestamp"] = sample["timestamp"].dt.floor("s")
    sample.loc[sample.index[0], "amount"] = np.nan
    sample.loc[sample.index[1], "merchant_category"] = "crypto_atm"
    request = serving.as_request_rows(sample)
    new_york = sample["timestamp"].dt.tz_convert("America/New_York")
    odd = request.index % 2 == 1
    request.loc[odd, "timestamp"] = [stamp.isoformat() for stamp in new_york[odd]]
    return sample, request


def post(url: str, frame: pd.DataFrame) -> tuple[int, dict]:
    body = json.dumps({"dataframe_split": frame.to_dict(orient="split")}, default=str)
    request = urllib.request.Request(
        f"{url}/invocations", body.encode(), {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture(scope="module")
def lifecycle(tmp_path_factory):
    root = tmp_path_factory.mktemp("features_to_inference")
    sandbox = tracking_sandbox("integration_features_to_inference", parent=root)
    train, holdout = train_test_split_by_time(make_transactions(6_000, seed=7))
    model = training.train(train)
    metrics = training.evaluate(model, holdout)
    if metrics["roc_auc"] < MIN_ROC_AUC:  # the gate: nothing below it is registered
        pytest.fail(f"candidate ROC AUC {metrics['roc_auc']:.3f} < {MIN_ROC_AUC}")
    with mlflow.start_run():
        mlflow.log_metrics(metrics)
        info = serving.log_scorer(
            model, train, pinned_requirements(), registered_model_name=MODEL_NAME
        )
    version = str(info.registered_model_version)
    sample, request = edge_case_sample(holdout)
    offline = training.fraud_probability(model, sample).to_numpy()
    uri = f"models:/{MODEL_NAME}/{version}"
    with serve_model(uri, sandbox.tracking_uri) as server:
        answer = post(server.url, request)
        incomplete = post(server.url, request.drop(columns="country"))
    yield SimpleNamespace(
        metrics=metrics, info=info, version=version, request=request,
        offline=offline, answer=answer, incomplete=incomplete,
    )  # fmt: skip


def test_the_candidate_clears_the_quality_threshold(lifecycle):
    assert lifecycle.metrics["roc_auc"] >= MIN_ROC_AUC


def test_the_registered_version_comes_from_the_evaluated_run(lifecycle):
    client = mlflow.MlflowClient()
    version = client.get_model_version(MODEL_NAME, lifecycle.version)
    run = client.get_run(version.run_id)
    assert run.data.metrics["roc_auc"] == pytest.approx(lifecycle.metrics["roc_auc"])
    assert client.get_model_version_download_uri(MODEL_NAME, lifecycle.version)


def test_the_served_answer_equals_the_offline_prediction(lifecycle):
    status, body = lifecycle.answer
    assert status == 200, body
    served = np.array([row["fraud_probability"] for row in body["predictions"]])
    gap = np.abs(served - lifecycle.offline)
    assert gap.max() <= TOLERANCE, (
        f"served answer differs from offline prediction: largest gap {gap.max():.2e} "
        f"on request rows {np.flatnonzero(gap > TOLERANCE).tolist()}"
    )


def test_the_answer_follows_the_output_contract(lifecycle):
    status, body = lifecycle.answer
    assert status == 200, body
    rows = body["predictions"]
    assert len(rows) == len(lifecycle.request)
    assert all(set(row) == {"fraud_probability"} for row in rows)
    assert all(0.0 <= row["fraud_probability"] <= 1.0 for row in rows)


def test_the_input_contract_is_the_logged_signature(lifecycle):
    signature = lifecycle.info.signature
    assert signature.inputs.input_names() == list(lifecycle.request.columns)
    assert signature.outputs.input_names() == ["fraud_probability"]


def test_a_request_without_a_required_column_is_rejected(lifecycle):
    status, body = lifecycle.incomplete
    assert status == 400
    assert "country" in body["message"]
