/* Practice pages, part 1 of 7: which questions a form holds, where each best answer is
   shown, and how an attempt scores. No DOM but the page's embedded question data
   (<script type="application/json" class="mlpro-practice-data">, read once), so the test
   suite runs this very file in Node (tests/practice_node.js) to check the random forms and
   the displayed letters.

   Creates window.mlproPractice, the namespace the other practice-*.js files share, and
   puts on it: data, LETTERS, percent, hash, drawRandom (the seeded random form),
   balancedPositions, sequencePositions, arranged, shownIn, score and keySequence.
   Relies on nothing else; loaded first. */
(function () {
  "use strict";
  var P = window.mlproPractice = window.mlproPractice || {};

  var LETTERS = ["A", "B", "C", "D"];
  var DATA = null;

  function data() {
    if (DATA) { return DATA; }
    var script = document.querySelector("script.mlpro-practice-data");
    DATA = script ? JSON.parse(script.textContent) : null;
    return DATA;
  }

  function percent(right, total) { return total ? Math.round((100 * right) / total) : 0; }

  /* ---------- Drawing a random form ---------- */

  function hash(text) { // cyrb53: a fast, well-mixed 53-bit string hash
    var h1 = 0xdeadbeef, h2 = 0x41c6ce57;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }

  function unit(text) { return (hash(text) % 1000003) / 1000003; } // in [0, 1)

  /* Systematic sampling within each domain: the domain's questions are listed objective by
     objective (objectives in a seeded order, questions in a seeded order within each), and
     the form takes every (size / quota)-th question from a seeded start. So every question
     of a domain has the same chance, quota / size, and every objective gets its share of
     the quota, rounded down or up: the form spreads over objectives as the bank does. */
  function drawRandom(seed) {
    var d = data();
    var pool = {};
    Object.keys(d.questions).sort().forEach(function (id) {
      var q = d.questions[id];
      (pool[q.domain] = pool[q.domain] || []).push(q);
    });
    var quotas = {};
    var missing = d.formLength;
    Object.keys(d.quotas).forEach(function (domain) {
      quotas[domain] = Math.min(d.quotas[domain], (pool[domain] || []).length);
      missing -= quotas[domain];
    });
    Object.keys(d.quotas).sort(function (a, b) { return d.quotas[b] - d.quotas[a]; })
      .forEach(function (domain) {
        var take = Math.max(0, Math.min((pool[domain] || []).length - quotas[domain], missing));
        quotas[domain] += take;
        missing -= take;
      });
    var chosen = [];
    Object.keys(quotas).sort().forEach(function (domain) {
      var listed = (pool[domain] || []).slice().sort(function (a, b) {
        var oa = hash("objective|" + seed + "|" + a.objectives[0]);
        var ob = hash("objective|" + seed + "|" + b.objectives[0]);
        if (oa !== ob) { return oa - ob; }
        return hash("form|" + seed + "|" + a.id) - hash("form|" + seed + "|" + b.id);
      });
      var m = quotas[domain];
      if (!m) { return; }
      var step = listed.length / m;
      var start = unit("start|" + seed + "|" + domain) * step;
      for (var n = 0; n < m; n++) {
        chosen.push(listed[Math.min(listed.length - 1, Math.floor(start + n * step))].id);
      }
    });
    return chosen.sort(function (a, b) {
      return hash("order|" + seed + "|" + a) - hash("order|" + seed + "|" + b);
    });
  }

  /* ---------- Where each best answer is shown (as mlpro_guide/content/answer_order.py) ---------- */

  function random32(text) { // mulberry32, seeded with a hash of the text
    var state = hash(text) % 4294967296;
    return function () {
      state = (state + 0x6d2b79f5) | 0;
      var t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  var MAX_PERIOD = 4, MIN_RUN = 6;

  function endsInAPattern(keys) {
    var n = keys.length;
    if (n >= 3 && keys[n - 1] === keys[n - 2] && keys[n - 2] === keys[n - 3]) { return true; }
    for (var period = 1; period <= MAX_PERIOD; period++) {
      var need = Math.max(MIN_RUN, 2 * period);
      if (n < need) { continue; }
      var tail = keys.slice(n - need);
      var repeats = true;
      for (var k = 0; k + period < tail.length; k++) {
        if (tail[k] !== tail[k + period]) { repeats = false; break; }
      }
      if (repeats) { return true; }
    }
    return false;
  }

  /* n positions (0-3): each letter n / 4 times (a seeded few once more), drawn one by one,
     weighted by what each letter has left, never completing a pattern the book's check
     rejects nor a letter three times in a row; a dead end starts a new draw. */
  function balancedPositions(seed, n) {
    var next = random32("answer-positions|" + seed);
    for (var attempt = 0; attempt < 1000; attempt++) {
      var left = [0, 1, 2, 3].map(function () { return Math.floor(n / 4); });
      var order = [0, 1, 2, 3].sort(function (a, b) {
        return hash(seed + "|extra|" + attempt + "|" + a) - hash(seed + "|extra|" + attempt + "|" + b);
      });
      for (var e = 0; e < n % 4; e++) { left[order[e]] += 1; }
      var keys = "", positions = [];
      while (positions.length < n) {
        var allowed = [0, 1, 2, 3].filter(function (p) {
          return left[p] > 0 && !endsInAPattern(keys + LETTERS[p]);
        });
        if (!allowed.length) { break; }
        var total = allowed.reduce(function (sum, p) { return sum + left[p]; }, 0);
        var r = next() * total, pick = allowed[allowed.length - 1];
        for (var i = 0; i < allowed.length; i++) {
          r -= left[allowed[i]];
          if (r < 0) { pick = allowed[i]; break; }
        }
        left[pick] -= 1;
        positions.push(pick);
        keys += LETTERS[pick];
      }
      if (positions.length === n) { return positions; }
    }
    throw new Error("no balanced answer positions for " + seed);
  }

  /* Question id -> displayed position of its best answer, for one sequence a learner reads:
     a fixed form (positions assigned at build time), the random form of a seed, or the
     list on "Review my mistakes". */
  function sequencePositions(form, seed, ids) {
    var d = data();
    var positions = {};
    var list = form === "random" ? balancedPositions("random|" + seed, ids.length)
      : form === "mistakes" ? balancedPositions("mistakes|" + ids.join("|"), ids.length)
      : (d.formPositions || {})[form];
    if (!list || list.length !== ids.length) { return null; }
    ids.forEach(function (id, i) { positions[id] = list[i]; });
    return positions;
  }

  /* The question with its options moved so that the best answer shows at ``position``:
     the other options keep their exported order (as arrange_options in
     mlpro_guide/content/answer_order.py). */
  function arranged(q, position) {
    if (typeof position !== "number") { return q; }
    var best = null, others = [];
    q.options.forEach(function (option) {
      if (option.letter === q.answer) { best = option; } else { others.push(option); }
    });
    others.splice(position, 0, best);
    var view = {};
    Object.keys(q).forEach(function (name) { view[name] = q[name]; });
    view.options = others.map(function (option, i) {
      return { letter: LETTERS[i], text: option.text, reason: option.reason };
    });
    view.answer = LETTERS[position];
    return view;
  }

  function shownIn(record, id) {
    var q = data().questions[id];
    return q ? arranged(q, (record.positions || {})[id]) : q;
  }

  /* ---------- Scoring ---------- */

  function score(questionIds, answers, positions) {
    var d = data();
    var record = { positions: positions || {} };
    var result = { right: 0, total: questionIds.length, domains: {}, areas: {}, objectives: {} };
    function add(table, key, right) {
      var row = table[key] = table[key] || { right: 0, total: 0 };
      row.total += 1;
      row.right += right ? 1 : 0;
    }
    questionIds.forEach(function (id) {
      if (!d.questions[id]) { return; }
      var q = shownIn(record, id);
      var right = answers[id] === q.answer;
      result.right += right ? 1 : 0;
      add(result.domains, q.domain, right);
      add(result.areas, q.area, right);
      q.objectives.forEach(function (o) { add(result.objectives, o, right); });
    });
    result.percent = percent(result.right, result.total);
    return result;
  }

  /* The displayed letters of the best answers, in order, for one sequence (the test
     suite compares them with the book's own checks). */
  function keySequence(form, seed, ids) {
    var positions = sequencePositions(form, seed, ids);
    return ids.map(function (id) { return arranged(data().questions[id], positions[id]).answer; }).join("");
  }

  P.LETTERS = LETTERS;
  P.data = data;
  P.percent = percent;
  P.hash = hash;
  P.drawRandom = drawRandom;
  P.balancedPositions = balancedPositions;
  P.sequencePositions = sequencePositions;
  P.arranged = arranged;
  P.shownIn = shownIn;
  P.score = score;
  P.keySequence = keySequence;
})();
