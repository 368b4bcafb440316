"""The Monitoring chapter's twelve weeks of traffic, with problems hidden at known weeks.

The fraud model goes live on Monday 6 January 2025 (week 0). Each week is an independent
draw of :func:`mlpro_guide.lab.fraud_data.make_transactions` for that week's dates, so each
problem appears in its own weeks and the environment recovers in between (unlike
:func:`~mlpro_guide.lab.fraud_data.weekly_windows`, whose drifts persist once started):

====  ==========  ==============================================================
week  kind        what happened
====  ==========  ==============================================================
0-3   stable      nothing: the weeks that measure the monitor's noise
4-5   covariate   a marketing campaign changes who shops (P(x) moves)
6     stable      the campaign is over
7     prior       a fraud wave: fraud rate 0.12, three times the usual
8     slice       a mobile-app release resets the device id: half of the
                  ``mobile_app`` rows report ``device_age_days = 0``
9-11  concept     a new fraud pattern (P(y | x) moves, P(x) does not)
====  ==========  ==============================================================

The frames are *unscored*: each notebook scores them with its own model.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .fraud_data import make_transactions

__all__ = [
    "N_WEEKS",
    "ROWS_PER_WEEK",
    "SCHEDULE",
    "SLICE_BUG_SHARE",
    "STABLE_WEEKS",
    "START",
    "drift_kind",
    "scenario_week",
    "scenario_weeks",
]

N_WEEKS = 12
ROWS_PER_WEEK = 3_000
START = "2025-01-06"  # Monday of week 0; week w starts w weeks later (UTC)
SLICE_BUG_SHARE = 0.5  # share of week-8 mobile_app rows whose device_age_days becomes 0

SCHEDULE: dict[int, tuple[str, dict[str, Any]]] = {
    # week -> (what happened, extra make_transactions arguments)
    4: ("covariate", {"drift": "covariate"}),  # marketing campaign, two weeks
    5: ("covariate", {"drift": "covariate"}),
    7: ("prior", {"drift": "prior", "fraud_rate": 0.12}),  # fraud wave, 3x the usual rate
    8: ("slice", {}),  # mobile-app release bug, applied by scenario_week
    9: ("concept", {"drift": "concept"}),  # new fraud pattern from week 9 on
    10: ("concept", {"drift": "concept"}),
    11: ("concept", {"drift": "concept"}),
}
"""The weeks with a hidden problem; every week not listed is ``"stable"``."""

STABLE_WEEKS: tuple[int, ...] = tuple(w for w in range(N_WEEKS) if w not in SCHEDULE)


def drift_kind(week: int) -> str:
    """What happened in ``week``: ``stable``, ``covariate``, ``prior``, ``slice`` or
    ``concept``."""
    _check_week(week)
    return SCHEDULE.get(week, ("stable", {}))[0]


def _check_week(week: int) -> None:
    if not isinstance(week, (int, np.integer)) or not 0 <= week < N_WEEKS:
        raise ValueError(f"week must be an integer from 0 to {N_WEEKS - 1}, not {week!r}")


def scenario_week(week: int, rows: int = ROWS_PER_WEEK) -> pd.DataFrame:
    """The unscored transactions of ``week`` (0 to 11), with its problem injected.

    The week's rows come from ``make_transactions(rows, seed=100 + week, ...)`` over the
    seven days from ``START + week`` weeks, with the :data:`SCHEDULE` arguments. In the
    ``slice`` week, each ``mobile_app`` row has ``device_age_days`` set to 0 with
    probability :data:`SLICE_BUG_SHARE` (seeded by the week); other channels are
    untouched. Adds the columns ``week`` and ``window_start`` (UTC).
    """
    _check_week(week)
    kind, kwargs = SCHEDULE.get(week, ("stable", {}))
    start = (pd.Timestamp(START) + pd.Timedelta(weeks=week)).date()
    frame = make_transactions(rows, seed=100 + week, start=str(start), days=7, **kwargs)
    if kind == "slice":
        broken = frame["channel"].eq("mobile_app") & (
            np.random.default_rng(week).random(len(frame)) < SLICE_BUG_SHARE
        )
        frame.loc[broken, "device_age_days"] = 0
    return frame.assign(week=week, window_start=pd.Timestamp(start, tz="UTC"))


def scenario_weeks(n_weeks: int = N_WEEKS, rows: int = ROWS_PER_WEEK) -> dict[int, pd.DataFrame]:
    """``{week: scenario_week(week, rows)}`` for the first ``n_weeks`` weeks (1 to 12)."""
    if not 1 <= n_weeks <= N_WEEKS:
        raise ValueError(f"n_weeks must be from 1 to {N_WEEKS}, not {n_weeks}")
    return {week: scenario_week(week, rows) for week in range(n_weeks)}
