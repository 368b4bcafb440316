"""The drift statistics of :mod:`mlpro_guide.lab.drift` and the Monitoring chapter's scenario
(:mod:`mlpro_guide.lab.monitoring_scenario`): correct on known cases, strict on bad input,
deterministic."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlpro_guide.lab.drift import (
    categorical_drift,
    category_counts,
    category_shares,
    decile_shares,
    drift_score,
    numeric_drift,
    population_stability_index,
)
from mlpro_guide.lab.fraud_data import CATEGORICAL_FEATURES, NUMERIC_FEATURES, make_transactions
from mlpro_guide.lab.monitoring_scenario import (
    N_WEEKS,
    SCHEDULE,
    STABLE_WEEKS,
    drift_kind,
    scenario_week,
    scenario_weeks,
)

NUMERIC = list(NUMERIC_FEATURES)
CATEGORICAL = list(CATEGORICAL_FEATURES)


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return make_transactions(3_000, seed=1)


# ---------------------------------------------------------------- population stability index


def test_psi_of_identical_shares_is_zero():
    shares = np.array([0.1, 0.2, 0.3, 0.4])
    assert population_stability_index(shares, shares) == 0.0


def test_psi_grows_with_the_shift():
    expected = np.full(4, 0.25)
    shifted = [np.array([0.25 - d, 0.25 - d, 0.25 + d, 0.25 + d]) for d in (0.02, 0.08, 0.15)]
    values = [population_stability_index(expected, actual) for actual in shifted]
    assert 0 < values[0] < values[1] < values[2]


def test_psi_matches_its_formula_and_is_symmetric():
    expected, actual = np.array([0.5, 0.3, 0.2]), np.array([0.3, 0.3, 0.4])
    by_hand = float(np.sum((actual - expected) * np.log(actual / expected)))
    assert population_stability_index(expected, actual) == pytest.approx(by_hand)
    assert population_stability_index(actual, expected) == pytest.approx(by_hand)


def test_psi_handles_empty_bins_with_epsilon():
    expected, actual = np.array([0.5, 0.5, 0.0]), np.array([0.4, 0.4, 0.2])
    value = population_stability_index(expected, actual)
    assert np.isfinite(value) and value > 0
    # A larger floor for the empty bin means a smaller (less extreme) index.
    assert population_stability_index(expected, actual, epsilon=0.01) < value


@pytest.mark.parametrize(
    ("expected", "actual", "message"),
    [
        ([], [], "non-empty"),
        ([0.5, 0.5], [0.2, 0.3, 0.5], "one share per bin"),
        ([30, 70], [40, 60], "sum to 1"),
        ([0.5, 0.5], [1.2, -0.2], "non-negative"),
        ([0.5, np.nan], [0.5, 0.5], "finite"),
    ],
)
def test_psi_rejects_bad_shares(expected, actual, message):
    with pytest.raises(ValueError, match=message):
        population_stability_index(expected, actual)


def test_psi_rejects_a_non_positive_epsilon():
    with pytest.raises(ValueError, match="epsilon"):
        population_stability_index([0.5, 0.5], [0.5, 0.5], epsilon=0)


# ---------------------------------------------------------------- binning and shares


def test_decile_shares_cut_the_reference_in_tenths(reference):
    expected, actual = decile_shares(reference["amount"], reference["amount"] * 10)
    assert len(expected) == len(actual) == 10
    assert np.allclose(expected, 0.1, atol=0.005)
    assert actual.sum() == pytest.approx(1.0)
    # Open ends: values far above the reference's maximum still land in the last bin.
    assert actual[-1] > 0.5


def test_decile_shares_of_a_constant_reference_use_two_bins():
    expected, actual = decile_shares(pd.Series([3.0] * 10), pd.Series([1.0, 3.0, 5.0, 7.0]))
    assert expected.tolist() == [0.0, 1.0] and actual.tolist() == [0.25, 0.75]


def test_category_shares_align_on_the_union_of_seen_categories():
    reference = pd.Series(["web", "web", "in_store", "in_store"])
    current = pd.Series(["web", "mobile_app", "mobile_app", "mobile_app"])
    categories, counts = category_counts(reference, current)
    assert categories == ["in_store", "mobile_app", "web"]
    assert counts.tolist() == [[2, 0, 2], [0, 3, 1]]
    expected, actual = category_shares(reference, current)
    assert expected.tolist() == [0.5, 0.0, 0.5] and actual.tolist() == [0.0, 0.75, 0.25]


@pytest.mark.parametrize("function", [decile_shares, category_shares, category_counts])
def test_shares_reject_empty_or_missing_values(function):
    with pytest.raises(ValueError, match="current is empty"):
        function(pd.Series([1, 2, 3]), pd.Series([], dtype=float))
    with pytest.raises(ValueError, match="reference holds 1 missing"):
        function(pd.Series([1, None, 3]), pd.Series([1, 2]))


# ---------------------------------------------------------------- drift rows


def test_numeric_drift_reports_the_notebook_keys(reference):
    row = numeric_drift(reference["amount"], reference["amount"])
    assert set(row) == {
        "ks_statistic",
        "ks_pvalue",
        "wasserstein_distance",
        "population_stability_index",
    }
    assert row["ks_statistic"] == 0 and row["ks_pvalue"] == 1.0
    assert row["wasserstein_distance"] == 0 and row["population_stability_index"] == 0


def test_numeric_drift_sees_a_shifted_column(reference):
    row = numeric_drift(reference["amount"], reference["amount"] * 2)
    assert row["ks_pvalue"] < 1e-6 and row["population_stability_index"] > 0.2


def test_categorical_drift_reports_the_notebook_keys_and_bounds(reference):
    same = categorical_drift(reference["channel"], reference["channel"])
    assert set(same) == {
        "chi_squared_statistic",
        "chi_squared_pvalue",
        "js_distance",
        "tv_distance",
        "l_infinity_distance",
        "population_stability_index",
    }
    assert same["js_distance"] == 0 and same["tv_distance"] == 0
    assert same["population_stability_index"] == 0


def test_js_distance_lies_between_zero_and_one():
    web, app = pd.Series(["web"] * 50), pd.Series(["mobile_app"] * 50)
    disjoint = categorical_drift(web, app)  # no category in common: the maximum
    assert disjoint["js_distance"] == pytest.approx(1.0)
    assert disjoint["tv_distance"] == pytest.approx(1.0)
    mixed = categorical_drift(web, pd.concat([web, app]))
    assert 0 < mixed["js_distance"] < 1
    assert mixed["l_infinity_distance"] == pytest.approx(0.5)


# ---------------------------------------------------------------- drift score


def test_drift_score_stays_below_one_on_the_same_distribution(reference):
    current = make_transactions(3_000, seed=2)
    assert drift_score(reference, current, NUMERIC, CATEGORICAL) < 0.5


def test_drift_score_crosses_one_on_a_clearly_drifted_frame(reference):
    current = make_transactions(3_000, seed=2, drift="covariate")
    assert drift_score(reference, current, NUMERIC, CATEGORICAL) >= 1.0


def test_drift_score_is_the_largest_ratio_to_its_threshold(reference):
    current = make_transactions(3_000, seed=2, drift="covariate")
    psi = population_stability_index(*decile_shares(reference["amount"], current["amount"]))
    assert drift_score(reference, current, ["amount"], []) == pytest.approx(psi / 0.2)
    assert drift_score(reference, current, ["amount"], [], psi_threshold=0.4) == pytest.approx(
        psi / 0.4
    )


def test_drift_score_rejects_bad_frames(reference):
    with pytest.raises(ValueError, match="current_frame is empty"):
        drift_score(reference, reference.iloc[:0], NUMERIC, CATEGORICAL)
    with pytest.raises(ValueError, match="lacks the monitored columns"):
        drift_score(reference, reference.drop(columns="amount"), NUMERIC, CATEGORICAL)
    with pytest.raises(ValueError, match="at least one"):
        drift_score(reference, reference, [], [])
    with pytest.raises(ValueError, match="threshold"):
        drift_score(reference, reference, NUMERIC, CATEGORICAL, js_threshold=0)


# ---------------------------------------------------------------- the monitoring scenario


def test_the_schedule_is_the_one_the_notebooks_describe():
    kinds = [drift_kind(week) for week in range(N_WEEKS)]
    assert (
        kinds == ["stable"] * 4 + ["covariate"] * 2 + ["stable", "prior", "slice"] + ["concept"] * 3
    )
    assert STABLE_WEEKS == (0, 1, 2, 3, 6)
    assert SCHEDULE[7][1] == {"drift": "prior", "fraud_rate": 0.12}


def test_scenario_weeks_are_deterministic():
    pd.testing.assert_frame_equal(scenario_week(8, rows=1_000), scenario_week(8, rows=1_000))
    weeks = scenario_weeks(3, rows=500)
    assert list(weeks) == [0, 1, 2]
    assert all(frame["week"].eq(week).all() for week, frame in weeks.items())
    assert weeks[1]["window_start"].iloc[0] == pd.Timestamp("2025-01-13", tz="UTC")
    assert "prediction" not in weeks[0]  # unscored: each notebook scores with its model


def test_week_7_is_a_fraud_wave():
    assert scenario_week(7)["is_fraud"].mean() == pytest.approx(0.12, abs=0.005)


def test_week_8_breaks_device_age_for_half_of_mobile_app_rows_only():
    zeros = scenario_week(8).assign(zero=lambda f: f["device_age_days"].eq(0))
    share = zeros.groupby("channel")["zero"].mean()
    assert share["mobile_app"] == pytest.approx(0.5, abs=0.05)
    assert share["in_store"] < 0.02 and share["web"] < 0.02
    before = scenario_week(3).assign(zero=lambda f: f["device_age_days"].eq(0))
    assert before.groupby("channel")["zero"].mean()["mobile_app"] < 0.02


@pytest.mark.parametrize("week", [-1, 12, 2.0])
def test_scenario_rejects_weeks_outside_the_scenario(week):
    with pytest.raises(ValueError, match="week must be an integer from 0 to 11"):
        scenario_week(week)
