/* When a missed question comes back on "Review my mistakes": after expanding intervals of
   1, 3, 7 and 14 days. A wrong answer (anywhere in the guide) puts the question on the
   list, due the next day; each correct answer on or after its due day moves it to the
   next interval, and a correct answer at the last one takes it off the list. A wrong
   answer starts it again at one day; an answer before the due day changes nothing.

   Days are the learner's local calendar days, "YYYY-MM-DD". No DOM: progress.js uses it
   to record answers and practice-mistakes.js to show when each question comes back; puts
   mlproSchedule on the global object (a test runs it in Node). */
(function (root) {
  "use strict";
  var INTERVALS = [1, 3, 7, 14];

  function two(n) { return (n < 10 ? "0" : "") + n; }

  /* The local calendar day of an ISO time or Date. */
  function dayOf(when) {
    var date = new Date(when);
    return date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate());
  }

  /* The day ``days`` after ``day`` (both "YYYY-MM-DD"); calendar arithmetic, no clock. */
  function addDays(day, days) {
    var parts = day.split("-").map(Number);
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + days));
    return date.getUTCFullYear() + "-" + two(date.getUTCMonth() + 1) + "-" + two(date.getUTCDate());
  }

  /* A mistake entry's step (intervals passed) and due day; entries saved before the
     schedule existed count as missed at missedAt, step 0. */
  function normalised(entry) {
    var step = typeof entry.step === "number" && entry.step >= 0 ? entry.step : 0;
    var due = typeof entry.due === "string" && /^\d{4}-\d{2}-\d{2}$/.test(entry.due)
      ? entry.due : addDays(dayOf(entry.missedAt || 0), INTERVALS[0]);
    return { step: step, due: due };
  }

  /* The entry for a question answered wrongly at ``at``. */
  function missed(at, source, bank) {
    return { missedAt: at, source: source, bank: bank || "", step: 0,
      due: addDays(dayOf(at), INTERVALS[0]) };
  }

  /* The entry after a correct answer at ``at``: unchanged before its due day, moved to
     the next interval on or after it, or null when the last interval is passed. */
  function answeredCorrectly(entry, at) {
    var now = normalised(entry);
    var today = dayOf(at);
    if (today < now.due) { return entry; }
    var step = now.step + 1;
    if (step >= INTERVALS.length) { return null; }
    var next = {};
    Object.keys(entry).forEach(function (k) { next[k] = entry[k]; });
    next.step = step;
    next.due = addDays(today, INTERVALS[step]);
    next.lastCorrectAt = at;
    return next;
  }

  function isDue(entry, today) { return normalised(entry).due <= today; }

  root.mlproSchedule = {
    INTERVALS: INTERVALS, dayOf: dayOf, addDays: addDays, normalised: normalised,
    missed: missed, answeredCorrectly: answeredCorrectly, isDue: isDue
  };
})(typeof window !== "undefined" ? window : globalThis);
