/* The flashcards' schedule: a Leitner system with five boxes, no DOM, so the tests run
   this very file in Node (tests/flashcards_node.js) as well as in the page.

   A card starts in box 1. "Knew it" moves it up one box (at most box 5), "Didn't know"
   sends it back to box 1; either way it comes back after its box's interval:
   box 1: 1 day, box 2: 3 days, box 3: 7 days, box 4: 14 days, box 5: 30 days.
   Days are the reader's local calendar days ("YYYY-MM-DD"), so a card due tomorrow is due
   from midnight, whatever the hour it was answered. At most NEW_PER_DAY cards the reader
   has never rated are offered each day, in the book's order, after the cards due.

   State (kept by flashcards.js under its own localStorage key):
   { version: 1, cards: { <id>: { box: 1-5, due: "YYYY-MM-DD", last: "YYYY-MM-DD" } },
     newDay: "YYYY-MM-DD", newCount: <cards first rated on newDay> } */
(function (root) {
  "use strict";
  var VERSION = 1;
  var INTERVALS = [1, 3, 7, 14, 30];
  var NEW_PER_DAY = 20;
  var DAY = /^\d{4}-\d{2}-\d{2}$/;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* The local calendar day of a Date, as "YYYY-MM-DD". */
  function dayOf(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  /* "YYYY-MM-DD" plus n days (calendar arithmetic in UTC, so no daylight-saving slip). */
  function addDays(day, n) {
    var parts = day.split("-").map(Number);
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + n));
    return date.getUTCFullYear() + "-" + pad(date.getUTCMonth() + 1) + "-" + pad(date.getUTCDate());
  }

  function empty() { return { version: VERSION, cards: {}, newDay: "", newCount: 0 }; }

  function isValid(state) {
    if (state === null || typeof state !== "object" || state.version !== VERSION) { return false; }
    if (state.cards === null || typeof state.cards !== "object" || Array.isArray(state.cards)) {
      return false;
    }
    if (typeof state.newDay !== "string" || typeof state.newCount !== "number") { return false; }
    for (var id in state.cards) {
      var entry = state.cards[id];
      if (entry === null || typeof entry !== "object") { return false; }
      if (!(entry.box >= 1 && entry.box <= INTERVALS.length && entry.box % 1 === 0)) { return false; }
      if (!DAY.test(entry.due) || !DAY.test(entry.last)) { return false; }
    }
    return true;
  }

  /* New cards the reader may still start today. */
  function newLeft(state, today) {
    return Math.max(0, NEW_PER_DAY - (state.newDay === today ? state.newCount : 0));
  }

  /* The cards to study today, in order: those due (earliest due first, then the lowest box,
     then the book's order), then new cards in the book's order up to today's allowance.
     `ids` is every card id in the book's order. */
  function dueToday(state, ids, today) {
    var due = [];
    var fresh = [];
    ids.forEach(function (id, index) {
      var entry = state.cards[id];
      if (!entry) { fresh.push(id); return; }
      if (entry.due <= today) { due.push({ id: id, due: entry.due, box: entry.box, index: index }); }
    });
    due.sort(function (a, b) {
      return a.due < b.due ? -1 : a.due > b.due ? 1 : a.box - b.box || a.index - b.index;
    });
    return {
      due: due.map(function (item) { return item.id; }),
      fresh: fresh.slice(0, newLeft(state, today)),
    };
  }

  /* The box and day a card would get if rated now: knew is true for "Knew it". */
  function next(entry, knew, today) {
    var box = knew ? Math.min((entry ? entry.box : 1) + 1, INTERVALS.length) : 1;
    return { box: box, due: addDays(today, INTERVALS[box - 1]), last: today };
  }

  /* Rate a card: returns the new state (the argument is not changed). */
  function rate(state, id, knew, today) {
    var copy = JSON.parse(JSON.stringify(state));
    if (!copy.cards[id]) {
      if (copy.newDay !== today) { copy.newDay = today; copy.newCount = 0; }
      copy.newCount += 1;
    }
    copy.cards[id] = next(copy.cards[id], knew, today);
    return copy;
  }

  /* How many cards sit in each box (index 0 for box 1), among `ids`. */
  function boxes(state, ids) {
    var counts = INTERVALS.map(function () { return 0; });
    ids.forEach(function (id) {
      var entry = state.cards[id];
      if (entry) { counts[entry.box - 1] += 1; }
    });
    return counts;
  }

  /* The first day after `today` on which a rated card is due, and how many are due then. */
  function nextDue(state, ids, today) {
    var best = null;
    var count = 0;
    ids.forEach(function (id) {
      var entry = state.cards[id];
      if (!entry || entry.due <= today) { return; }
      if (best === null || entry.due < best) { best = entry.due; count = 1; }
      else if (entry.due === best) { count += 1; }
    });
    return best === null ? null : { day: best, count: count };
  }

  var api = {
    VERSION: VERSION,
    INTERVALS: INTERVALS,
    NEW_PER_DAY: NEW_PER_DAY,
    dayOf: dayOf,
    addDays: addDays,
    empty: empty,
    isValid: isValid,
    dueToday: dueToday,
    next: next,
    rate: rate,
    boxes: boxes,
    nextDue: nextDue,
  };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  else { root.mlproFlashcardSchedule = api; }
})(typeof window !== "undefined" ? window : this);
