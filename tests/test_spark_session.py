"""The Spark session helper: which session the environment asks for, how the session
describes itself, and that no Spark notebook uses what Spark Connect lacks.

Notebooks whose behaviour differs on Spark Connect also run over a real Spark Connect
server (``tests/test_spark_connect_runs.py``); these tests need no JVM.
"""

from __future__ import annotations

import contextlib
import re

import nbformat
import pytest

from mlpro_guide.lab import spark_session
from mlpro_guide.lab.spark_session import (
    SparkTarget,
    describe_session,
    needs_classic_spark,
    spark_target,
)

from .conftest import REPO_ROOT

# What the Spark Connect client does not offer: the driver's SparkContext and what hangs
# off it (RDDs, broadcast variables, accumulators), and the py4j handles to the JVM.
# (The broadcast join hint, pyspark.sql.functions.broadcast, works on Spark Connect.)
CLASSIC_ONLY = re.compile(
    r"\bsparkContext\b|\bSparkContext\b|\.rdd\b|\bparallelize\(|\bsc\.broadcast\("
    r"|\baccumulator\(|\._jvm\b|\._jsc\b|\._jdf\b|\._jsparkSession\b"
)


def spark_notebooks():
    return sorted(
        path
        for path in (REPO_ROOT / "notebooks").rglob("*.ipynb")
        if ".ipynb_checkpoints" not in path.parts
        and "start_local_spark" in path.read_text(encoding="utf-8")
    )


def test_no_variable_means_classic_local_spark():
    target = spark_target({})
    assert target == SparkTarget("local")
    assert not target.is_connect and target.on_this_machine


def test_a_local_spark_remote_starts_a_connect_server_on_this_machine():
    target = spark_target({"SPARK_REMOTE": "local[2]"})
    assert target == SparkTarget("connect-local", "local[2]")
    assert target.is_connect and target.on_this_machine


def test_a_remote_address_is_a_connect_server_elsewhere():
    target = spark_target({"SPARK_REMOTE": "sc://spark.example.internal:15002"})
    assert target.kind == "connect" and not target.on_this_machine


def test_databricks_variables_choose_databricks_connect_only_when_it_is_installed(
    monkeypatch,
):
    environment = {"DATABRICKS_CONFIG_PROFILE": "dev"}
    monkeypatch.setattr(spark_session, "_has_databricks_connect", lambda: False)
    assert spark_target(environment).kind == "local"
    monkeypatch.setattr(spark_session, "_has_databricks_connect", lambda: True)
    assert spark_target(environment).kind == "databricks"
    # An explicit Spark Connect address wins over the Databricks profile.
    both = dict(environment, SPARK_REMOTE="local[2]")
    assert spark_target(both).kind == "connect-local"


class _Conf:
    def get(self, key, default=None):
        return {"spark.master": "local[2]"}.get(key, default)


class ClassicSession:
    version = "4.3.0"
    conf = _Conf()


class ConnectSession:
    version = "4.3.0"


ConnectSession.__module__ = "pyspark.sql.connect.session"


def test_a_classic_session_says_it_is_local(monkeypatch):
    monkeypatch.delenv("SPARK_REMOTE", raising=False)
    monkeypatch.delenv("SPARK_CONNECT_MODE_ENABLED", raising=False)
    text = describe_session(ClassicSession())
    assert text == "Spark 4.3.0, classic local session (local[2]) on this machine"


def test_a_remote_address_is_shown_without_its_token(monkeypatch):
    monkeypatch.setenv("SPARK_REMOTE", "sc://spark.example.internal:443/;token=secret")
    text = describe_session(ConnectSession())
    assert "sc://spark.example.internal:443/" in text and "secret" not in text


def test_a_step_that_needs_classic_spark_is_skipped_with_a_message(capsys, monkeypatch):
    monkeypatch.delenv("SPARK_CONNECT_MODE_ENABLED", raising=False)
    assert needs_classic_spark(ClassicSession(), "a listener") is True
    assert capsys.readouterr().out == ""
    assert needs_classic_spark(ConnectSession(), "a listener") is False
    assert capsys.readouterr().out == "Skipped on Spark Connect: a listener\n"


def test_the_spark_notebooks_are_found():
    names = {path.stem for path in spark_notebooks()}
    assert {"sparkml_pipeline", "one_model_per_group", "spark_scale_out"} <= names


@pytest.mark.parametrize(
    "notebook", spark_notebooks(), ids=lambda path: path.relative_to(REPO_ROOT).as_posix()
)
def test_spark_notebooks_use_only_what_spark_connect_offers(notebook):
    """A code cell may use a classic-only API only behind ``needs_classic_spark``."""
    offending = []
    for index, cell in enumerate(nbformat.read(notebook, as_version=4).cells):
        if cell.cell_type != "code" or "needs_classic_spark(" in cell.source:
            continue
        code = "\n".join(line.split("#", 1)[0] for line in cell.source.splitlines())
        offending += [f"cell {index}: {m.group(0)}" for m in CLASSIC_ONLY.finditer(code)]
    assert not offending, offending


class _RecordedContext:
    def setLogLevel(self, level):  # noqa: N802 (PySpark's name)
        self.level = level


class _RecordedSession:
    """What ``_classic_session`` returns here: no JVM, only the settings it was given."""

    def __init__(self, settings):
        self.settings = settings
        self.sparkContext = _RecordedContext()
        self.stopped = False

    def stop(self):
        self.stopped = True


def test_spark_processes_started_after_the_session_get_short_lived_jvm_options(
    monkeypatch, tmp_path
):
    monkeypatch.delenv("SPARK_REMOTE", raising=False)
    monkeypatch.delenv(spark_session.SUBMIT_ARGS_VARIABLE, raising=False)
    _without_a_jvm(monkeypatch)
    spark = spark_session._start_on_this_machine(SparkTarget("local"), "test", tmp_path, 2, {})
    assert "spark.driver.extraJavaOptions" not in spark.settings
    child_args = spark_session.os.environ[spark_session.SUBMIT_ARGS_VARIABLE]
    options = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    assert f"--driver-java-options '{options}'" in child_args
    assert "spark.ui.enabled=false" in child_args and child_args.endswith("pyspark-shell")
    spark_session.stop_local_spark(spark)
    assert spark.stopped
    assert spark_session.SUBMIT_ARGS_VARIABLE not in spark_session.os.environ


def test_a_users_own_submit_arguments_are_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("SPARK_REMOTE", raising=False)
    monkeypatch.setenv(spark_session.SUBMIT_ARGS_VARIABLE, "--conf a=b pyspark-shell")
    _without_a_jvm(monkeypatch)
    spark = spark_session._start_on_this_machine(SparkTarget("local"), "test", tmp_path, 2, {})
    spark_session.stop_local_spark(spark)
    assert (
        spark_session.os.environ[spark_session.SUBMIT_ARGS_VARIABLE] == "--conf a=b pyspark-shell"
    )


def _without_a_jvm(monkeypatch):
    """Start "local Spark" without a JVM; the variables the start sets are restored."""
    monkeypatch.setattr(
        spark_session,
        "_classic_session",
        lambda master, app_name, settings: _RecordedSession(settings),
    )
    monkeypatch.setattr(spark_session, "_output_to", lambda path: contextlib.nullcontext())
    for variable in ("SPARK_LOCAL_IP", "PYSPARK_PYTHON"):
        monkeypatch.setenv(variable, "")
