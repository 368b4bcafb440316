"""Every MLflow and Databricks client call the guide quotes exists in the pinned package
(MLflow, databricks-feature-engineering, databricks-sdk), with the keyword arguments it is
quoted with (and, for the Databricks clients, every required one), and is not a deprecated
form: in the pages' code blocks and inline code, in the notebooks, and in the question
banks. The checker is shown to catch the mistakes that once slipped into the guide."""

from __future__ import annotations

import textwrap
import time

import pytest

from mlpro_guide.content.api_check import (
    ALLOWED_MODULES,
    check_all,
    check_bank,
    check_markdown,
    check_notebook,
)

from .conftest import REPO_ROOT
from .test_question_banks import GOOD_QUESTION, variant, write_bank


def _key(finding):
    return (str(finding.path.relative_to(REPO_ROOT)), finding.call)


@pytest.fixture(scope="module")
def findings():
    """All findings, and the CPU seconds the check took (CPU, not wall time: on a shared
    two-core machine the wall clock measures the neighbours)."""
    started = time.process_time()
    found = check_all(REPO_ROOT)
    return found, time.process_time() - started


def test_no_quoted_call_is_missing_or_deprecated(findings):
    found, _ = findings
    assert [str(f) for f in found] == []


def test_the_check_is_fast(findings):
    _, seconds = findings
    assert seconds < 10


def page(tmp_path, body: str):
    path = tmp_path / "page.md"
    path.write_text("---\nobjectives: []\n---\n# A page\n\n" + textwrap.dedent(body))
    return path


def problems(findings) -> list[str]:
    return [str(f) for f in findings]


def test_a_removed_keyword_and_a_deprecated_form_in_a_code_block_are_caught(tmp_path):
    path = page(
        tmp_path,
        """\
        Compare the candidate with the champion:

        ```python
        import mlflow
        from mlflow.deployments import get_deploy_client

        result = mlflow.models.evaluate(candidate, data, baseline_model=champion)
        client = get_deploy_client("databricks")
        client.create_endpoint(name="fraud", config={"served_entities": []})
        ```
        """,
    )
    found = problems(check_markdown(path))
    assert any(
        "line 12: `mlflow.models.evaluate(..., ..., baseline_model=...)`" in f
        and "unexpected keyword argument 'baseline_model'" in f
        for f in found
    ), found
    assert any(
        "line 14: `client.create_endpoint(name=..., config=...)`" in f
        and "(name=...) is deprecated" in f
        for f in found
    ), found
    assert all(str(path) in f for f in found)


def test_names_are_followed_into_blocks_and_rebound_by_loops(tmp_path):
    path = page(
        tmp_path,
        """\
        ```python
        try:
            client = mlflow.deployments.get_deploy_client("databricks")
            client.create_endpoint(name="fraud", config={"config": {}})
        finally:
            pass
        for client in fake_clients:
            client.anything_at_all(x=1)
        ```
        """,
    )
    found = problems(check_markdown(path))
    assert len(found) == 1 and "line 9" in found[0] and "(name=...)" in found[0], found


def test_the_current_create_endpoint_form_passes(tmp_path):
    path = page(
        tmp_path,
        """\
        ```python
        from mlflow.deployments import get_deploy_client

        client = get_deploy_client("databricks")
        client.create_endpoint(
            config={"name": "fraud", "config": {"served_entities": []}}
        )
        client.predict(endpoint="fraud", inputs={"dataframe_split": {}})
        ```
        """,
    )
    assert problems(check_markdown(path)) == []


def test_the_legacy_payload_without_a_nested_config_is_caught(tmp_path):
    path = page(
        tmp_path,
        """\
        ```python
        client = mlflow.deployments.get_deploy_client("databricks")
        client.create_endpoint(config={"name": "fraud", "served_entities": []})
        ```
        """,
    )
    assert any("legacy payload" in f for f in problems(check_markdown(path)))


