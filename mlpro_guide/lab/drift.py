"""Drift statistics shared by the Monitoring notebooks.

Each function compares a *reference* sample (the baseline table, or the previous window)
with a *current* sample (the window being monitored), the way a Databricks data profile
fills its drift metrics table:

* :func:`population_stability_index` (PSI) compares two vectors of bin shares;
* :func:`decile_shares` bins a numeric column at the reference's deciles, and
  :func:`category_shares` (from :func:`category_counts`) aligns the category frequencies
  of a categorical column;
* :func:`numeric_drift` and :func:`categorical_drift` return one row of the drift metrics
  table (test statistics, p-values and distances) for one column;
* :func:`drift_score` reduces a whole window to one number: the largest effect size
  relative to its alert threshold, so that 1.0 or more means "alert".

The notebooks print the source of these functions where they introduce them; the code is
short on purpose, so that every number the monitor reports can be read and checked.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats
from scipy.spatial.distance import jensenshannon

__all__ = [
    "categorical_drift",
    "category_counts",
    "category_shares",
    "decile_shares",
    "drift_score",
    "numeric_drift",
    "population_stability_index",
]


def _shares(values: ArrayLike, name: str) -> np.ndarray:
    """``values`` as a 1-D float array of proportions, or a ValueError saying why not."""
    shares = np.asarray(values, dtype=float)
    if shares.ndim != 1 or shares.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D sequence of shares")
    if not np.all(np.isfinite(shares)) or np.any(shares < 0):
        raise ValueError(f"{name} must hold finite, non-negative shares")
    if abs(shares.sum() - 1.0) > 1e-6:
        raise ValueError(
            f"{name} must sum to 1 (pass proportions, not counts); it sums to {shares.sum():g}"
        )
    return shares


def _sample(values: ArrayLike, name: str) -> pd.Series:
    """``values`` as a Series with no missing values, or a ValueError saying why not."""
    series = pd.Series(values)
    if series.empty:
        raise ValueError(f"{name} is empty: drift needs at least one value on each side")
    if series.isna().any():
        raise ValueError(
            f"{name} holds {int(series.isna().sum())} missing values: drop or fill them "
            "first (and monitor the null rate as its own metric)"
        )
    return series


def population_stability_index(
    expected_shares: ArrayLike, actual_shares: ArrayLike, epsilon: float = 1e-4
) -> float:
    """PSI = sum((actual - expected) * ln(actual / expected)) over aligned bins.

    ``expected_shares`` are the reference's share of rows in each bin and
    ``actual_shares`` the current window's, in the same bin order; each must sum to 1.
    A bin that is empty on one side would make the logarithm infinite, so shares below
    ``epsilon`` are raised to ``epsilon``.

    PSI is 0 for identical shares and grows with the shift. It is symmetric: swapping
    the two arguments gives the same value (it is KL(actual, expected) +
    KL(expected, actual)). The usual reading is below 0.1 stable, 0.1 to 0.2 moderate,
    above 0.2 significant.

    Raises ``ValueError`` for empty or non-finite shares, shares that do not sum to 1,
    vectors of different lengths, or a non-positive ``epsilon``.
    """
    expected = _shares(expected_shares, "expected_shares")
    actual = _shares(actual_shares, "actual_shares")
    if expected.shape != actual.shape:
        raise ValueError(
            f"expected_shares and actual_shares must have one share per bin each; "
            f"got {expected.size} and {actual.size} bins"
        )
    if not epsilon > 0:
        raise ValueError(f"epsilon must be positive, not {epsilon}")
    expected = np.clip(expected, epsilon, None)
    actual = np.clip(actual, epsilon, None)
    return float(np.sum((actual - expected) * np.log(actual / expected)))


def decile_shares(reference: ArrayLike, current: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Shares of ``reference`` and ``current`` in bins cut at the reference's deciles.

    The bin edges are the reference's deciles (duplicates merged, so a column with few
    distinct values gets fewer bins); the first and last bins are open-ended, so current
    values outside the reference's range still land in a bin. Each reference bin holds
    about 10% of the reference; a constant reference gets two bins, below and from its
    value. Returns ``(reference_shares, current_shares)``, ready for
    :func:`population_stability_index`.
    """
    reference = _sample(reference, "reference").to_numpy(dtype=float)
    current = _sample(current, "current").to_numpy(dtype=float)
    edges = np.unique(np.quantile(reference, np.linspace(0, 1, 11)))
    if edges.size == 1:
        edges = np.repeat(edges, 3)
    edges[0], edges[-1] = -np.inf, np.inf
    return (
        np.histogram(reference, edges)[0] / len(reference),
        np.histogram(current, edges)[0] / len(current),
    )


