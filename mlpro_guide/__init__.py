"""Shared plumbing for the ML Professional study guide.

The teaching code lives in the notebooks; this package holds what several notebooks and
the book build share.

Lab code the notebooks import: the synthetic fraud data (:mod:`.fraud_data`), a private
MLflow store and model server per notebook (:mod:`.sandbox`), the local Spark session
(:mod:`.spark_session`), the standard fraud model (:mod:`.models`), drift statistics and
the 12-week monitoring scenario (:mod:`.drift`, :mod:`.monitoring_scenario`), the
promotion gate as one function (:mod:`.promotion_gate`) and figure styling
(:mod:`.figures`).

The book's machinery: the exam objectives (:mod:`.objectives`), the question banks
(:mod:`.questions`), the quiz renderer (:mod:`.quiz`) and its shuffled answer order
(:mod:`.answer_order`), the check of quoted MLflow calls against the pinned MLflow
(:mod:`.api_check`), the pages' verification dates and cited sources (:mod:`.sources`),
and the Sphinx extension that renders quizzes, the exam map and the Sources page
(:mod:`.sphinx_ext`).
"""

from .notebook_outputs import short_tracebacks
from .quiz import show_quiz

# In a notebook kernel, errors shown on purpose read as type and message (see
# notebook_outputs.short_tracebacks); elsewhere this does nothing.
short_tracebacks()

__all__ = ["show_quiz"]
__version__ = "1.0.0"
