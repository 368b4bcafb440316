"""Synthetic card transactions for the guide's running example: checkout fraud scoring.

Every chapter uses the same data so that a learner meets one story, not six. The data is
generated (never downloaded), deterministic for a seed, and has known mechanisms, so a
notebook can inject a drift at a known week and then check that it is detected.

Columns of :func:`make_transactions`:

``transaction_id`` (str)
    Unique id, ``tx-<seed>-<n>``.
``customer_id`` (str)
    One of ``n_customers`` customers; a customer keeps the same tenure and age band.
``timestamp`` (datetime64[ns, UTC])
    When the card was presented, spread uniformly over ``days`` days from ``start``.
``amount`` (float)
    Basket value in euros (log-normal).
``merchant_category`` (str)
    ``grocery``, ``electronics``, ``travel``, ``fashion``, ``digital_goods``.
``channel`` (str)
    ``in_store``, ``web``, ``mobile_app``.
``country`` (str)
    Issuing-country match: ``domestic`` or one of ``EU``, ``non_EU``.
``device_age_days`` (int)
    How long the device or card terminal has been seen for this customer.
``customer_tenure_days`` (int)
    Days since the customer opened the account.
``age_band`` (str)
    ``18-29``, ``30-59``, ``60+``: a sensitive attribute kept for fairness reviews; the
    label mechanism does not use it, but it is correlated with tenure and channel.
``is_fraud`` (int)
    The label: 1 for a fraudulent transaction (about 4% in the reference data).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

DriftKind = Literal["covariate", "prior", "concept"]

MERCHANT_CATEGORIES = ("grocery", "electronics", "travel", "fashion", "digital_goods")
CHANNELS = ("in_store", "web", "mobile_app")
COUNTRIES = ("domestic", "EU", "non_EU")
AGE_BANDS = ("18-29", "30-59", "60+")
FEATURE_COLUMNS = (
    "amount",
    "merchant_category",
    "channel",
    "country",
    "device_age_days",
    "customer_tenure_days",
)
NUMERIC_FEATURES = ("amount", "device_age_days", "customer_tenure_days")
CATEGORICAL_FEATURES = ("merchant_category", "channel", "country")
LABEL_COLUMN = "is_fraud"
SENSITIVE_COLUMN = "age_band"

_BASE_MERCHANT_P = (0.40, 0.15, 0.10, 0.20, 0.15)
_BASE_CHANNEL_P = (0.45, 0.30, 0.25)
_BASE_COUNTRY_P = (0.85, 0.10, 0.05)
# Covariate drift: a marketing campaign moves spending online, to electronics and to
# new devices, with larger baskets. The fraud mechanism itself does not change.
_DRIFT_MERCHANT_P = (0.25, 0.35, 0.10, 0.15, 0.15)
_DRIFT_CHANNEL_P = (0.20, 0.45, 0.35)
_DRIFT_COUNTRY_P = (0.75, 0.15, 0.10)


def _fraud_logit(frame: pd.DataFrame, concept: float) -> np.ndarray:
    """Log-odds of fraud given the features.

    ``concept`` (0 = reference, 1 = fully drifted) blends in a new fraud pattern: small
    "card testing" purchases of digital goods on old devices, while the old signal of
    large electronics baskets on brand-new devices fades.
    """
    log_amount = np.log(frame["amount"].to_numpy())
    new_device = (frame["device_age_days"].to_numpy() < 14).astype(float)
    online = frame["channel"].isin(["web", "mobile_app"]).to_numpy().astype(float)
    foreign = frame["country"].map({"domestic": 0.0, "EU": 0.8, "non_EU": 1.6}).to_numpy()
    young_account = (frame["customer_tenure_days"].to_numpy() < 90).astype(float)
    electronics = (frame["merchant_category"] == "electronics").to_numpy().astype(float)
    digital = (frame["merchant_category"] == "digital_goods").to_numpy().astype(float)

    reference = (
        -6.3
        + 0.55 * log_amount
        + 1.4 * new_device
        + 0.7 * online
        + foreign
        + 0.9 * young_account
        + 0.8 * electronics
    )
    drifted = -3.0 - 0.45 * log_amount + 2.2 * digital + 0.6 * online + 0.5 * foreign
    return (1.0 - concept) * reference + concept * drifted


def _draw_features(rng: np.random.Generator, n_rows: int, covariate: float, n_customers: int):
    """Draw customer and transaction attributes; ``covariate`` in [0, 1] blends in drift."""
    mix = lambda base, drift: (1 - covariate) * np.array(base) + covariate * np.array(drift)  # noqa: E731
    customer_index = rng.integers(0, n_customers, size=n_rows)
    # Customer-level attributes come from a generator seeded only by the customer count,
    # so the same customer has the same tenure and age band in every window.
    customer_rng = np.random.default_rng(10_000 + n_customers)
    age_band_of = customer_rng.choice(len(AGE_BANDS), size=n_customers, p=(0.25, 0.55, 0.20))
    tenure_scale = np.array([250.0, 900.0, 1800.0])[age_band_of]
    tenure_of = np.ceil(customer_rng.exponential(tenure_scale)).astype(int)

    channel_p = mix(_BASE_CHANNEL_P, _DRIFT_CHANNEL_P)
    frame = pd.DataFrame(
        {
            "customer_index": customer_index,
            "amount": np.round(
                rng.lognormal(mean=3.4 + 0.5 * covariate, sigma=0.9, size=n_rows), 2
            ).clip(0.5, None),
            "merchant_category": rng.choice(
                MERCHANT_CATEGORIES, size=n_rows, p=mix(_BASE_MERCHANT_P, _DRIFT_MERCHANT_P)
            ),
            "country": rng.choice(COUNTRIES, size=n_rows, p=mix(_BASE_COUNTRY_P, _DRIFT_COUNTRY_P)),
            "device_age_days": rng.geometric(1 / (200 - 120 * covariate), size=n_rows) - 1,
            "customer_tenure_days": tenure_of[customer_index],
            "age_band": np.array(AGE_BANDS)[age_band_of[customer_index]],
        }
    )
    # Older customers shop in store more often: this is what makes fairness reviews
    # meaningful even though the label mechanism never looks at the age band.
    older = frame["age_band"].eq("60+").to_numpy()
    channel = rng.choice(CHANNELS, size=n_rows, p=channel_p)
    in_store_boost = rng.random(n_rows) < 0.35
    channel[older & in_store_boost] = "in_store"
    frame["channel"] = channel
    return frame


def make_transactions(
    n_rows: int = 20_000,
    *,
    seed: int = 42,
    start: str = "2025-01-06",
    days: int = 28,
    n_customers: int = 4_000,
    drift: DriftKind | None = None,
    drift_strength: float = 1.0,
    fraud_rate: float | None = None,
) -> pd.DataFrame:
    """Generate ``n_rows`` card transactions, sorted by time.

    Parameters
    ----------
    n_rows:
        Number of transactions.
    seed:
        Seed of the random generator; the same arguments give the same frame.
    start, days:
        The window covered: timestamps are uniform in ``[start, start + days)`` (UTC).
    n_customers:
        Size of the customer base (customer attributes are fixed per customer).
    drift:
        ``None`` for reference data, or the kind of drift to inject:

        * ``"covariate"``: P(x) changes (more online, electronics, new devices, larger
          baskets), P(y | x) does not;
        * ``"prior"``: P(y) changes (fraud rate ``fraud_rate``, default 3x reference)
          while P(x | y) does not;
        * ``"concept"``: P(y | x) changes (a new fraud pattern), P(x) does not.
    drift_strength:
        Between 0 (no drift) and 1 (full drift), for covariate and concept drift.
    fraud_rate:
        Target fraud rate for prior shift; ignored for other kinds.
    """
    if drift not in (None, "covariate", "prior", "concept"):
        raise ValueError(f"drift must be None, 'covariate', 'prior' or 'concept', not {drift!r}")
    if not 0.0 <= drift_strength <= 1.0:
        raise ValueError(f"drift_strength must be between 0 and 1, not {drift_strength}")
    if n_rows < 1:
        raise ValueError(f"n_rows must be positive, not {n_rows}")
    rng = np.random.default_rng(seed)
    covariate = drift_strength if drift == "covariate" else 0.0
    concept = drift_strength if drift == "concept" else 0.0

    # Prior shift draws a larger pool from the reference mechanism and resamples it to the
    # target fraud rate: P(x | y) stays exactly as in the reference data.
    pool_rows = n_rows * 4 if drift == "prior" else n_rows
    frame = _draw_features(rng, pool_rows, covariate, n_customers)
    probability = 1.0 / (1.0 + np.exp(-_fraud_logit(frame, concept)))
    frame[LABEL_COLUMN] = (rng.random(pool_rows) < probability).astype(int)
    if drift == "prior":
        target = fraud_rate if fraud_rate is not None else 3 * frame[LABEL_COLUMN].mean()
        if not 0.0 < target < 1.0:
            raise ValueError(f"fraud_rate must be between 0 and 1, not {target}")
        n_fraud = int(round(n_rows * target))
        fraud_rows = np.flatnonzero(frame[LABEL_COLUMN].to_numpy() == 1)
        legit_rows = np.flatnonzero(frame[LABEL_COLUMN].to_numpy() == 0)
        chosen = np.concatenate(
            [
                rng.choice(fraud_rows, size=n_fraud, replace=n_fraud > len(fraud_rows)),
                rng.choice(legit_rows, size=n_rows - n_fraud, replace=False),
            ]
        )
        frame = frame.iloc[np.sort(chosen)].reset_index(drop=True)

    begin = pd.Timestamp(start, tz="UTC")
    offsets = np.sort(rng.uniform(0, days * 86_400, size=n_rows))
    frame.insert(0, "timestamp", begin + pd.to_timedelta(offsets, unit="s"))
    frame.insert(0, "customer_id", [f"c{i:05d}" for i in frame.pop("customer_index")])
    frame.insert(0, "transaction_id", [f"tx-{seed}-{i:06d}" for i in range(n_rows)])
    columns = [
        "transaction_id",
        "customer_id",
        "timestamp",
        *FEATURE_COLUMNS,
        SENSITIVE_COLUMN,
        LABEL_COLUMN,
    ]
    return frame[columns]


def weekly_windows(
    n_weeks: int = 12,
    rows_per_week: int = 3_000,
    *,
    seed: int = 42,
    start: str = "2025-01-06",
    drifts: dict[int, DriftKind] | None = None,
) -> pd.DataFrame:
    """Concatenate ``n_weeks`` weekly windows, injecting a drift in chosen weeks.

    ``drifts`` maps a week number (0-based) to a drift kind; that week and every later one
    carry it, as real drifts persist until someone acts. The ``week`` column says which
    window a row belongs to.
    """
    drifts = drifts or {}
    frames = []
    for week in range(n_weeks):
        active = [kind for first, kind in sorted(drifts.items()) if week >= first]
        kind = active[-1] if active else None
        frame = make_transactions(
            rows_per_week,
            seed=seed * 1_000 + week,
            start=str((pd.Timestamp(start) + pd.Timedelta(weeks=week)).date()),
            days=7,
            drift=kind,
        )
        frame.insert(0, "week", week)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def with_upstream_schema_change(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` as a changed upstream system would send it.

    The payments team renames ``amount`` to ``amount_cents``, now an integer number of
    cents, and sends ``device_age_days`` as text. A model whose signature expects the old
    schema must reject such a batch rather than score it silently.
    """
    changed = frame.copy()
    changed["amount_cents"] = (changed.pop("amount") * 100).round().astype("int64")
    changed["device_age_days"] = changed["device_age_days"].astype(str)
    return changed


def train_test_split_by_time(
    frame: pd.DataFrame, test_fraction: float = 0.25
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split by time: the latest ``test_fraction`` of rows is the holdout.

    A random split would let the model see the future; fraud patterns move, so a holdout
    must come after the training data.
    """
    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be between 0 and 1, not {test_fraction}")
    ordered = frame.sort_values("timestamp", kind="stable").reset_index(drop=True)
    cut = int(len(ordered) * (1 - test_fraction))
    return ordered.iloc[:cut].reset_index(drop=True), ordered.iloc[cut:].reset_index(drop=True)
