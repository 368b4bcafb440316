"""The canary release's routing and decision, shared by the Deployment chapter and the
capstone.

``notebooks/deployment/canary_release.ipynb`` explains each piece; the capstone reuses
them so that both judge a canary the same way:

* :func:`arm_of` routes a customer to ``champion`` or ``challenger`` by a hash of the
  customer id, so a customer always sees the same model and the split is reproducible;
* :func:`compare_fraud_caught` compares the share of fraud each arm declined, with a
  bootstrap confidence interval and a chi-squared p-value;
* :func:`decide` turns an arm summary and that comparison into ``"promote"``,
  ``"keep collecting"`` or ``"roll back"``: guardrails (errors, latency, extra false
  declines) first, then the evidence on fraud caught.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency

__all__ = [
    "CHALLENGER_SHARE",
    "FALSE_DECLINE_TOLERANCE",
    "LATENCY_SLO_MS",
    "MAX_ERROR_RATE",
    "arm_of",
    "compare_fraud_caught",
    "decide",
]

CHALLENGER_SHARE = 0.10
MAX_ERROR_RATE = 0.01
LATENCY_SLO_MS = 50.0
FALSE_DECLINE_TOLERANCE = 0.005


def arm_of(customer_id: str, share: float = CHALLENGER_SHARE) -> str:
    """``"challenger"`` for about ``share`` of customers, ``"champion"`` for the rest."""
    bucket = int(hashlib.sha256(customer_id.encode()).hexdigest()[:8], 16) % 10_000
    return "challenger" if bucket < share * 10_000 else "champion"


def compare_fraud_caught(log: pd.DataFrame, n_boot: int = 2_000) -> dict[str, float]:
    """Challenger minus champion share of fraud declined, with a 95% bootstrap interval.

    ``log`` needs the columns ``arm``, ``is_fraud`` and ``declined`` (bool).
    """
    caught = {
        arm: log.loc[(log["arm"] == arm) & (log["is_fraud"] == 1), "declined"].to_numpy()
        for arm in ("champion", "challenger")
    }
    if min(values.size for values in caught.values()) == 0:
        raise ValueError("compare_fraud_caught needs fraud cases in both arms")
    rng = np.random.default_rng(0)
    diffs = [
        rng.choice(caught["challenger"], caught["challenger"].size).mean()
        - rng.choice(caught["champion"], caught["champion"].size).mean()
        for _ in range(n_boot)
    ]
    table = [[values.sum(), values.size - values.sum()] for values in caught.values()]
    return {
        "difference": float(caught["challenger"].mean() - caught["champion"].mean()),
        "ci_low": float(np.percentile(diffs, 2.5)),
        "ci_high": float(np.percentile(diffs, 97.5)),
        "p_value": float(chi2_contingency(table, correction=False)[1]),
    }


def decide(
    summary: pd.DataFrame, test: dict[str, float], latency_slo_ms: float = LATENCY_SLO_MS
) -> str:
    """``"promote"``, ``"keep collecting"`` or ``"roll back"`` for a canary.

    ``summary`` is indexed by arm with ``error_rate``, ``latency_p95_ms`` and
    ``false_decline_rate``; ``test`` is :func:`compare_fraud_caught`'s result;
    ``latency_slo_ms`` is the p95 latency the challenger must meet.
    """
    challenger, champion = summary.loc["challenger"], summary.loc["champion"]
    guardrails_ok = (
        challenger["error_rate"] <= MAX_ERROR_RATE
        and challenger["latency_p95_ms"] <= latency_slo_ms
    )
    extra_declines = challenger["false_decline_rate"] - champion["false_decline_rate"]
    if not guardrails_ok or test["ci_high"] < 0 or extra_declines > 2 * FALSE_DECLINE_TOLERANCE:
        return "roll back"
    if test["ci_low"] > 0 and extra_declines <= FALSE_DECLINE_TOLERANCE:
        return "promote"
    return "keep collecting"
