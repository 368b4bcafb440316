"""The exam and the question banks as data, with the checks that keep them honest.

The exam objectives (:mod:`.objectives`), the question banks and their validation
(:mod:`.questions`), the shuffled, balanced answer order (:mod:`.answer_order`), the
balance of the banks over the objectives (:mod:`.bank_balance`), the fixed practice forms
(:mod:`.practice`), which pages teach and test each objective (:mod:`.exam_map`), the
glossary (:mod:`.glossary`), the pages' verification dates and cited sources
(:mod:`.sources`) and the check of quoted MLflow calls against the pinned MLflow
(:mod:`.api_check`).

This package may use the repository paths of :mod:`mlpro_guide.lab.paths`; it never
imports :mod:`mlpro_guide.site` (an import-linter contract in ``pyproject.toml`` checks
it).
"""
