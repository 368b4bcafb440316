"""Customer activity over the last 7 days: the one definition training and serving share.

Both the training pipeline and the served model import this module, so the two paths
cannot drift apart. The model is logged with this folder as ``code_paths``; bump
``FEATURE_VERSION`` whenever the logic changes, and the version is logged with the model.

Definition (version 1.0.0): for each transaction, look at the *same customer's*
transactions in the 7 days strictly before it (the transaction itself is excluded).

``tx_count_7d``
    How many such transactions there are (0 if none).
``mean_amount_7d``
    Their mean amount in euros; 0.0 when there are none.
"""

from __future__ import annotations

import pandas as pd

FEATURE_VERSION = "1.0.0"
WINDOW = pd.Timedelta(days=7)
ACTIVITY_FEATURES = ("tx_count_7d", "mean_amount_7d")


def customer_activity(events: pd.DataFrame) -> pd.DataFrame:
    """Return ``tx_count_7d`` and ``mean_amount_7d`` for each row of ``events``.

    ``events`` needs ``customer_id``, ``timestamp`` and ``amount``; it should hold every
    transaction of the last 7 days for the customers being scored. Timestamps without a
    time zone are read as UTC, so both paths agree on where a window starts. The result
    has the same index as ``events``.
    """
    ordered = events[["customer_id", "timestamp", "amount"]].assign(
        timestamp=lambda frame: _as_utc(frame["timestamp"])
    )
    ordered = ordered.sort_values(["customer_id", "timestamp"], kind="stable")
    rolling = (
        ordered.set_index("timestamp")
        .groupby("customer_id", sort=False)["amount"]
        .rolling(WINDOW, closed="left")
    )
    count = rolling.count().to_numpy()
    total = rolling.sum().to_numpy()
    features = pd.DataFrame(index=ordered.index)
    features["tx_count_7d"] = pd.Series(count, index=ordered.index).fillna(0).astype("int64")
    mean = pd.Series(total, index=ordered.index) / features["tx_count_7d"].where(
        features["tx_count_7d"] > 0
    )
    features["mean_amount_7d"] = mean.fillna(0.0).astype("float64")
    return features.loc[events.index]


def _as_utc(timestamps: pd.Series) -> pd.Series:
    """Timestamps as timezone-aware UTC; naive values are taken to be UTC already."""
    parsed = pd.to_datetime(timestamps)
    if parsed.dt.tz is None:
        return parsed.dt.tz_localize("UTC")
    return parsed.dt.tz_convert("UTC")
