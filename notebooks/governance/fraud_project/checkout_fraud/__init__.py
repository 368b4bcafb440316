"""Checkout fraud scoring: features, training and the served model, as importable code.

Notebooks import these modules instead of defining the logic in cells, so that the same
code is unit-tested (``tests/unit``), run by CI in every environment and shipped with the
served model (``code_paths``).
"""

__version__ = "1.0.0"
