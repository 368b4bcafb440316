"""The shared customer-activity definition used by the feature-consistency notebooks."""

import sys

import pandas as pd
import pytest

from mlpro_guide.lab.paths import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "notebooks" / "feature-consistency"))
from feature_definitions import customer_activity as activity  # noqa: E402


@pytest.fixture
def events():
    return pd.DataFrame(
        {
            "customer_id": ["a", "a", "a", "b"],
            "timestamp": pd.to_datetime(
                ["2025-01-01 10:00", "2025-01-03 10:00", "2025-01-10 10:00", "2025-01-03 12:00"],
                utc=True,
            ),
            "amount": [10.0, 30.0, 50.0, 99.0],
        },
        index=[7, 3, 5, 1],
    )


def test_the_current_transaction_is_not_counted(events):
    features = activity.customer_activity(events)
    assert features.loc[3, "tx_count_7d"] == 1
    assert features.loc[3, "mean_amount_7d"] == 10.0


def test_transactions_older_than_seven_days_fall_out_of_the_window(events):
    features = activity.customer_activity(events)
    assert features.loc[5, "tx_count_7d"] == 1
    assert features.loc[5, "mean_amount_7d"] == 30.0


def test_a_customer_without_history_gets_zero_count_and_zero_mean(events):
    features = activity.customer_activity(events)
    assert features.loc[1, "tx_count_7d"] == 0
    assert features.loc[1, "mean_amount_7d"] == 0.0


def test_naive_timestamps_are_read_as_utc(events):
    naive = events.assign(timestamp=events["timestamp"].dt.tz_localize(None))
    pd.testing.assert_frame_equal(
        activity.customer_activity(naive), activity.customer_activity(events)
    )


def test_the_result_keeps_the_input_index_and_order(events):
    features = activity.customer_activity(events)
    assert list(features.index) == list(events.index)
    assert tuple(features.columns) == activity.ACTIVITY_FEATURES
