"""The promotion gate as a function: every check runs and is recorded on the candidate,
and the champion alias moves only when all checks pass and a rollback target exists."""

from __future__ import annotations

import mlflow
import pytest

from mlpro_guide.lab.promotion_gate import approval_check, run_promotion_gate
from mlpro_guide.lab.sandbox import tracking_sandbox

MODEL = "dev.fraud.gate_test"


@pytest.fixture
def client(tmp_path, monkeypatch):
    """A private registry holding versions 1 and 2 of MODEL, version 1 as champion."""
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    tracking_sandbox("gate_test", parent=tmp_path / "store")
    client = mlflow.MlflowClient()
    client.create_registered_model(MODEL)
    for _ in range(2):
        client.create_model_version(MODEL, source=(tmp_path / "model").as_uri())
    client.set_registered_model_alias(MODEL, "champion", "1")
    return client


def passing() -> tuple[bool, str]:
    return True, "fine"


def failing() -> tuple[bool, str]:
    return False, "too low"


def champion(client) -> str:
    return str(client.get_model_version_by_alias(MODEL, "champion").version)


def test_all_checks_passing_promotes_and_records_the_rollback_target(client):
    decision = run_promotion_gate(client, MODEL, "2", {"quality": passing}, reviewer="R")
    assert decision.promoted and decision.rollback_target == "1"
    assert champion(client) == "2"
    tags = client.get_model_version(MODEL, "2").tags
    assert tags["gate.decision"] == "promoted" and tags["rollback_target"] == "1"
    assert tags["gate.quality"] == "PASS: fine" and tags["gate.reviewer"] == "R"


def test_a_failed_check_blocks_and_leaves_the_champion_in_place(client):
    decision = run_promotion_gate(client, MODEL, "2", {"quality": failing}, reviewer="R")
    assert not decision.promoted and decision.failed == ["quality"]
    assert champion(client) == "1"
    tags = client.get_model_version(MODEL, "2").tags
    assert tags["gate.decision"] == "blocked" and tags["gate.reason"] == "failed: quality"


def test_every_check_runs_even_after_one_failed(client):
    ran = []

    def later() -> tuple[bool, str]:
        ran.append("later")
        return True, "ran"

    decision = run_promotion_gate(
        client, MODEL, "2", {"first": failing, "later": later}, reviewer="R"
    )
    assert ran == ["later"] and decision.results["later"] == (True, "ran")
    assert client.get_model_version(MODEL, "2").tags["gate.later"] == "PASS: ran"


def test_without_a_current_champion_the_gate_blocks(client):
    client.delete_registered_model_alias(MODEL, "champion")
    decision = run_promotion_gate(client, MODEL, "2", {"quality": passing}, reviewer="R")
    assert not decision.promoted and decision.failed == ["rollback_target"]
    assert decision.rollback_target is None


def test_the_candidate_holds_the_challenger_alias_while_judged(client):
    run_promotion_gate(client, MODEL, "2", {"quality": failing}, reviewer="R")
    assert str(client.get_model_version_by_alias(MODEL, "challenger").version) == "2"


def test_approval_check_needs_an_approval_and_a_named_approver(client):
    check = approval_check(client, MODEL, "2")
    assert check() == (False, "no approval recorded")
    client.set_model_version_tag(MODEL, "2", "approval", "approved")
    assert check()[0] is False
    client.set_model_version_tag(MODEL, "2", "approved_by", "Jordan Lee")
    assert check() == (True, "approved by Jordan Lee")


@pytest.mark.parametrize("checks", [{}, {"rollback_target": passing}])
def test_no_checks_or_a_reserved_name_is_a_clear_error(client, checks):
    with pytest.raises(ValueError, match="check"):
        run_promotion_gate(client, MODEL, "2", checks, reviewer="R")