@pytest.mark.parametrize(
    "quote, expected",
    [
        ("`mlflow.models.evaluate(..., baseline_model=...)`", "'baseline_model'"),
        ("`create_endpoint(name=..., config=...)`", "(name=...) is deprecated"),
        ("`mlflow.log_metricz`", "mlflow.log_metricz does not exist"),
        ("`MlflowClient.set_model_alias`", "set_model_alias does not exist"),
        ("`client.set_alias(name, 'champion', 3)`", "has no method 'set_alias'"),
        ("`client.get_latest_versions(name)`", "is deprecated"),
        ("`mlflow.pyfunc.log_model(artifact_path=...)`", "(artifact_path=...) is deprecated"),
        ("`mlflow.start_run(nested=True, parent=...)`", "'parent'"),
    ],
)
def test_an_inline_quote_in_prose_is_checked(tmp_path, quote, expected):
    path = page(tmp_path, f"Call {quote} to do it.\n")
    found = problems(check_markdown(path))
    assert any(expected in f and "line 6" in f for f in found), found


def test_a_quote_in_a_paragraph_that_calls_it_legacy_is_not_reported(tmp_path):
    path = page(
        tmp_path,
        """\
        `mlflow.models.evaluate(..., baseline_model=...)` was removed in MLflow 3, and
        `client.transition_model_version_stage(name, version, "Production")` is the
        legacy stage API.
        """,
    )
    assert problems(check_markdown(path)) == []


def test_a_call_attributed_to_an_older_mlflow_is_not_reported(tmp_path):
    path = page(
        tmp_path,
        """\
        A gate written for MLflow 2 called
        `mlflow.evaluate(candidate, data, baseline_model=champion)`; it fails today.
        """,
    )
    assert problems(check_markdown(path)) == []


def test_a_code_line_whose_comment_calls_it_deprecated_is_not_reported(tmp_path):
    path = page(
        tmp_path,
        """\
        ```python
        client = MlflowClient()
        client.transition_model_version_stage("m", 1, "Production")  # deprecated
        ```
        """,
    )
    assert problems(check_markdown(path)) == []


def test_current_calls_and_tag_keys_pass(tmp_path):
    path = page(
        tmp_path,
        """\
        Log with `mlflow.log_input(ds, context="training")` inside
        `mlflow.start_run(nested=True)`, filter on `tags.mlflow.parentRunId`, read the
        commit from `mlflow.source.git.commit`, then
        `MlflowClient().set_registered_model_alias(name, "champion", 3)` and
        `mlflow.validate_evaluation_results(thresholds, candidate_result, baseline_result)`.
        The CLI `mlflow models serve -m models:/m@champion` is not Python.
        """,
    )
    assert problems(check_markdown(path)) == []


def test_legacy_modules_on_the_allow_list_are_not_checked(tmp_path):
    assert all(reason.strip() for reason in ALLOWED_MODULES.values())
    path = page(
        tmp_path,
        """\
        ```python
        from databricks.feature_store import FeatureStoreClient

        FeatureStoreClient().anything(at_all=1)  # the legacy workspace client
        ```
        """,
    )
    assert problems(check_markdown(path)) == []


def test_current_feature_engineering_calls_pass(tmp_path):
    path = page(
        tmp_path,
        """\
        ```python
        import mlflow
        from databricks.feature_engineering import (
            FeatureEngineeringClient,
            FeatureFunction,
            FeatureLookup,
        )

        fe = FeatureEngineeringClient()
        training_set = fe.create_training_set(
            df=events,
            feature_lookups=[
                FeatureLookup(
                    table_name="ml.fraud.card_features",
                    lookup_key="card_id",
                    timestamp_lookup_key="event_ts",
                ),
                FeatureFunction(udf_name="ml.fraud.amount_ratio", output_name="r"),
            ],
            label="is_fraud",
        )
        fe.log_model(
            model=model,
            artifact_path="model",
            flavor=mlflow.sklearn,
            training_set=training_set,
            registered_model_name="ml.fraud.model",
        )
        ```

        Then `fe.score_batch(model_uri=..., df=...)`.
        """,
    )
    assert problems(check_markdown(path)) == []


def test_fe_log_model_without_artifact_path_is_caught(tmp_path):
    """``artifact_path`` is keyword-only and required in the pinned client; MLflow's own
    ``log_model`` moved to ``name=``, the Feature Engineering client did not."""
    path = page(
        tmp_path,
        "Log it with `fe.log_model(model=..., flavor=..., training_set=...)`.\n",
    )
    found = problems(check_markdown(path))
    assert len(found) == 1, found
    assert "requires artifact_path=" in found[0]
    assert "databricks-feature-engineering 0.18.2" in found[0]


