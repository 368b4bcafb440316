"""The guide's standard fraud model and a fast, complete way to log it with MLflow.

Chapters that are *about* something else (deployment, monitoring) need a trained model as
a starting point; this is it. The promotion chapter shows the same logging step by step.
"""

from __future__ import annotations

import importlib.metadata
import warnings

import mlflow
import numpy as np
import pandas as pd
from mlflow.models import infer_signature
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from .fraud_data import CATEGORICAL_FEATURES, FEATURE_COLUMNS, NUMERIC_FEATURES

# Types skops must be told to trust when it reloads these pipelines (MLflow 3 saves
# scikit-learn models with skops, which refuses unknown types by default).
SKOPS_TRUSTED_TYPES = [
    "sklearn.tree._tree.Tree",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.Interval",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "numpy.log1p",
    "numpy.ufunc",
    "sklearn.calibration._CalibratedClassifier",  # a recalibrated pipeline
    "sklearn.calibration._SigmoidCalibration",
]


def build_fraud_pipeline(kind: str = "logistic", **params) -> Pipeline:
    """A scikit-learn pipeline from the raw feature columns to a fraud probability.

    ``kind`` is ``"logistic"`` (scaled log features + one-hot categories) or
    ``"boosting"`` (histogram gradient boosting); ``params`` go to the estimator.
    """
    categorical = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    if kind == "logistic":
        numeric = Pipeline([("log", FunctionTransformer(np.log1p)), ("scale", StandardScaler())])
        estimator = LogisticRegression(max_iter=1_000, **params)
    elif kind == "boosting":
        numeric = "passthrough"
        estimator = HistGradientBoostingClassifier(random_state=0, **params)
    else:
        raise ValueError(f"kind must be 'logistic' or 'boosting', not {kind!r}")
    features = ColumnTransformer(
        [
            ("numeric", numeric, list(NUMERIC_FEATURES)),
            ("categorical", categorical, list(CATEGORICAL_FEATURES)),
        ]
    )
    return Pipeline([("features", features), ("model", estimator)])


def pinned_requirements(*packages: str) -> list[str]:
    """``name==version`` for installed packages, to log instead of slow inference."""
    names = packages or ("mlflow", "scikit-learn", "pandas", "numpy", "scipy", "skops")
    return [f"{name}=={importlib.metadata.version(name)}" for name in names]


def log_fraud_model(
    model: Pipeline,
    input_example: pd.DataFrame,
    *,
    name: str = "model",
    registered_model_name: str | None = None,
):
    """Log a fitted pipeline with signature, input example and pinned requirements.

    The logged model's pyfunc ``predict`` returns ``predict_proba``: column 1 is the
    fraud probability. Returns MLflow's ``ModelInfo`` (``model_uri``,
    ``registered_model_version``...).
    Passing ``pip_requirements`` skips MLflow's 5-10 s requirement inference.
    """
    example = input_example[list(FEATURE_COLUMNS)].head(5)
    with warnings.catch_warnings():
        # MLflow hints that integer columns cannot hold missing values; ours never do.
        warnings.filterwarnings("ignore", message=".*integer column", category=UserWarning)
        signature = infer_signature(example, model.predict_proba(example))
        return _log(model, name, signature, example, registered_model_name)


def _log(model, name, signature, example, registered_model_name):
    return mlflow.sklearn.log_model(
        model,
        name=name,
        signature=signature,
        input_example=example,
        pip_requirements=pinned_requirements(),
        registered_model_name=registered_model_name,
        skops_trusted_types=SKOPS_TRUSTED_TYPES,
        pyfunc_predict_fn="predict_proba",
    )
