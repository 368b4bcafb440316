/* Practice pages, part 1 of 7: which questions a form holds, where each best answer is
   shown, and how an attempt scores. No DOM but the page's two small embedded lists, the chapters and the pages the study
   plan may recommend (<script type="application/json" class="mlpro-practice-chapters">
   and "mlpro-practice-pages", links relative to the page); the question data
   comes from _static/practice-data.js, one file every practice page loads (and the browser
   caches), which sets window.mlproPracticeData. So the test suite runs this very file in
   Node (tests/practice_node.js) to check the random forms and the displayed letters.

   Creates window.mlproPractice, the namespace the other practice-*.js files share, and
   puts on it: data, LETTERS, percent, hash, drawRandom (the seeded random form, which
   may prefer questions this browser has not answered), lastSeen, encodePick, decodePick,
   withReview (loads _static/practice-review.js, the reasons and explanations a review
   shows, on first need), balancedPositions, sequencePositions, arranged, shownIn, score and keySequence.
   Relies on nothing else; loaded first, after practice-data.js. */
(function () {
  "use strict";
  var P = window.mlproPractice = window.mlproPractice || {};

  var LETTERS = ["A", "B", "C", "D"];
  var DATA = null;

  function data() {
    if (DATA) { return DATA; }
    if (!window.mlproPracticeData) { return null; }
    DATA = window.mlproPracticeData;
    var script = document.querySelector("script.mlpro-practice-chapters");
    DATA.chapters = script ? JSON.parse(script.textContent) : [];
    var pages = document.querySelector("script.mlpro-practice-pages");
    DATA.pages = pages ? JSON.parse(pages.textContent) : {};
    return DATA;
  }

  /* Calls done() once every question has its options' reasons, explanation, reference and
     teaching section: at once if practice-review.js has been loaded, else after loading it
     (a <script src> beside practice-data.js, so it works from file:// too). If it cannot be
     loaded, done(error) is called, and the review shows what it has. */
  var REVIEW = { waiting: [], state: "" };

  function mergeReview() {
    var review = window.mlproPracticeReview || {};
    var questions = data().questions;
    Object.keys(review).forEach(function (id) {
      var q = questions[id], extra = review[id];
      if (!q) { return; }
      q.explanation = extra.explanation;
      q.reference = extra.reference;
      q.options.forEach(function (option, i) { option.reason = extra.reasons[i]; });
    });
  }

  function withReview(done) {
    if (REVIEW.state === "loaded") { done(); return; }
    REVIEW.waiting.push(done);
    if (REVIEW.state === "loading") { return; }
    function finish(error) {
      REVIEW.state = error ? "" : "loaded";
      if (!error) { mergeReview(); }
      var waiting = REVIEW.waiting;
      REVIEW.waiting = [];
      waiting.forEach(function (callback) { callback(error); });
    }
    if (window.mlproPracticeReview) { finish(); return; }
    var source = document.querySelector('script[src*="practice-data.js"]');
    if (!source) { finish(new Error("no practice-data.js script on this page")); return; }
    REVIEW.state = "loading";
    var script = document.createElement("script");
    script.src = source.src.replace(/practice-data\.js(\?[^#]*)?/, "practice-review.js?v=" +
      encodeURIComponent(data().reviewVersion || ""));
    script.onload = function () { finish(); };
    script.onerror = function () {
      finish(new Error("the explanations (practice-review.js) could not be loaded"));
    };
    document.head.appendChild(script);
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

  /* Systematic sampling: the questions are listed objective by objective (objectives in a
     seeded order, questions in a seeded order within each), and the sample takes every
     (size / m)-th question from a seeded start. So every question has the same chance,
     m / size, and every objective gets its share of m, rounded down or up: the sample
     spreads over objectives as the list does. */
  function sample(questions, m, seed, domain) {
    if (!m) { return []; }
    var listed = questions.slice().sort(function (a, b) {
      var oa = hash("objective|" + seed + "|" + a.objectives[0]);
      var ob = hash("objective|" + seed + "|" + b.objectives[0]);
      if (oa !== ob) { return oa - ob; }
      return hash("form|" + seed + "|" + a.id) - hash("form|" + seed + "|" + b.id);
    });
    var step = listed.length / m;
    var start = unit("start|" + seed + "|" + domain) * step;
    var chosen = [];
    for (var n = 0; n < m; n++) {
      chosen.push(listed[Math.min(listed.length - 1, Math.floor(start + n * step))].id);
    }
    return chosen;
  }

  function quotasFor(pool) {
    var d = data();
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
    return quotas;
  }

  function inFormOrder(ids, seed) {
    return ids.slice().sort(function (a, b) {
      return hash("order|" + seed + "|" + a) - hash("order|" + seed + "|" + b);
    });
  }

  /* The random form of a seed: each domain's quota (26 / 26 / 7) drawn from every question
     of the book, chapter banks and mock pool alike. Without ``seen`` it is a plain seeded
     draw, every question of a domain equally likely. With ``seen`` (question id -> when this
     browser last answered it, see lastSeen) it prefers what the learner has not met: in each
     domain the quota is sampled from the never-answered questions while there are enough
     of them, then filled with the least recently answered ones. */
  function drawRandom(seed, seen) {
    var d = data();
    var pool = {};
    Object.keys(d.questions).sort().forEach(function (id) {
      var q = d.questions[id];
      (pool[q.domain] = pool[q.domain] || []).push(q);
    });
    var quotas = quotasFor(pool);
    var chosen = [];
    Object.keys(quotas).sort().forEach(function (domain) {
      var m = quotas[domain];
      var questions = pool[domain] || [];
      if (!seen) {
        chosen = chosen.concat(sample(questions, m, seed, domain));
        return;
      }
      var fresh = questions.filter(function (q) { return !seen[q.id]; });
      if (fresh.length >= m) {
        chosen = chosen.concat(sample(fresh, m, seed, domain));
        return;
      }
      var oldest = questions.filter(function (q) { return !!seen[q.id]; }).sort(function (a, b) {
        if (seen[a.id] !== seen[b.id]) { return seen[a.id] < seen[b.id] ? -1 : 1; }
        return hash("form|" + seed + "|" + a.id) - hash("form|" + seed + "|" + b.id);
      });
      chosen = chosen.concat(fresh.map(function (q) { return q.id; }),
        oldest.slice(0, m - fresh.length).map(function (q) { return q.id; }));
    });
    return inFormOrder(chosen, seed);
  }

  /* Question id -> the last time (ISO text) this browser answered it, from the progress
     store (window.mlproProgress.load()): first self-check answers, mock exam attempts and
     the mistakes list. */
  function lastSeen(progress) {
    var seen = {};
    function note(id, at) {
      if (typeof at !== "string") { at = ""; }
      if (!(id in seen) || at > seen[id]) { seen[id] = at || "0"; }
    }
    if (!progress) { return seen; }
    Object.keys(progress.selfChecks || {}).forEach(function (id) {
      note(id, (progress.selfChecks[id] || {}).at);
    });
    Object.keys(progress.attempts || {}).forEach(function (form) {
      (progress.attempts[form] || []).forEach(function (attempt) {
        Object.keys((attempt && attempt.answers) || {}).forEach(function (id) {
          note(id, attempt.submittedAt);
        });
      });
    });
    Object.keys(progress.mistakes || {}).forEach(function (id) {
      note(id, (progress.mistakes[id] || {}).missedAt);
    });
    return seen;
  }

  /* A drawn random form as a compact link parameter, so that a shared link shows the same
     questions to anyone, whatever their browser has answered: a checksum of the book's
     question ids, a dot, then one bit per question id (in sorted order), six bits per
     character. decodePick returns the ids in the form's order, or null when the link was
     made from another question bank or does not hold a whole form. */
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  function allIds() { return Object.keys(data().questions).sort(); }

  function checksum(ids) { return (hash(ids.join("|")) % 2176782336).toString(36); }

  function encodePick(ids) {
    var all = allIds();
    var picked = {};
    ids.forEach(function (id) { picked[id] = true; });
    var text = "";
    for (var i = 0; i < all.length; i += 6) {
      var value = 0;
      for (var bit = 0; bit < 6; bit++) {
        if (picked[all[i + bit]]) { value |= 1 << bit; }
      }
      text += DIGITS.charAt(value);
    }
    return checksum(all) + "." + text;
  }

  function decodePick(text, seed) {
    var all = allIds();
    var parts = String(text || "").split(".");
    if (parts.length !== 2 || parts[0] !== checksum(all) ||
        parts[1].length !== Math.ceil(all.length / 6)) { return null; }
    var ids = [];
    for (var c = 0; c < parts[1].length; c++) {
      var value = DIGITS.indexOf(parts[1].charAt(c));
      if (value < 0) { return null; }
      for (var bit = 0; bit < 6; bit++) {
        if (value & (1 << bit)) {
          if (c * 6 + bit >= all.length) { return null; }
          ids.push(all[c * 6 + bit]);
        }
      }
    }
    return ids.length === data().formLength ? inFormOrder(ids, seed) : null;
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
  P.withReview = withReview;
  P.lastSeen = lastSeen;
  P.encodePick = encodePick;
  P.decodePick = decodePick;
  P.balancedPositions = balancedPositions;
  P.sequencePositions = sequencePositions;
  P.arranged = arranged;
  P.shownIn = shownIn;
  P.score = score;
  P.keySequence = keySequence;
})();
