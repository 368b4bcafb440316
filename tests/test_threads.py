"""The thread settings every notebook kernel inherits from the tests and the book build."""

from __future__ import annotations

import os

from mlpro_guide.lab.threads import OPENMP_WAIT, THREAD_VARIABLES, set_thread_defaults


def test_threads_are_capped_and_idle_openmp_threads_sleep():
    environ: dict[str, str] = {}
    set_thread_defaults(environ, 2)
    assert {environ[variable] for variable in THREAD_VARIABLES} == {"2"}
    assert environ["OMP_WAIT_POLICY"] == "PASSIVE"


def test_a_value_the_learner_set_is_kept():
    environ = {"OMP_NUM_THREADS": "8", "OMP_WAIT_POLICY": "ACTIVE"}
    set_thread_defaults(environ, 2)
    assert environ["OMP_NUM_THREADS"] == "8"
    assert environ["OMP_WAIT_POLICY"] == "ACTIVE"
    assert environ["OPENBLAS_NUM_THREADS"] == "2"


def test_the_notebook_runs_of_this_session_inherit_the_settings():
    """The root conftest.py applies them before any kernel starts (a value set before
    the run is kept)."""
    for variable in [*THREAD_VARIABLES, *OPENMP_WAIT]:
        assert variable in os.environ