def category_counts(reference: ArrayLike, current: ArrayLike) -> tuple[list, np.ndarray]:
    """The categories seen in either sample (sorted) and a 2 x k table of their counts.

    Row 0 counts ``reference``, row 1 ``current``. A category seen on one side only gets
    a count of 0 on the other; categories absent from both samples are left out, so no
    column of the table is all zeros.
    """
    reference = _sample(reference, "reference")
    current = _sample(current, "current")
    categories = sorted(set(reference) | set(current))  # only values actually seen
    counts = np.array(
        [
            s.value_counts().reindex(categories, fill_value=0).to_numpy()
            for s in (reference, current)
        ]
    )
    return categories, counts


def category_shares(reference: ArrayLike, current: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Category shares of ``reference`` and ``current``, aligned on the same categories.

    The categories are the union of those seen in either sample, sorted; a category seen
    on one side only gets a share of 0 on the other. Categories absent from both samples
    are left out (a per-slice chi-square test would otherwise meet an all-zero column).
    Returns ``(reference_shares, current_shares)``.
    """
    counts = category_counts(reference, current)[1]
    return counts[0] / counts[0].sum(), counts[1] / counts[1].sum()


def numeric_drift(reference: ArrayLike, current: ArrayLike) -> dict[str, float]:
    """Drift metrics of a numeric column: KS test, Wasserstein distance and decile PSI.

    Returns ``ks_statistic`` and ``ks_pvalue`` (two-sample Kolmogorov-Smirnov),
    ``wasserstein_distance`` (in the column's own unit) and
    ``population_stability_index`` over :func:`decile_shares`.
    """
    reference = _sample(reference, "reference")
    current = _sample(current, "current")
    ks = stats.ks_2samp(current, reference)
    return {
        "ks_statistic": ks.statistic,
        "ks_pvalue": ks.pvalue,
        "wasserstein_distance": stats.wasserstein_distance(current, reference),
        "population_stability_index": population_stability_index(
            *decile_shares(reference, current)
        ),
    }


def categorical_drift(reference: ArrayLike, current: ArrayLike) -> dict[str, float]:
    """Drift metrics of a categorical column, over the categories seen in either sample.

    Returns ``chi_squared_statistic`` and ``chi_squared_pvalue`` (chi-square test of the
    2 x k table of counts), ``js_distance`` (Jensen-Shannon distance, base 2, in [0, 1]),
    ``tv_distance`` (total variation, half the sum of absolute share differences, in
    [0, 1]), ``l_infinity_distance`` (the largest absolute share difference) and
    ``population_stability_index`` over :func:`category_shares`.
    """
    _, counts = category_counts(reference, current)
    p, q = counts[0] / counts[0].sum(), counts[1] / counts[1].sum()
    chi2 = stats.chi2_contingency(counts)
    return {
        "chi_squared_statistic": chi2.statistic,
        "chi_squared_pvalue": chi2.pvalue,
        "js_distance": jensenshannon(p, q, base=2),
        "tv_distance": 0.5 * abs(p - q).sum(),
        "l_infinity_distance": abs(p - q).max(),
        "population_stability_index": population_stability_index(p, q),
    }


def drift_score(
    reference_frame: pd.DataFrame,
    current_frame: pd.DataFrame,
    numeric_columns: Sequence[str],
    categorical_columns: Sequence[str],
    psi_threshold: float = 0.2,
    js_threshold: float = 0.1,
) -> float:
    """The largest drift of a window relative to its alert threshold; 1.0 or more = alert.

    For each numeric column: decile PSI / ``psi_threshold``; for each categorical column:
    Jensen-Shannon distance (base 2) / ``js_threshold``. The score is the maximum over
    all listed columns, so it answers "did any monitored column drift past its
    threshold?" in one number.
    """
    columns = [*numeric_columns, *categorical_columns]
    if not columns:
        raise ValueError("drift_score needs at least one numeric or categorical column")
    if not (psi_threshold > 0 and js_threshold > 0):
        raise ValueError("psi_threshold and js_threshold must be positive")
    for name, frame in (("reference_frame", reference_frame), ("current_frame", current_frame)):
        if frame.empty:
            raise ValueError(f"{name} is empty: drift needs rows on both sides")
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} lacks the monitored columns {missing}")
    scores = [
        population_stability_index(*decile_shares(reference_frame[c], current_frame[c]))
        / psi_threshold
        for c in numeric_columns
    ]
    scores += [
        jensenshannon(*category_shares(reference_frame[c], current_frame[c]), base=2) / js_threshold
        for c in categorical_columns
    ]
    return float(max(scores))
