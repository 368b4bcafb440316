"""Train and evaluate the checkout fraud model on raw transactions."""

from __future__ import annotations

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from .features import CATEGORICAL_FEATURES, NUMERIC_FEATURES, build_features

LABEL = "is_fraud"


def make_pipeline() -> Pipeline:
    """Scaled numeric features and one-hot categories into a logistic regression."""
    encode = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    columns = ColumnTransformer(
        [
            ("numeric", StandardScaler(), list(NUMERIC_FEATURES)),
            ("categorical", encode, list(CATEGORICAL_FEATURES)),
        ]
    )
    return Pipeline([("features", columns), ("model", LogisticRegression(max_iter=1_000))])


def train(raw: pd.DataFrame) -> Pipeline:
    """Fit the pipeline on raw transactions (features are built here, not by the caller)."""
    return make_pipeline().fit(build_features(raw), raw[LABEL])


def fraud_probability(model: Pipeline, raw: pd.DataFrame) -> pd.Series:
    """The offline prediction: fraud probability for each raw row."""
    scores = model.predict_proba(build_features(raw))[:, 1]
    return pd.Series(scores, index=raw.index, name="fraud_probability")


def evaluate(model: Pipeline, raw: pd.DataFrame) -> dict[str, float]:
    """ROC AUC and the fraud rate of a labelled holdout."""
    auc = roc_auc_score(raw[LABEL], fraud_probability(model, raw))
    return {"roc_auc": float(auc), "fraud_rate": float(raw[LABEL].mean())}
