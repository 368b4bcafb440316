"""The schedule of "Review my mistakes" (mlpro_guide/site/assets/review-schedule.js, run in
Node): a missed question comes back after 1, 3, 7 and 14 days, a wrong answer starts it
again, an early answer changes nothing, and day arithmetic crosses months and years."""

from __future__ import annotations

from pathlib import Path

import pytest

from .node_assets import run_asset

HERE = Path(__file__).parent
SCRIPT = HERE.parent / "mlpro_guide" / "site" / "assets" / "review-schedule.js"


def run(expression: str, timezone: str = "UTC"):
    return run_asset(SCRIPT, expression, env={"TZ": timezone, "PATH": "/usr/bin:/bin"})


def test_the_intervals_are_1_3_7_and_14_days():
    assert run("mlproSchedule.INTERVALS") == [1, 3, 7, 14]


def test_a_missed_question_is_due_the_next_day():
    entry = run("mlproSchedule.missed('2026-11-20T10:00:00.000Z', 'exam', 'promotion')")
    assert entry == {
        "missedAt": "2026-11-20T10:00:00.000Z",
        "source": "exam",
        "bank": "promotion",
        "step": 0,
        "due": "2026-11-21",
    }


def test_correct_answers_on_the_due_days_expand_the_interval_then_end_it():
    steps = run(
        """(() => {
          const S = mlproSchedule, out = [];
          let e = S.missed('2026-11-20T10:00:00Z', 'self-check', 'b');
          for (const day of ['2026-11-21', '2026-11-24', '2026-12-01', '2026-12-15']) {
            e = S.answeredCorrectly(e, day + 'T09:00:00Z');
            out.push(e && [e.step, e.due]);
          }
          return out;
        })()"""
    )
    assert steps == [[1, "2026-11-24"], [2, "2026-12-01"], [3, "2026-12-15"], None]


def test_a_correct_answer_before_the_due_day_changes_nothing():
    result = run(
        """(() => {
          const S = mlproSchedule;
          const missed = S.missed('2026-11-20T10:00:00Z', 'exam');
          const e = S.answeredCorrectly(missed, '2026-11-21T09:00:00Z');
          return [S.answeredCorrectly(e, '2026-11-23T23:00:00Z'), e];
        })()"""
    )
    assert result[0] == result[1] and result[0]["due"] == "2026-11-24"


def test_a_late_correct_answer_counts_from_the_day_it_is_given():
    entry = run(
        "mlproSchedule.answeredCorrectly(mlproSchedule.missed('2026-11-20T10:00:00Z', 'x'),"
        " '2026-11-30T10:00:00Z')"
    )
    assert (entry["step"], entry["due"]) == (1, "2026-12-03")


def test_due_means_on_or_after_the_due_day():
    assert run(
        "['2026-11-20', '2026-11-21', '2026-11-22'].map(d => "
        "mlproSchedule.isDue(mlproSchedule.missed('2026-11-20T10:00:00Z', 'x'), d))"
    ) == [False, True, True]


def test_an_entry_saved_before_the_schedule_is_due_the_day_after_it_was_missed():
    assert run("mlproSchedule.normalised({missedAt: '2026-11-20T10:00:00Z', correctDays: []})") == {
        "step": 0,
        "due": "2026-11-21",
    }


def test_days_are_the_learners_local_calendar_days():
    assert run("mlproSchedule.dayOf('2026-11-20T23:30:00Z')", "UTC") == "2026-11-20"
    assert run("mlproSchedule.dayOf('2026-11-20T23:30:00Z')", "Europe/Berlin") == "2026-11-21"


@pytest.mark.parametrize(
    ("day", "days", "expected"),
    [
        ("2026-11-28", 3, "2026-12-01"),
        ("2026-12-25", 14, "2027-01-08"),
        ("2028-02-27", 3, "2028-03-01"),
        ("2026-03-28", 1, "2026-03-29"),  # the night clocks change in Europe
    ],
)
def test_adding_days_crosses_months_years_and_clock_changes(day, days, expected):
    assert run(f"mlproSchedule.addDays('{day}', {days})", "Europe/Berlin") == expected
