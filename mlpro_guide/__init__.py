"""Shared plumbing for the ML Professional study guide.

The teaching code lives in the notebooks; this package holds what several notebooks and
the book build share: the synthetic fraud data (:mod:`.fraud_data`), a private MLflow store
and model server per notebook (:mod:`.sandbox`), the exam objectives
(:mod:`.objectives`), the question banks (:mod:`.questions`), the quiz renderer
(:mod:`.quiz`), figure styling (:mod:`.figures`), the standard fraud model
(:mod:`.models`), drift statistics and the 12-week monitoring scenario (:mod:`.drift`,
:mod:`.monitoring_scenario`), the promotion gate as one function
(:mod:`.promotion_gate`), and the Sphinx extension that renders quizzes and the exam map
in the book (:mod:`.sphinx_ext`).
"""

from .quiz import show_quiz

__all__ = ["show_quiz"]
__version__ = "1.0.0"
