"""The readiness estimate (mlpro_guide/content/readiness.py): exact Beta intervals checked
against scipy, the weighted estimate and its interval, how many more answers narrow it,
and the page's script (site/assets/readiness.js) giving the same numbers in Node."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from scipy.stats import beta

from mlpro_guide.content.objectives import exam_objectives
from mlpro_guide.content.readiness import (
    EXAM_WEIGHTS,
    TARGET_HALF_WIDTH,
    Z_80,
    beta_cdf,
    beta_quantile,
    domain_estimate,
    readiness,
)

from .node_assets import run_asset

HERE = Path(__file__).parent
SCRIPT = HERE.parent / "mlpro_guide" / "site" / "assets" / "readiness.js"
CASES = [
    {},
    {"1": (0, 1)},
    {"1": (7, 10), "2": (5, 10), "3": (2, 3)},
    {"1": (14, 20), "2": (10, 20), "3": (4, 5)},
    {"1": (20, 20), "2": (0, 20)},
    {"1": (70, 100), "2": (72, 100), "3": (20, 25)},
    {"1": (180, 240), "2": (150, 230), "3": (55, 64)},
]


@pytest.mark.parametrize("a", [1, 2, 3, 9, 31, 121, 241])
@pytest.mark.parametrize("b", [1, 2, 5, 12, 61, 181])
def test_beta_cdf_and_quantiles_match_scipy(a, b):
    for x in (0.05, 0.3, 0.5, 0.7, 0.95):
        assert beta_cdf(x, a, b) == pytest.approx(beta.cdf(x, a, b), abs=1e-12)
    for p in (0.1, 0.5, 0.9):
        assert beta_quantile(p, a, b) == pytest.approx(beta.ppf(p, a, b), abs=1e-10)


def test_no_answers_give_the_uniform_prior_and_its_80_percent_interval():
    estimate = domain_estimate("1", 44, 0, 0)
    assert estimate.mean == 0.5
    assert estimate.low == pytest.approx(0.1, abs=1e-12)
    assert estimate.high == pytest.approx(0.9, abs=1e-12)


def test_eight_of_ten_right_is_a_beta_9_3_posterior():
    estimate = domain_estimate("2", 44, 8, 10)
    assert estimate.mean == pytest.approx(9 / 12)
    assert estimate.low == pytest.approx(0.58484, abs=5e-6)  # scipy: beta.ppf(0.1, 9, 3)
    assert estimate.high == pytest.approx(0.89523, abs=5e-6)  # beta.ppf(0.9, 9, 3)
    assert estimate.variance == pytest.approx(9 * 3 / (12**2 * 13))


def test_the_weighted_estimate_uses_the_exam_weights_and_a_normal_interval():
    result = readiness({"1": (8, 10), "2": (4, 10), "3": (1, 3)})
    means = {"1": 9 / 12, "2": 5 / 12, "3": 2 / 5}
    assert result.mean == pytest.approx(0.44 * means["1"] + 0.44 * means["2"] + 0.12 * means["3"])
    variances = {
        d: beta.var(1 + r, 1 + t - r)
        for d, (r, t) in {"1": (8, 10), "2": (4, 10), "3": (1, 3)}.items()
    }
    spread = Z_80 * math.sqrt(sum((EXAM_WEIGHTS[d] / 100) ** 2 * v for d, v in variances.items()))
    assert result.low == pytest.approx(result.mean - spread)
    assert result.high == pytest.approx(result.mean + spread)


def test_the_interval_narrows_as_answers_come_in():
    widths = [
        readiness({"1": (7 * n, 10 * n), "2": (7 * n, 10 * n), "3": (2 * n, 3 * n)})
        for n in (1, 3, 10)
    ]
    assert widths[0].high - widths[0].low > widths[1].high - widths[1].low
    assert widths[1].high - widths[1].low > widths[2].high - widths[2].low


def test_more_answers_are_asked_where_they_narrow_the_interval_most():
    result = readiness({"1": (30, 40), "2": (3, 4), "3": (2, 3)})
    assert set(result.more) >= {"2"}
    assert result.more["2"] > result.more.get("1", 0)  # domain 2 is the least known
    narrow = readiness({"1": (150, 200), "2": (150, 200), "3": (40, 50)})
    assert narrow.more == {}
    assert narrow.high - narrow.low <= 2 * TARGET_HALF_WIDTH


def test_the_suggested_answers_do_bring_the_interval_within_the_target():
    counts = {"1": (14, 20), "2": (10, 20), "3": (4, 5)}
    result = readiness(counts)
    assert result.more
    shares = {d: w / 100 for d, w in EXAM_WEIGHTS.items()}
    means = {d.domain: d.mean for d in result.domains}
    variance = sum(
        shares[d] ** 2 * means[d] * (1 - means[d]) / (2 + counts[d][1] + result.more.get(d, 0) + 1)
        for d in shares
    )
    assert Z_80 * math.sqrt(variance) <= TARGET_HALF_WIDTH


def test_the_weights_are_the_exam_guides():
    assert EXAM_WEIGHTS == {d: w for d, _, w in exam_objectives().domains}


@pytest.mark.parametrize("bad", [{"1": (5, 4)}, {"1": (-1, 3)}, {"9": (1, 2)}])
def test_impossible_counts_are_refused_with_the_domain_named(bad):
    with pytest.raises(ValueError, match="domain"):
        readiness(bad)


def js_readiness(cases: list[dict]) -> list[dict]:
    weights = [[d, w] for d, w in EXAM_WEIGHTS.items()]
    js_cases = [{d: list(c) for d, c in case.items()} for case in cases]
    expression = (
        f"{json.dumps(js_cases)}.map(c => mlproReadiness.readiness(c, {json.dumps(weights)}))"
    )
    return run_asset(SCRIPT, expression)


def test_the_page_script_gives_the_same_numbers_as_the_python_module():
    for case, js in zip(CASES, js_readiness(CASES), strict=True):
        py = readiness(case)
        assert js["mean"] == pytest.approx(py.mean, abs=1e-12), case
        assert js["low"] == pytest.approx(py.low, abs=1e-12), case
        assert js["high"] == pytest.approx(py.high, abs=1e-12), case
        assert js["more"] == py.more, case
        for jd, pd in zip(js["domains"], py.domains, strict=True):
            assert jd["domain"] == pd.domain
            for field in ("mean", "low", "high", "variance"):
                assert jd[field] == pytest.approx(getattr(pd, field), abs=1e-12), (case, field)
