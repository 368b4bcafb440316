"""Turn the raw fields of a checkout request into the model's features.

Training imports :func:`engineer` to build its feature matrix, and the logged pyfunc
model imports the same function inside ``predict``: the model is logged with this folder
as ``code_paths``, so the served model runs exactly this code. Bump ``FEATURE_VERSION``
whenever the logic changes; it is logged with the model.

Raw fields (what the checkout service sends):

``timestamp``
    When the card was presented, ISO 8601 text; text without a time zone is read as UTC.
``amount``
    Basket value in euros.
``merchant_category``
    ``grocery``, ``electronics``, ``travel``, ``fashion`` or ``digital_goods``.
``device_age_days``
    How long the device has been seen for this customer, in days.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FEATURE_VERSION = "1.0.0"
RAW_FIELDS = ("timestamp", "amount", "merchant_category", "device_age_days")
FEATURES = (
    "log_amount",
    "new_device",
    "risky_merchant",
    "night_time",
    "weekend",
)
RISKY_MERCHANTS = ("electronics", "digital_goods")
NEW_DEVICE_DAYS = 14


def engineer(raw: pd.DataFrame) -> pd.DataFrame:
    """Return the model's features, one row per request, in the order of ``FEATURES``.

    Raises ``KeyError`` naming the missing fields when a raw field is absent.
    """
    missing = [field for field in RAW_FIELDS if field not in raw.columns]
    if missing:
        raise KeyError(f"request is missing raw field(s): {', '.join(missing)}")
    when = pd.to_datetime(raw["timestamp"], utc=True, format="ISO8601")
    features = pd.DataFrame(index=raw.index)
    features["log_amount"] = np.log1p(raw["amount"].astype(float))
    features["new_device"] = (raw["device_age_days"] < NEW_DEVICE_DAYS).astype(float)
    features["risky_merchant"] = raw["merchant_category"].isin(RISKY_MERCHANTS).astype(float)
    features["night_time"] = when.dt.hour.isin(range(0, 6)).astype(float)
    features["weekend"] = (when.dt.dayofweek >= 5).astype(float)
    return features[list(FEATURES)]
