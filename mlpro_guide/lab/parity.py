"""The training/serving parity check, shared by the Feature consistency chapter and the
capstone.

``notebooks/feature-consistency/training_serving_skew.ipynb`` shows why it exists: the
offline (training) and online (serving) paths compute the same features, and a release is
allowed only when they agree on every row.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["parity_report", "release_allowed"]


def parity_report(
    reference: pd.DataFrame,
    candidate: pd.DataFrame,
    columns: Sequence[str],
    atol: float = 1e-9,
) -> pd.Series:
    """Share of rows where each column of ``candidate`` differs from ``reference`` by more
    than ``atol``. Both frames must have the same rows in the same order."""
    if len(reference) != len(candidate):
        raise ValueError(
            f"parity_report compares row by row: {len(reference)} reference rows "
            f"vs {len(candidate)} candidate rows"
        )
    ref = reference[list(columns)].to_numpy(dtype=float)
    cand = candidate[list(columns)].to_numpy(dtype=float)
    mismatch = ~np.isclose(ref, cand, rtol=0.0, atol=atol)
    return pd.Series(mismatch.mean(axis=0), index=list(columns), name="share_mismatched")


def release_allowed(report: pd.Series) -> bool:
    """True when no column mismatched on any row."""
    return bool((report == 0).all())
