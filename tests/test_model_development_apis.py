"""Every library call the model-development pages and notebooks quote exists in the
installed versions with the parameters we show (Ray, Optuna's MLflow integrations,
MLflow evaluation and runs), so the text cannot drift from the pinned libraries."""

from __future__ import annotations

import importlib
import importlib.util
import inspect

import pytest

QUOTED = {
    "ray:init": ["num_cpus", "include_dashboard", "log_to_driver", "logging_level"],
    "ray:shutdown": [],
    "ray.tune:Tuner": ["param_space", "tune_config", "run_config"],
    "ray.tune:TuneConfig": [
        "metric", "mode", "scheduler", "num_samples", "search_alg",
        "max_concurrent_trials", "reuse_actors",
    ],
    "ray.tune:RunConfig": ["storage_path", "name", "verbose"],
    "ray.tune:report": ["metrics"],
    "ray.tune:with_parameters": [],
    "ray.tune:loguniform": [],
    "ray.tune:lograndint": [],
    "ray.tune:choice": [],
    "ray.tune.schedulers:ASHAScheduler": ["max_t", "grace_period", "reduction_factor"],
    "ray.tune.search:BasicVariantGenerator": ["random_state"],
    "ray.tune:ResultGrid.get_best_result": ["metric", "mode", "scope"],
    "ray.util.spark:setup_ray_cluster": ["max_worker_nodes"],
    "ray.util.spark:shutdown_ray_cluster": [],
    "mlflow.optuna.storage:MlflowStorage": ["experiment_id"],
    "mlflow.pyspark.optuna.study:MlflowSparkStudy": [
        "study_name", "storage", "sampler", "pruner", "mlflow_tracking_uri", "direction",
    ],
    "mlflow.pyspark.optuna.study:MlflowSparkStudy.optimize": ["n_trials", "n_jobs"],
    "mlflow.models:make_metric": ["eval_fn", "greater_is_better", "name"],
    "mlflow.models:evaluate": ["data", "predictions", "targets", "extra_metrics"],
    "mlflow:start_run": ["nested", "parent_run_id", "run_id"],
    "mlflow.pyfunc:log_model": [
        "name", "python_model", "artifacts", "code_paths", "signature", "input_example",
        "pip_requirements", "registered_model_name",
    ],
    "mlflow:log_table": ["data", "artifact_file"],
    "mlflow:log_figure": ["figure", "artifact_file"],
    "mlflow:log_dict": ["dictionary", "artifact_file"],
    "mlflow:log_text": ["text", "artifact_file"],
    "optuna:load_study": ["study_name", "storage", "sampler", "pruner"],
    "optuna.trial:Trial.report": ["value", "step"],
    "optuna.trial:Trial.should_prune": [],
    "ray.air.integrations.mlflow:setup_mlflow": [
        "config", "tracking_uri", "experiment_id", "tracking_token",
    ],
    "mlflow.utils.databricks_utils:get_databricks_env_vars": ["tracking_uri"],
    "xgboost.spark:SparkXGBClassifier": [
        "features_col", "label_col", "num_workers", "device", "weight_col",
        "validation_indicator_col", "probability_col", "raw_prediction_col",
    ],
    "xgboost.spark:SparkXGBRegressor": ["features_col", "label_col", "num_workers"],
    "pyspark.ml.torch.distributor:TorchDistributor": [
        "num_processes", "local_mode", "use_gpu",
    ],
    "pyspark.ml.torch.distributor:TorchDistributor.run": ["train_object"],
    "pyspark.ml.deepspeed.deepspeed_distributor:DeepspeedTorchDistributor": [
        "numGpus", "nnodes", "localMode", "useGpu", "deepspeedConfig",
    ],
    "pyspark.sql:GroupedData.cogroup": ["other"],
    "pyspark.sql.pandas.group_ops:PandasCogroupedOps.applyInPandas": ["func", "schema"],
}  # fmt: skip

# Metric and option names the model-development pages quote, each checked against the
# documentation string of the installed parameter that lists the allowed values.
QUOTED_PARAM_VALUES = {
    "pyspark.ml.evaluation:BinaryClassificationEvaluator.metricName": [
        "areaUnderROC", "areaUnderPR",
    ],
    "pyspark.ml.evaluation:MulticlassClassificationEvaluator.metricName": [
        "f1", "accuracy", "weightedPrecision", "weightedRecall", "weightedFMeasure",
        "precisionByLabel", "recallByLabel", "fMeasureByLabel",
        "truePositiveRateByLabel", "logLoss",
    ],
    "pyspark.ml.evaluation:MulticlassClassificationEvaluator.metricLabel": [
        "recallByLabel", "precisionByLabel",
    ],
    "pyspark.ml.evaluation:RegressionEvaluator.metricName": [
        "rmse", "mse", "r2", "mae", "var",
    ],
    "pyspark.ml.feature:Imputer.strategy": ["mean", "median", "mode"],
    "pyspark.ml.feature:VectorAssembler.handleInvalid": ["skip", "error", "keep"],
    "pyspark.ml.feature:StringIndexer.stringOrderType": ["frequencyDesc"],
}  # fmt: skip


def _resolve(target: str):
    module_name, _, attribute_path = target.partition(":")
    found = importlib.import_module(module_name)
    for part in attribute_path.split("."):
        found = getattr(found, part)
    return found


@pytest.mark.parametrize("target", sorted(QUOTED))
def test_a_quoted_call_exists_with_the_quoted_parameters(target):
    found = _resolve(target)
    parameters = inspect.signature(found).parameters
    missing = [name for name in QUOTED[target] if name not in parameters]
    assert not missing, f"{target} has no parameter(s) {missing}: {list(parameters)}"


@pytest.mark.parametrize("target", sorted(QUOTED_PARAM_VALUES))
def test_a_quoted_metric_or_option_name_is_one_the_installed_parameter_lists(target):
    documented = _resolve(target).doc
    missing = [name for name in QUOTED_PARAM_VALUES[target] if name not in documented]
    assert not missing, f"{target} does not list {missing}: {documented}"


def test_torch_distributor_defaults_are_the_ones_the_page_warns_about():
    from pyspark.ml.torch.distributor import TorchDistributor

    defaults = {
        name: parameter.default
        for name, parameter in inspect.signature(TorchDistributor).parameters.items()
    }
    assert defaults["num_processes"] == 1
    assert defaults["local_mode"] is True
    assert defaults["use_gpu"] is True


def test_sparkdl_xgboost_is_not_what_the_guide_installs():
    assert importlib.util.find_spec("sparkdl") is None
    assert importlib.util.find_spec("xgboost.spark") is not None
