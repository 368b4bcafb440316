"""Checkout features: one definition for training and for the served model.

Raw input columns (what the checkout service sends):

``amount`` (float, may be missing), ``merchant_category``, ``channel``, ``country``
(text, may hold values never seen in training), ``device_age_days``,
``customer_tenure_days`` (numbers, may be missing) and ``timestamp`` (a datetime or an
ISO 8601 string; with or without a UTC offset).

Rules, each covered by a unit test:

* a missing amount becomes 0 with ``amount_missing`` = 1 (the model sees that it was
  missing instead of a made-up value);
* a category outside the known list, or a missing one, becomes ``"other"``;
* timestamps are converted to UTC before the hour is taken; naive ones are read as UTC.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

KNOWN_CATEGORIES = {
    "merchant_category": ("grocery", "electronics", "travel", "fashion", "digital_goods"),
    "channel": ("in_store", "web", "mobile_app"),
    "country": ("domestic", "EU", "non_EU"),
}
RAW_COLUMNS = (
    "timestamp",
    "amount",
    "merchant_category",
    "channel",
    "country",
    "device_age_days",
    "customer_tenure_days",
)
NUMERIC_FEATURES = ("log_amount", "amount_missing", "log_device_age", "log_tenure", "is_night")
CATEGORICAL_FEATURES = tuple(KNOWN_CATEGORIES)
FEATURE_COLUMNS = (*NUMERIC_FEATURES, *CATEGORICAL_FEATURES, "hour_utc")


def build_features(raw: pd.DataFrame) -> pd.DataFrame:
    """Model features for each row of ``raw`` (same index, columns ``FEATURE_COLUMNS``)."""
    missing = [column for column in RAW_COLUMNS if column not in raw.columns]
    if missing:
        raise KeyError(f"raw input lacks column(s) {', '.join(missing)}")
    amount = pd.to_numeric(raw["amount"], errors="coerce")
    hour = utc_timestamps(raw["timestamp"]).dt.hour
    features = pd.DataFrame(index=raw.index)
    features["log_amount"] = np.log1p(amount.fillna(0.0).clip(lower=0.0))
    features["amount_missing"] = amount.isna().astype("int64")
    for column, source in (
        ("log_device_age", "device_age_days"),
        ("log_tenure", "customer_tenure_days"),
    ):
        days = pd.to_numeric(raw[source], errors="coerce").fillna(0.0).clip(lower=0.0)
        features[column] = np.log1p(days)
    features["is_night"] = hour.between(0, 5).astype("int64")
    for column, known in KNOWN_CATEGORIES.items():
        values = raw[column].astype("string").str.strip()
        features[column] = values.where(values.isin(known), "other").fillna("other").astype(object)
    features["hour_utc"] = hour.astype("int64")
    return features[list(FEATURE_COLUMNS)]


def utc_timestamps(values: pd.Series) -> pd.Series:
    """``values`` as timezone-aware UTC timestamps.

    Datetimes with a time zone are converted; naive datetimes and strings without an
    offset are taken to be UTC already; strings with an offset are honoured.
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        stamps = values
    else:
        stamps = pd.to_datetime(values, format="ISO8601", utc=True)
    if stamps.dt.tz is None:
        return stamps.dt.tz_localize("UTC")
    return stamps.dt.tz_convert("UTC")
