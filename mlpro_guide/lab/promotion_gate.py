"""A promotion gate as one function: run every check, record each result on the candidate
model version, and move the ``champion`` alias only if every check passed.

``notebooks/promotion/promotion_gate.ipynb`` builds this gate step by step and stays the
place to learn it. Chapters that need a gate *after* something else (the remediation
chapter re-gates a recalibrated model) call :func:`run_promotion_gate` with their own
checks. The gate behaves like the notebook's:

* the candidate gets the ``challenger`` alias while it is judged;
* the version that holds ``champion`` now is the **rollback target**; without one the
  gate fails (there would be nothing safe to return to);
* every check runs, even after one has failed, so the record is complete;
* each result is written as a model-version tag ``gate.<check>`` (``PASS: ...`` or
  ``FAIL: ...``), with ``gate.decision``, ``gate.reason``, ``gate.reviewer``,
  ``gate.decided_at`` and ``rollback_target``;
* ``champion`` moves to the candidate only when nothing failed.

A check is any callable with no arguments that returns ``(passed, detail)``;
:func:`approval_check` builds the usual one (a named reviewer approved this version).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

Check = Callable[[], tuple[bool, str]]
"""A gate check: no arguments, returns ``(passed, human-readable detail)``."""

__all__ = ["Check", "GateDecision", "approval_check", "run_promotion_gate"]


@dataclass(frozen=True)
class GateDecision:
    """What the gate decided for one candidate version."""

    version: str
    promoted: bool
    results: dict[str, tuple[bool, str]]
    """Each check's ``(passed, detail)``, including ``rollback_target``."""
    rollback_target: str | None
    """The version that held ``champion`` when the gate ran, if any."""

    @property
    def failed(self) -> list[str]:
        """Names of the checks that failed, in the order they ran."""
        return [name for name, (passed, _) in self.results.items() if not passed]


def approval_check(client: MlflowClient, model_name: str, version: str) -> Check:
    """A check that passes when the version carries ``approval=approved`` and a
    non-empty ``approved_by`` tag (on Databricks, a deployment job's approval task instead
    checks that a tag named after the task has the value ``Approved``; ``approved_by`` is
    this guide's addition)."""

    def check() -> tuple[bool, str]:
        tags = client.get_model_version(model_name, version).tags
        if tags.get("approval") == "approved" and tags.get("approved_by"):
            return True, f"approved by {tags['approved_by']}"
        return False, "no approval recorded"

    return check


def _current_champion(client: MlflowClient, model_name: str, alias: str) -> str | None:
    try:
        return str(client.get_model_version_by_alias(model_name, alias).version)
    except MlflowException:
        return None


def run_promotion_gate(
    client: MlflowClient,
    model_name: str,
    version: str,
    checks: Mapping[str, Check],
    *,
    reviewer: str,
    alias: str = "champion",
) -> GateDecision:
    """Judge ``version`` of ``model_name`` with ``checks``; promote it if all pass.

    ``checks`` maps a check name (used in the ``gate.<name>`` tag) to a :data:`Check`.
    The name ``rollback_target`` is reserved for the gate's own check. Returns a
    :class:`GateDecision`; raises ``ValueError`` when no check is given or a name is
    reserved. Exceptions raised by a check propagate: a check that cannot run is a bug
    to fix, not a failed check.
    """
    version = str(version)
    if not checks:
        raise ValueError("run_promotion_gate needs at least one check")
    if "rollback_target" in checks:
        raise ValueError("'rollback_target' is the gate's own check; rename yours")
    target = _current_champion(client, model_name, alias)
    client.set_registered_model_alias(model_name, "challenger", version)
    results = {name: check() for name, check in checks.items()}
    results["rollback_target"] = (
        (True, target) if target is not None else (False, f"no current @{alias}")
    )
    decision = GateDecision(version, False, results, target)
    promoted = not decision.failed
    tags = {
        f"gate.{name}": f"{'PASS' if ok else 'FAIL'}: {why}" for name, (ok, why) in results.items()
    }
    tags["gate.decision"] = "promoted" if promoted else "blocked"
    tags["gate.reason"] = (
        "all checks passed" if promoted else "failed: " + ", ".join(decision.failed)
    )
    tags["gate.reviewer"] = reviewer
    tags["gate.decided_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    tags["rollback_target"] = target or ""
    for key, value in tags.items():
        client.set_model_version_tag(model_name, version, key, value)
    if promoted:
        client.set_registered_model_alias(model_name, alias, version)
    return GateDecision(version, promoted, results, target)