def test_fe_log_model_with_mlflows_name_keyword_is_caught(tmp_path):
    path = page(
        tmp_path,
        "```python\nfe.log_model(model=m, name='model', flavor=mlflow.sklearn)\n```\n",
    )
    found = problems(check_markdown(path))
    assert any("requires artifact_path=" in f for f in found), found
    assert any("mlflow.sklearn.save_model, which has no parameter 'name'" in f for f in found)


@pytest.mark.parametrize(
    "quote, expected",
    [
        ("`fe.create_training_set(df=..., lookups=[...])`", "(lookups=...)"),
        ("`FeatureLookup(table_name=..., lookup_key=..., as_of=...)`", "as_of=..."),
        ("`fe.score_batches(model_uri=..., df=...)`", "no method 'score_batches'"),
        ("`fe.write_table(name=t, df=d, merge=True)`", "merge"),
        ("`FeatureFunction(udf=..., output_name=...)`", "udf"),
        ("`WorkspaceClient().serving_endpoints.create_endpoint(...)`", "create_endpoint"),
        ("`w.serving_endpoints.update_config(name=..., entity_version=3)`", "entity_version"),
    ],
)
def test_a_wrong_databricks_client_call_is_caught(tmp_path, quote, expected):
    path = page(tmp_path, f"Call {quote} to do it.\n")
    found = problems(check_markdown(path))
    assert any(expected in f and "line 6" in f for f in found), found


def test_sdk_classes_are_checked_through_their_imports(tmp_path):
    path = page(
        tmp_path,
        """\
        ```python
        from databricks.sdk.service import dataquality

        config = dataquality.InferenceLogConfig(
            problem_type=dataquality.InferenceProblemType.INFERENCE_PROBLEM_TYPE_CLASSIFICATION,
            timestamp_column="ts",
            granularities=[dataquality.AggregationGranularity.AGGREGATION_GRANULARITY_1_DAY],
            prediction_column="prediction",
            model_id_column="model_version",
            label_col="label",
        )
        ```
        """,
    )
    found = problems(check_markdown(path))
    assert len(found) == 1 and "'label_col'" in found[0], found


def test_the_coverage_counts_calls_per_pinned_package():
    counts: dict[str, int] = {}
    check_all(REPO_ROOT, counts)
    assert counts["MLflow"] > 100
    assert counts["databricks-feature-engineering 0.18.2"] > 10


def test_a_databricks_module_off_the_allow_list_is_reported(tmp_path):
    path = page(tmp_path, "```python\nfrom databricks.vector_search import Client\n```\n")
    assert any("not on the allow-list" in f for f in problems(check_markdown(path)))


def test_a_code_block_that_is_not_python_is_reported(tmp_path):
    path = page(tmp_path, "```python\nclient.predict(endpoint=\n```\n")
    assert any("not valid Python" in f for f in problems(check_markdown(path)))


def test_questions_are_checked_except_their_wrong_options(tmp_path):
    options = [dict(o) for o in GOOD_QUESTION["options"]]
    options[0]["text"] = "Pass `mlflow.models.evaluate(..., baseline_model=...)`."
    options[1]["text"] = "Call `client.transition_model_version_stage(n, v, 'Production')`."
    bank = write_bank(tmp_path, [variant(options=options)])
    found = problems(check_bank(bank))
    assert len(found) == 1, found
    assert "'baseline_model'" in found[0] and "question demo-01" in found[0]
    assert f"{bank}: line " in found[0]


def test_notebook_cells_are_checked_except_those_that_fail_on_purpose(tmp_path):
    import json

    def cell(kind, source, tags=()):
        return {"cell_type": kind, "metadata": {"tags": list(tags)}, "source": source}

    path = tmp_path / "demo.ipynb"
    cells = [
        cell("markdown", "Use `mlflow.models.evaluate(..., baseline_model=...)`."),
        cell("code", "import mlflow\nmlflow.log_metricz('a', 1)"),
        cell("code", "mlflow.models.evaluate(m, d, baseline_model=b)", ["raises-exception"]),
    ]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}))
    found = problems(check_notebook(path))
    assert len(found) == 2, found
    assert "cell 1, line 1" in found[0] and "cell 2, line 2" in found[1]
