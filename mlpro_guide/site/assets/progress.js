/* Progress across the book, kept in this browser only (localStorage key "mlpro-progress-v1",
   versioned JSON; nothing is sent anywhere). This script is the only one that reads or
   writes that key; the practice pages use its API, window.mlproProgress.

   On every page it: records the visit; keeps the first scored attempt of every self-check
   question (the "mlpro:answered" event quiz.js dispatches); adds a "Mark this page as done"
   button; puts a tick after done pages in the sidebar, and after a chapter's name only when
   all its pages are done (else the count of pages done); and says so when stored data was unreadable and had to be discarded.

   One rule counts progress everywhere (SCORE_RULE, said in words on the self-checks, on
   "My progress" and on mock exam results): a question counts once, with the learner's
   first answer to it anywhere in the guide (firstAnswers); the score is the right first
   answers over the questions attempted; an unanswered question is not attempted. */
(function () {
  "use strict";
  if (window.mlproProgress) { return; }
  var KEY = "mlpro-progress-v1";
  var VERSION = 1;
  var SECTIONS = ["visits", "done", "selfChecks", "attempts", "current", "mistakes"];
  var LETTERS = ["A", "B", "C", "D"];
  var SCORE_RULE = "How progress is counted: each question counts once, with your first " +
    "answer to it anywhere in this guide (a self-check, a notebook quiz or a mock exam). " +
    "Score = questions right on the first answer \u00f7 questions attempted, always shown " +
    "next to how many were attempted. A question you have not answered (including one left " +
    "blank in a mock exam) is not attempted: it counts neither as right nor as wrong.";
  var discarded = false;
  var broken = false;

  function empty() {
    var state = { version: VERSION };
    SECTIONS.forEach(function (name) { state[name] = {}; });
    return state;
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isValid(state) {
    if (!isPlainObject(state) || state.version !== VERSION) { return false; }
    for (var i = 0; i < SECTIONS.length; i++) {
      if (!isPlainObject(state[SECTIONS[i]])) { return false; }
    }
    for (var form in state.attempts) {
      if (!Array.isArray(state.attempts[form])) { return false; }
    }
    return true;
  }

  function load() {
    var raw = null;
    try { raw = window.localStorage.getItem(KEY); } catch (error) { broken = true; }
    if (raw === null) { return empty(); }
    try {
      var state = JSON.parse(raw);
      if (isValid(state)) { return state; }
    } catch (error) { /* corrupt: discarded below */ }
    discarded = true;
    try { window.localStorage.removeItem(KEY); } catch (error) { broken = true; }
    return empty();
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
      return true;
    } catch (error) {
      broken = true;
      return false;
    }
  }

  /* Read, change and write back in one step: update(function (state) { ... }). */
  function update(change) {
    var state = load();
    var result = change(state);
    save(state);
    return result;
  }

  function reset() {
    try { window.localStorage.removeItem(KEY); } catch (error) { broken = true; }
  }

  /* The learner's local calendar day of an ISO time, "YYYY-MM-DD". */
  function dayOf(iso) { return window.mlproSchedule.dayOf(iso); }

  /* One scored answer from anywhere in the book. source: "self-check", "diagnostic"
     (kept with the self-check first attempts: both are first answers to a question),
     "exam" or "review". A wrong answer puts the question on the mistakes list (again); it
     comes back after expanding intervals (review-schedule.js). */
  function recordAnswerIn(state, answer) {
    var at = answer.at || new Date().toISOString();
    var firstKind = answer.source === "self-check" || answer.source === "diagnostic";
    if (firstKind && !state.selfChecks[answer.questionId]) {
      state.selfChecks[answer.questionId] = {
        bank: answer.bank || "", choice: answer.choice || "", answer: answer.answer || "",
        correct: !!answer.correct, objectives: answer.objectives || [], page: answer.page || "",
        at: at
      };
    }
    var mistake = state.mistakes[answer.questionId];
    var schedule = window.mlproSchedule;
    if (!answer.correct) {
      state.mistakes[answer.questionId] = schedule.missed(at, answer.source, answer.bank);
    } else if (mistake) {
      var next = schedule.answeredCorrectly(mistake, at);
      if (next) { state.mistakes[answer.questionId] = next; } else { delete state.mistakes[answer.questionId]; }
    }
  }

  function recordAnswer(answer) {
    update(function (state) { recordAnswerIn(state, answer); });
  }

  /* Which of the three wrong options was chosen (0-2, in the fixed order every page keeps
     them in: only the best answer moves), from a chosen letter and the letter of the best
     answer where it was shown; null when the choice was the best answer; undefined when
     unknown. */
  function wrongRank(choice, best) {
    var c = LETTERS.indexOf(choice), b = LETTERS.indexOf(best);
    if (c < 0 || b < 0) { return undefined; }
    return c === b ? null : (c < b ? c : c - 1);
  }

  /* The letter a page shows for an option of a first answer, given the page's letter of the
     best answer, or null when it is unknown (an answer saved before wrong options were
     kept). */
  function letterOn(first, best) {
    var b = LETTERS.indexOf(best);
    if (b < 0) { return null; }
    if (first.correct) { return best; }
    if (typeof first.wrongRank === "number") {
      return LETTERS[first.wrongRank < b ? first.wrongRank : first.wrongRank + 1];
    }
    return null;
  }

  /* Question id -> the learner's first answer to it anywhere in the guide: {correct,
     wrongRank, choice, page, source ("self-check" or "exam"), form, at}. Self-check and
     notebook quiz answers come from state.selfChecks; mock exam answers from the submitted
     attempts (a question left blank is not an answer). The earliest wins. */
  function firstAnswers(state) {
    var first = {};
    function offer(id, entry) {
      if (!first[id] || (entry.at && first[id].at && entry.at < first[id].at)) { first[id] = entry; }
    }
    Object.keys(state.selfChecks).forEach(function (id) {
      var record = state.selfChecks[id] || {};
      offer(id, { correct: !!record.correct, choice: record.choice || "", page: record.page || "",
        wrongRank: record.correct ? null : wrongRank(record.choice, record.answer),
        source: "self-check", form: null, at: record.at || "" });
    });
    Object.keys(state.attempts).forEach(function (form) {
      state.attempts[form].forEach(function (attempt) {
        if (!attempt || !Array.isArray(attempt.questionIds)) { return; }
        var answers = attempt.answers || {}, positions = attempt.positions || {};
        attempt.questionIds.forEach(function (id) {
          var chosen = answers[id];
          // Without the best answer's position, this browser cannot tell right from wrong.
          if (!chosen || typeof positions[id] !== "number") { return; }
          var rank = wrongRank(chosen, LETTERS[positions[id]]);
          if (rank === undefined) { return; }
          offer(id, { correct: rank === null, choice: chosen, page: "", wrongRank: rank,
            source: "exam", form: form, at: attempt.submittedAt || "" });
        });
      });
    });
    return first;
  }

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : null;
  }

  var docname = meta("mlpro-docname");
  var rootUrl = new URL(meta("mlpro-root") || "./", window.location.href);

  /* The document name ("book/promotion/index") of a link on this page, or null. */
  function docnameOf(href) {
    if (!href) { return null; }
    var url;
    try { url = new URL(href, window.location.href); } catch (error) { return null; }
    if (url.protocol !== rootUrl.protocol || url.host !== rootUrl.host) { return null; }
    var root = rootUrl.pathname;
    if (url.pathname.indexOf(root) !== 0) { return null; }
    var rest = decodeURIComponent(url.pathname.slice(root.length));
    if (!/\.html$/.test(rest)) { return null; }
    return rest.replace(/\.html$/, "");
  }

  document.addEventListener("mlpro:answered", function (event) {
    var detail = event.detail || {};
    if (!detail.questionId) { return; }
    recordAnswer({
      source: "self-check", questionId: detail.questionId, bank: detail.bank,
      choice: detail.choice, answer: detail.answer, correct: !!detail.correct,
      objectives: detail.objectives, page: docname || detail.page, at: detail.at
    });
  });

  function srText(text) {
    var span = document.createElement("span");
    span.className = "mlpro-sr";
    span.textContent = text;
    return span;
  }

  function markSidebar(state) {
    var links = document.querySelectorAll(
      ".bd-sidebar-primary a.reference.internal, nav.bd-links a.reference.internal"
    );
    links.forEach(function (link) {
      var name = docnameOf(link.getAttribute("href"));
      link.querySelectorAll(".mlpro-done-tick").forEach(function (n) { n.remove(); });
      link.removeAttribute("data-mlpro-done");
      if (name && state.done[name]) { addTick(link, "page", " \u2714", " (done)"); }
    });
    // A chapter's line names the whole chapter: it gets a tick only when every page of the
    // chapter (its overview included) is done, and otherwise a count of the pages done.
    document.querySelectorAll("nav.bd-links li.toctree-l1").forEach(function (item) {
      var inner = item.querySelectorAll("a.reference.internal");
      var top = inner[0];
      if (!top || inner.length < 2) { return; }
      var done = Array.prototype.filter.call(inner, function (link) {
        return link.getAttribute("data-mlpro-done") === "page";
      }).length;
      top.querySelectorAll(".mlpro-done-tick").forEach(function (n) { n.remove(); });
      top.removeAttribute("data-mlpro-done");
      if (done === inner.length) {
        addTick(top, "chapter", " \u2714\u2714", " (chapter done)");
      } else if (done) {
        addTick(top, "some", " " + done + "/" + inner.length,
          " (" + done + " of " + inner.length + " pages done)");
      }
    });
  }

  // A tick after a sidebar link: a glyph for the eye, words for screen readers.
  function addTick(link, kind, glyph, words) {
    link.setAttribute("data-mlpro-done", kind);
    var tick = document.createElement("span");
    tick.className = "mlpro-done-tick";
    tick.setAttribute("aria-hidden", "true");
    tick.textContent = glyph;
    link.appendChild(tick);
    link.appendChild(srText(words));
    link.lastChild.classList.add("mlpro-done-tick");
  }

  function doneButton(state) {
    var article = document.querySelector("article.bd-article") || document.querySelector("main");
    if (!article || !docname || document.querySelector(".mlpro-done-toggle")) { return; }
    if (document.querySelector(".mlpro-practice")) { return; } // exams and progress: not reading
    var box = document.createElement("div");
    box.className = "mlpro-done-box";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "mlpro-done-toggle";
    var status = document.createElement("span");
    status.className = "mlpro-done-status";
    status.setAttribute("role", "status");
    function show(isDone) {
      button.setAttribute("aria-pressed", isDone ? "true" : "false");
      button.textContent = isDone ? "\u2714 Done (select to undo)" : "Mark this page as done";
    }
    show(!!state.done[docname]);
    button.addEventListener("click", function () {
      var now = update(function (s) {
        if (s.done[docname]) { delete s.done[docname]; } else { s.done[docname] = new Date().toISOString(); }
        return s;
      });
      show(!!now.done[docname]);
      status.textContent = now.done[docname]
        ? " Marked as done. Your progress is kept in this browser only."
        : " No longer marked as done.";
      markSidebar(now);
    });
    box.appendChild(button);
    box.appendChild(status);
    article.appendChild(box);
  }

  function showNotice(message) {
    var article = document.querySelector("article.bd-article") || document.querySelector("main") ||
      document.body;
    var note = document.createElement("p");
    note.className = "mlpro-progress-notice";
    note.setAttribute("role", "alert");
    note.textContent = message;
    article.insertBefore(note, article.firstChild);
  }

  function init() {
    var state = update(function (s) {
      if (docname) { s.visits[docname] = new Date().toISOString(); }
      return s;
    });
    if (discarded) {
      showNotice("Your saved progress in this browser could not be read (it was damaged or " +
        "from an older version of this guide), so it has been discarded and progress starts " +
        "afresh.");
    } else if (broken) {
      showNotice("This browser does not let the guide store progress (private mode or storage " +
        "turned off): answers and exam attempts will not be kept after you leave the page.");
    }
    doneButton(state);
    markSidebar(state);
  }

  window.mlproProgress = {
    key: KEY,
    version: VERSION,
    load: load,
    save: save,
    update: update,
    reset: reset,
    isValid: isValid,
    dayOf: dayOf,
    recordAnswer: recordAnswer,
    recordAnswerIn: recordAnswerIn,
    scoreRule: SCORE_RULE,
    firstAnswers: firstAnswers,
    firstAnswer: function (id) { return firstAnswers(load())[id] || null; },
    letterOn: letterOn,
    wrongRank: wrongRank,
    docname: docname,
    rootUrl: rootUrl,
    docnameOf: docnameOf,
    refreshSidebar: function () { markSidebar(load()); },
    wasDiscarded: function () { return discarded; }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
