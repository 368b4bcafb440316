"""The MLflow sandbox: a private, wiped store per notebook unless the learner chose one,
and a model server that listens on 127.0.0.1 only and never outlives its block."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request

import mlflow
import pytest

from mlpro_guide.lab.fraud_data import FEATURE_COLUMNS, make_transactions
from mlpro_guide.lab.models import build_fraud_pipeline, log_fraud_model
from mlpro_guide.lab.sandbox import port_is_open, serve_model, tracking_sandbox


@pytest.fixture
def local_store(tmp_path, monkeypatch):
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    return tracking_sandbox("unit_test", parent=tmp_path / "store")


def test_the_sandbox_uses_a_sqlite_store_in_its_own_folder(local_store, tmp_path):
    assert local_store.tracking_uri.startswith(f"sqlite:///{tmp_path / 'store' / 'mlflow'}")
    assert mlflow.get_tracking_uri() == local_store.tracking_uri
    assert local_store.is_local


def test_the_sandbox_is_wiped_so_reruns_start_empty(tmp_path, monkeypatch):
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    tracking_sandbox("unit_test", parent=tmp_path / "store")
    with mlflow.start_run():
        mlflow.log_metric("x", 1.0)
    again = tracking_sandbox("unit_test", parent=tmp_path / "store")
    assert mlflow.search_runs([again.experiment_id]).empty


def test_a_learner_tracking_uri_is_respected_and_not_wiped(tmp_path, monkeypatch):
    uri = f"sqlite:///{tmp_path / 'learner.db'}"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    first = tracking_sandbox("unit_test")
    with mlflow.start_run():
        mlflow.log_metric("x", 1.0)
    second = tracking_sandbox("unit_test")
    assert first.tracking_uri == second.tracking_uri == uri
    assert not second.is_local
    assert len(mlflow.search_runs([second.experiment_id])) == 1


def test_a_bad_sandbox_name_is_refused(tmp_path):
    with pytest.raises(ValueError, match="plain word"):
        tracking_sandbox("../escape", parent=tmp_path)


def test_the_ui_command_names_the_store(local_store):
    assert local_store.tracking_uri in local_store.ui_command()
    assert "--host 127.0.0.1" in local_store.ui_command()


def _live_processes_in_group(pgid: int) -> list[str]:
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            alive.append(entry)
    return alive


def test_a_served_model_answers_on_loopback_and_is_stopped_afterwards(local_store):
    frame = make_transactions(3_000, seed=3)
    model = build_fraud_pipeline("logistic").fit(frame[list(FEATURE_COLUMNS)], frame["is_fraud"])
    with mlflow.start_run():
        info = log_fraud_model(model, frame, registered_model_name="dev.test.fraud")
    mlflow.MlflowClient().set_registered_model_alias("dev.test.fraud", "champion", "1")

    with serve_model("models:/dev.test.fraud@champion", local_store.tracking_uri) as server:
        port = int(server.url.rsplit(":", 1)[1])
        assert server.url.startswith("http://127.0.0.1:")
        body = {"dataframe_split": frame[list(FEATURE_COLUMNS)].head(2).to_dict(orient="split")}
        body["dataframe_split"].pop("index")
        request = urllib.request.Request(
            server.url + "/invocations",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            predictions = json.loads(response.read())["predictions"]
        assert len(predictions) == 2
        expected = model.predict_proba(frame[list(FEATURE_COLUMNS)].head(2))[:, 1]
        assert [round(p[1], 9) for p in predictions] == [round(p, 9) for p in expected]
        assert str(info.registered_model_version) == "1"
    assert not port_is_open(port)
    # A process killed with SIGKILL needs a moment to die; give it up to five seconds.
    deadline = time.monotonic() + 5
    while _live_processes_in_group(server.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _live_processes_in_group(server.pid) == []


def test_a_model_that_cannot_load_fails_fast_with_the_server_log(local_store):
    with pytest.raises(RuntimeError, match="exited with code"):
        with serve_model("models:/no.such.model@champion", local_store.tracking_uri, timeout=60):
            pass
