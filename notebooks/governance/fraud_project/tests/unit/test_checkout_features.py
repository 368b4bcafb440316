"""Unit tests of the feature code: tiny frames, one edge case each, no MLflow, no server."""

import math

import pandas as pd
import pytest
from checkout_fraud.features import FEATURE_COLUMNS, build_features


@pytest.fixture
def raw():
    """Three checkout rows at 23:30 in Paris, i.e. 22:30 UTC (January, UTC+1)."""
    return pd.DataFrame(
        {
            "timestamp": pd.to_datetime(["2025-01-06 23:30"] * 3).tz_localize("Europe/Paris"),
            "amount": [12.5, None, 80.0],
            "merchant_category": ["grocery", "electronics", "crypto_atm"],
            "channel": ["web", "in_store", None],
            "country": ["domestic", "EU", "non_EU"],
            "device_age_days": [3, 400, None],
            "customer_tenure_days": [20, 900, 35],
        },
        index=[10, 11, 12],
    )


def test_the_features_keep_the_input_index_and_the_declared_columns(raw):
    features = build_features(raw)
    assert list(features.index) == [10, 11, 12]
    assert tuple(features.columns) == FEATURE_COLUMNS


def test_a_missing_amount_becomes_zero_and_is_flagged(raw):
    features = build_features(raw)
    assert features.loc[11, "log_amount"] == 0.0
    assert features["amount_missing"].tolist() == [0, 1, 0]


@pytest.mark.parametrize("value", ["crypto_atm", None, "  "])
def test_an_unseen_or_missing_category_becomes_other(raw, value):
    raw.loc[12, "merchant_category"] = value
    assert build_features(raw).loc[12, "merchant_category"] == "other"


def test_known_categories_pass_through_unchanged(raw):
    assert build_features(raw)["country"].tolist() == ["domestic", "EU", "non_EU"]


def test_timezone_aware_timestamps_are_converted_to_utc(raw):
    features = build_features(raw)
    assert features["hour_utc"].tolist() == [22, 22, 22]
    assert features["is_night"].tolist() == [0, 0, 0]


@pytest.mark.parametrize(
    ("stamp", "hour"),
    [
        ("2025-01-06T23:30:00+01:00", 22),
        ("2025-01-07T01:15:00-05:00", 6),
        ("2025-01-07T03:00:00", 3),
    ],
)
def test_iso_strings_from_a_json_request_honour_their_offset(raw, stamp, hour):
    raw["timestamp"] = [stamp] * 3
    assert build_features(raw)["hour_utc"].tolist() == [hour] * 3


def test_naive_timestamps_are_read_as_utc(raw):
    naive = raw.assign(timestamp=raw["timestamp"].dt.tz_convert("UTC").dt.tz_localize(None))
    pd.testing.assert_frame_equal(build_features(naive), build_features(raw))


def test_a_missing_device_age_counts_as_a_new_device(raw):
    assert build_features(raw).loc[12, "log_device_age"] == 0.0
    assert math.isclose(build_features(raw).loc[11, "log_device_age"], math.log1p(400))


def test_a_missing_raw_column_is_named_in_the_error(raw):
    with pytest.raises(KeyError, match="country"):
        build_features(raw.drop(columns="country"))
