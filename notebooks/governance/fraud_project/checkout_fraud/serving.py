"""The served model: raw request rows in, ``fraud_probability`` out.

The model is an MLflow pyfunc that calls the same ``build_features`` as training. It is
logged with this package as ``code_paths``, so the serving process imports exactly the
code that was tested, whatever is installed where it runs.
"""

from __future__ import annotations

from pathlib import Path

import mlflow
import pandas as pd
from mlflow.models import infer_signature

from .features import RAW_COLUMNS, build_features

PACKAGE_DIR = Path(__file__).resolve().parent
NUMERIC_RAW_COLUMNS = ("amount", "device_age_days", "customer_tenure_days")


class FraudScorer(mlflow.pyfunc.PythonModel):
    """Wraps a fitted pipeline; ``predict`` builds the features from raw rows first."""

    def __init__(self, pipeline):
        self.pipeline = pipeline

    def predict(self, context, model_input: pd.DataFrame, params=None) -> pd.DataFrame:
        features = build_features(model_input)
        scores = self.pipeline.predict_proba(features)[:, 1]
        return pd.DataFrame({"fraud_probability": scores})


def as_request_rows(raw: pd.DataFrame) -> pd.DataFrame:
    """Raw rows as the checkout service sends them: timestamps as ISO 8601 strings."""
    rows = raw[list(RAW_COLUMNS)].copy()
    # Numbers travel as floats, so a missing value (JSON null) fits the signature.
    for column in NUMERIC_RAW_COLUMNS:
        rows[column] = rows[column].astype("float64")
    if pd.api.types.is_datetime64_any_dtype(rows["timestamp"]):
        rows["timestamp"] = rows["timestamp"].map(lambda stamp: stamp.isoformat())
    return rows.reset_index(drop=True)


def log_scorer(pipeline, example: pd.DataFrame, requirements: list[str], **kwargs):
    """Log the pyfunc with its signature, an input example and this package as code.

    ``kwargs`` go to ``mlflow.pyfunc.log_model`` (``registered_model_name``...).
    """
    rows = as_request_rows(example)
    scorer = FraudScorer(pipeline)
    signature = infer_signature(rows, scorer.predict(None, rows))
    return mlflow.pyfunc.log_model(
        name="scorer",
        python_model=scorer,
        code_paths=[str(PACKAGE_DIR)],
        signature=signature,
        input_example=rows.head(3),
        pip_requirements=requirements,
        **kwargs,
    )
