"""The readiness estimate: how much of this guide's question material a learner already gets
right, per exam domain and weighted by the exam's domain weights, with an honest interval.

The browser computes the same numbers with ``site/assets/readiness.js`` (a test runs it in
Node and compares it with this module); the method, step by step:

1. **Data.** Per domain, the learner's *first* answers to questions they had not seen
   before (a question counts once, by its earliest answer anywhere in the guide): ``right``
   of ``total``.
2. **Posterior per domain.** A weak uniform prior, Beta(1, 1), updated with the answers:
   Beta(1 + right, 1 + total - right). Its mean is the estimated share correct.
3. **80% interval per domain.** The exact 10% and 90% quantiles of that Beta distribution,
   found by bisection on the regularised incomplete beta function (evaluated with the
   continued fraction of Numerical Recipes, section 6.4, and a Lanczos log-gamma).
4. **Weighted estimate.** The exam's weights (44 / 44 / 12) applied to the domain means;
   its interval is a normal approximation of the weighted sum of the independent Betas:
   mean +/- 1.2816 standard deviations (the 10% and 90% points of a normal
   distribution), the variance being the sum of weight squared times each Beta's variance,
   clipped to 0-100%.
5. **What narrows it.** Adding answers one at a time, each to the domain whose extra answer
   shrinks the weighted variance most (assuming further answers keep each domain's current
   mean), until the interval is within +/- :data:`TARGET_HALF_WIDTH` of its centre: the
   number of further unseen questions to answer in each domain.

This is an estimate of the share of *this guide's* questions a learner gets right first
time; it is not a prediction of the official exam, whose pass mark Databricks does not
publish (the guide's 70% is its own target).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

PRIOR = (1.0, 1.0)
"""Beta(1, 1): a uniform, weak prior (worth two answers)."""
LEVEL = 0.8
"""The interval's coverage: 80%, from the 10% to the 90% quantile."""
Z_80 = 1.2815515655446004
"""The 90% point of the standard normal distribution (two-sided 80%)."""
TARGET_HALF_WIDTH = 0.05
"""The weighted interval is 'narrow enough' within five percentage points of its centre."""
MAX_MORE = 1000
"""The most further answers :func:`more_answers` adds before it gives up."""
EXAM_WEIGHTS = {"1": 44, "2": 44, "3": 12}
"""The exam guide's domain weights in percent (also in ``exam/objectives.yml``)."""

_LANCZOS = (
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7,
)


def log_gamma(x: float) -> float:
    """ln Gamma(x) for x > 0 (Lanczos, g = 7, nine coefficients; the JS uses the same)."""
    if x < 0.5:
        return math.log(math.pi / math.sin(math.pi * x)) - log_gamma(1 - x)
    x -= 1
    total = _LANCZOS[0]
    t = x + 7.5
    for i in range(1, 9):
        total += _LANCZOS[i] / (x + i)
    return 0.5 * math.log(2 * math.pi) + (x + 0.5) * math.log(t) - t + math.log(total)


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 301):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return h


def beta_cdf(x: float, a: float, b: float) -> float:
    """The regularised incomplete beta function I_x(a, b): P(X <= x) for X ~ Beta(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        log_gamma(a + b) - log_gamma(a) - log_gamma(b) + a * math.log(x) + b * math.log(1 - x)
    )
    front = math.exp(log_front)
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1 - front * _beta_fraction(b, a, 1 - x) / b


def beta_quantile(p: float, a: float, b: float) -> float:
    """The ``p`` quantile of Beta(a, b), by 100 bisection steps on :func:`beta_cdf`."""
    low, high = 0.0, 1.0
    for _ in range(100):
        middle = (low + high) / 2
        if beta_cdf(middle, a, b) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2


@dataclass(frozen=True)
class DomainEstimate:
    """One domain: the answers counted and the posterior's mean and 80% interval."""

    domain: str
    weight: float
    right: int
    total: int
    mean: float
    low: float
    high: float
    variance: float


@dataclass(frozen=True)
class Readiness:
    """Every domain's estimate, the weighted estimate with its interval, and how many more
    unseen questions per domain would bring the interval within the target width."""

    domains: tuple[DomainEstimate, ...]
    mean: float
    low: float
    high: float
    more: dict[str, int]


def domain_estimate(domain: str, weight: float, right: int, total: int) -> DomainEstimate:
    """Beta posterior of one domain from ``right`` of ``total`` first answers."""
    if not 0 <= right <= total:
        raise ValueError(f"domain {domain}: {right} right of {total} answers is impossible")
    a, b = PRIOR[0] + right, PRIOR[1] + total - right
    tail = (1 - LEVEL) / 2
    return DomainEstimate(
        domain=domain,
        weight=weight,
        right=right,
        total=total,
        mean=a / (a + b),
        low=beta_quantile(tail, a, b),
        high=beta_quantile(1 - tail, a, b),
        variance=a * b / ((a + b) ** 2 * (a + b + 1)),
    )


def _shares(weights: dict[str, float]) -> dict[str, float]:
    total = sum(weights.values())
    if total <= 0:
        raise ValueError(f"domain weights must add up to more than zero: {weights}")
    return {domain: weight / total for domain, weight in weights.items()}


def more_answers(domains: tuple[DomainEstimate, ...], weights: dict[str, float]) -> dict[str, int]:
    """Further unseen questions per domain that bring the weighted interval within
    +/- :data:`TARGET_HALF_WIDTH` (greedy: each extra answer goes to the domain where it
    shrinks the weighted variance most, ties to the first domain); domains needing none
    are left out. Further answers are assumed to keep each domain's current mean."""
    shares = _shares(weights)
    added = {d.domain: 0 for d in domains}

    def variance(d: DomainEstimate, extra: int) -> float:
        size = PRIOR[0] + PRIOR[1] + d.total + extra
        return shares[d.domain] ** 2 * d.mean * (1 - d.mean) / (size + 1)

    limit = (TARGET_HALF_WIDTH / Z_80) ** 2
    for _ in range(MAX_MORE):
        if sum(variance(d, added[d.domain]) for d in domains) <= limit:
            break
        best = max(
            domains,
            key=lambda d: variance(d, added[d.domain]) - variance(d, added[d.domain] + 1),
        )
        added[best.domain] += 1
    return {domain: count for domain, count in added.items() if count}


def readiness(
    counts: dict[str, tuple[int, int]], weights: dict[str, float] | None = None
) -> Readiness:
    """The estimate from ``counts``: domain id -> (right, total) first answers on unseen
    questions; a domain missing from ``counts`` has no answers yet (the prior alone)."""
    weights = EXAM_WEIGHTS if weights is None else weights
    unknown = sorted(set(counts) - set(weights))
    if unknown:
        raise ValueError(f"answers for unknown domains {unknown}; known: {sorted(weights)}")
    shares = _shares(weights)
    domains = tuple(
        domain_estimate(domain, weights[domain], *counts.get(domain, (0, 0))) for domain in weights
    )
    mean = sum(shares[d.domain] * d.mean for d in domains)
    spread = Z_80 * math.sqrt(sum(shares[d.domain] ** 2 * d.variance for d in domains))
    return Readiness(
        domains=domains,
        mean=mean,
        low=max(0.0, mean - spread),
        high=min(1.0, mean + spread),
        more=more_answers(domains, weights),
    )
