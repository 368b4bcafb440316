"""How alike two questions are: near-duplicates ask one fact in one situation twice.

Each question becomes a bag of content words (stem, best answer and explanation), weighted
by TF-IDF over all the banks, so words every question uses ("model", "team") count little
and the words that name a situation and its answer count a lot. :func:`similar_pairs`
lists the pairs whose cosine similarity reaches a threshold; the test of the banks fails
on any such pair that is not in :data:`REVIEWED_PAIRS`, where two questions that look
alike but ask different judgements are listed with the difference.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from .questions import Question

THRESHOLD = 0.40
"""Pairs at or above this cosine similarity need a look (see the module docstring)."""

REVIEWED_PAIRS: dict[frozenset[str], str] = {
    frozenset({"md3-26", "md3-27"}): (
        "an extra callback on a study already stored in MLflow, against a small single-node"
        " search that needs no distributed study"
    ),
    frozenset({"md2-11", "md3-25"}): (
        "where the trials run when each fits a SparkML model, against sharing one study"
        " between notebooks"
    ),
    frozenset({"md3-25", "md3-26"}): (
        "sharing one study between notebooks, against what a stored study already logs"
    ),
    frozenset({"dep2-07", "governance-02"}): (
        "the grants to register a new model, against the grants to load one for scoring"
    ),
    frozenset({"monitoring-08", "mon2-15"}): (
        "how to define a rate and its change, against where a custom drift metric is stored"
    ),
    frozenset({"monitoring-08", "mon2-13"}): (
        "aggregate plus drift metric, against a derived metric built from two aggregates"
    ),
    frozenset({"mon2-13", "mon2-15"}): (
        "which metric type computes a ratio, against which table holds a drift metric"
    ),
    frozenset({"model-development-10", "md2-02"}): (
        "what autologging records for a search, against the fitted model it does not log"
    ),
    frozenset({"governance-36", "governance-39"}): (
        "where and when the end-to-end test runs, against which tests gate a pull request"
    ),
    frozenset({"governance-37", "governance-39"}): (
        "what runs in production after a release, against what gates a pull request"
    ),
    frozenset({"model-development-32", "md2-11"}): (
        "single-node trials spread over the cluster, against a distributed fit per trial"
    ),
    frozenset({"governance-33", "governance-36"}): (
        "a slow, flaky test in the unit suite, against where the end-to-end test runs"
    ),
    frozenset({"governance-01", "promotion-05"}): (
        "who should own the model and move aliases, against who is allowed to today"
    ),
    frozenset({"model-development-40", "promotion-03"}): (
        "querying the trials of one sweep, against choosing the version to register"
    ),
    frozenset({"governance-36", "pro2-01"}): (
        "where the end-to-end test runs, against why staging and production metrics differ"
    ),
    frozenset({"dep2-05", "rem2-01"}): (
        "latency from undersized capacity (resize), against errors that need a rollback"
    ),
    frozenset({"feature-consistency-06", "fcq-09"}): (
        "how a served model gets features, against whether publishing needs a re-logged model"
    ),
    frozenset({"model-development-36", "md2-21"}): (
        "starting Ray on the workers at all, against sharing the workers with Spark jobs"
    ),
    frozenset({"monitoring-10", "mon2-16"}): (
        "how to alert on drift metrics, against why a parameterised query's alert stays quiet"
    ),
    frozenset({"mon-cost-1", "mon-slice-1"}): (
        "cutting the cost of a high-cardinality slice, against a predicate slice for a subset"
    ),
    frozenset({"governance-33", "pro2-01"}): (
        "a slow test in the wrong suite, against metrics of a sample and of full data"
    ),
    frozenset({"md3-25", "md3-27"}): (
        "several processes that must share one study, against one short single-process "
        "study where logging trials as runs is enough"
    ),
}
"""Pairs above the threshold that ask different judgements, with the difference."""

_WORD = re.compile(r"[a-z][a-z0-9_]+")
_STOP = frozenset(
    """
    about after again also among another because been before being between both could does
    doing down during each every from have having here into itself just more most only
    other over same should some such than that their them then there these they this those
    through under until very were what when where which while will with would your the and
    for are but not you can its was has how why who all any one two use uses used
    """.split()
)


def words(text: str) -> list[str]:
    """Lower-case content words of three or more letters."""
    return [w for w in _WORD.findall(text.lower()) if len(w) >= 3 and w not in _STOP]


def question_text(question: Question) -> str:
    """What identifies a question's fact and situation: stem, best answer, explanation."""
    best = question.options[question.answer_index].text
    return f"{question.stem} {best} {question.explanation}"


def similarity_matrix(questions: list[Question]) -> dict[tuple[str, str], float]:
    """Cosine similarity of the TF-IDF vectors of every pair of ``questions``."""
    bags = [Counter(words(question_text(q))) for q in questions]
    df = Counter(w for bag in bags for w in bag)
    n = len(questions)
    vectors = []
    for bag in bags:
        vector = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})
    out = {}
    for i, a in enumerate(vectors):
        for j in range(i + 1, n):
            b = vectors[j]
            small, large = (a, b) if len(a) < len(b) else (b, a)
            out[questions[i].id, questions[j].id] = sum(
                v * large.get(w, 0.0) for w, v in small.items()
            )
    return out


def similar_pairs(
    questions: Iterable[Question], threshold: float = THRESHOLD
) -> list[tuple[float, str, str]]:
    """Pairs at or above ``threshold``, most similar first, reviewed pairs left out."""
    scores = similarity_matrix(list(questions))
    return sorted(
        (
            (round(score, 3), a, b)
            for (a, b), score in scores.items()
            if score >= threshold and frozenset({a, b}) not in REVIEWED_PAIRS
        ),
        reverse=True,
    )
