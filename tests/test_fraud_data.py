"""The synthetic checkout-fraud data: deterministic, documented columns, and drifts that
change exactly what they claim to change."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mlpro_guide.lab.fraud_data import (
    FEATURE_COLUMNS,
    LABEL_COLUMN,
    make_transactions,
    train_test_split_by_time,
    weekly_windows,
    with_upstream_schema_change,
)

COLUMNS = [
    "transaction_id", "customer_id", "timestamp", "amount", "merchant_category", "channel",
    "country", "device_age_days", "customer_tenure_days", "age_band", "is_fraud",
]  # fmt: skip


@pytest.fixture(scope="module")
def reference():
    return make_transactions(20_000, seed=1)


def test_the_same_seed_gives_the_same_frame():
    pd.testing.assert_frame_equal(
        make_transactions(2_000, seed=5), make_transactions(2_000, seed=5)
    )


def test_another_seed_gives_other_data():
    assert not make_transactions(2_000, seed=5).equals(make_transactions(2_000, seed=6))


def test_columns_and_types_are_as_documented(reference):
    assert list(reference.columns) == COLUMNS
    assert str(reference["timestamp"].dt.tz) == "UTC"
    assert reference["transaction_id"].is_unique
    assert reference["timestamp"].is_monotonic_increasing
    assert set(reference[LABEL_COLUMN].unique()) == {0, 1}


def test_reference_fraud_rate_is_about_four_percent(reference):
    assert 0.03 < reference[LABEL_COLUMN].mean() < 0.05


def test_a_customer_keeps_the_same_tenure_and_age_band(reference):
    per_customer = reference.groupby("customer_id")[["customer_tenure_days", "age_band"]].nunique()
    assert (per_customer == 1).all().all()


def online_share(frame):
    return frame["channel"].ne("in_store").mean()


def domestic_web_old_devices(frame):
    return frame[
        (frame.channel == "web") & (frame.country == "domestic") & (frame.device_age_days > 30)
    ]


def test_covariate_drift_moves_inputs_but_not_the_fraud_mechanism(reference):
    drifted = make_transactions(20_000, seed=2, drift="covariate")
    assert stats.ks_2samp(reference["amount"], drifted["amount"]).statistic > 0.15
    assert online_share(drifted) > online_share(reference) + 0.15
    # Same P(y | x): within one segment the fraud rate barely moves.
    before = domestic_web_old_devices(reference)[LABEL_COLUMN].mean()
    after = domestic_web_old_devices(drifted)[LABEL_COLUMN].mean()
    assert abs(after - before) < 0.03


def test_prior_shift_changes_the_fraud_rate_but_not_the_inputs_given_the_label(reference):
    shifted = make_transactions(20_000, seed=3, drift="prior", fraud_rate=0.12)
    assert shifted[LABEL_COLUMN].mean() == pytest.approx(0.12, abs=0.002)
    legit = lambda f: f.loc[f[LABEL_COLUMN] == 0, "amount"]  # noqa: E731
    assert stats.ks_2samp(legit(reference), legit(shifted)).pvalue > 0.01


def test_concept_drift_changes_the_labels_but_not_the_inputs(reference):
    drifted = make_transactions(20_000, seed=4, drift="concept")
    assert stats.ks_2samp(reference["amount"], drifted["amount"]).statistic < 0.03
    digital = lambda f: f.loc[f.merchant_category == "digital_goods", LABEL_COLUMN].mean()  # noqa: E731
    assert digital(drifted) > 2 * digital(reference)


def test_weekly_windows_persist_a_drift_from_its_first_week():
    weeks = weekly_windows(n_weeks=4, rows_per_week=2_000, drifts={2: "covariate"})
    online = weeks.assign(online=weeks.channel.ne("in_store")).groupby("week")["online"].mean()
    assert online[2] > online[1] + 0.15 and online[3] > online[1] + 0.15
    assert abs(online[1] - online[0]) < 0.05


def test_the_schema_change_renames_and_retypes_columns(reference):
    changed = with_upstream_schema_change(reference.head(10))
    assert "amount" not in changed.columns
    assert changed["amount_cents"].dtype == np.int64
    assert (
        changed["device_age_days"].dtype == object or str(changed["device_age_days"].dtype) == "str"
    )


def test_the_time_split_puts_the_holdout_after_the_training_data(reference):
    train, holdout = train_test_split_by_time(reference, 0.25)
    assert len(holdout) == 5_000
    assert train["timestamp"].max() <= holdout["timestamp"].min()


def test_features_exclude_the_label_and_the_sensitive_attribute():
    assert LABEL_COLUMN not in FEATURE_COLUMNS and "age_band" not in FEATURE_COLUMNS


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"drift": "seasonal"}, "drift must be"),
        ({"drift_strength": 2.0}, "drift_strength"),
        ({"n_rows": 0}, "n_rows"),
    ],
)
def test_bad_arguments_get_clear_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_transactions(**kwargs)
