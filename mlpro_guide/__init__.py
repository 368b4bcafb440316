"""Shared plumbing for the ML Professional study guide.

The teaching code lives in the notebooks; this package holds what several notebooks and
the book build share, in three subpackages that import only downwards:

* :mod:`.lab`: what the notebooks import (fraud data, models, MLflow sandbox and model
  server, Spark session, auth server, drift and the monitoring scenario, canary, parity,
  promotion gate, figures, paths and thread caps);
* :mod:`.content`: the exam objectives, the question banks and their validation, answer
  order, bank balance, practice forms, exam map, glossary, sources and the check of
  quoted MLflow calls;
* :mod:`.site`: the Sphinx extension, the quiz renderer and the site's JavaScript and
  CSS.

``site`` may import ``content`` and ``lab``; ``content`` may import ``lab``; ``lab``
imports neither (import-linter contracts in ``pyproject.toml``). Notebooks import
:mod:`.lab` and, for their quiz, :func:`show_quiz` from this package.
"""

from .lab.notebook_outputs import short_tracebacks
from .site.quiz import show_quiz

# In a notebook kernel, errors shown on purpose read as type and message (see
# lab.notebook_outputs.short_tracebacks); elsewhere this does nothing.
short_tracebacks()

__all__ = ["show_quiz"]
__version__ = "1.0.0"
