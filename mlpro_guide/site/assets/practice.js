/* Mock exams, "My progress" and "Review my mistakes" for mlpro_guide.

   Reads the question data embedded in the page (<script type="application/json"
   class="mlpro-practice-data">: no request, so it works from file:// too) and keeps
   everything through window.mlproProgress (progress.js), in this browser only.

   Exam: one question at a time, a navigator (answered / unanswered / marked, in symbols
   and words), a clock with pause (warnings announced at 10 and 1 minutes), mark for
   review, a confirmation naming unanswered and marked questions, results by domain, task
   area and objective against the guide's own 70% target, and a review of every option.
   URL parameters: ?seed=1234 (random form), ?minutes=60 (a shorter clock). */
(function () {
  "use strict";
  var LETTERS = ["A", "B", "C", "D"];
  var DATA = null;

  function data() {
    if (DATA) { return DATA; }
    var script = document.querySelector("script.mlpro-practice-data");
    DATA = script ? JSON.parse(script.textContent) : null;
    return DATA;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "text") { node.textContent = value; }
      else if (name === "html") { node.innerHTML = value; } // bank text: escaped at build time
      else if (name === "className") { node.className = value; }
      else if (name.slice(0, 2) === "on") { node.addEventListener(name.slice(2), value); }
      else { node.setAttribute(name, value === true ? "" : value); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function button(text, onclick, className) {
    return el("button", { type: "button", className: className || "mlpro-px-button", text: text,
      onclick: onclick });
  }

  function percent(right, total) { return total ? Math.round((100 * right) / total) : 0; }

  function formatDate(iso) {
    var date = new Date(iso);
    return date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" }) +
      " " + date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  }

  function clock(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function numbers(list) {
    return (list.length === 1 ? "question " : "questions ") + list.join(", ");
  }

  function param(name) {
    return new URLSearchParams(window.location.search).get(name);
  }

  /* ---------- Pages that teach an objective ---------- */

  var MAX_LINKS = 3;

  function examMapLink(objectiveId, text) {
    return el("a", { href: new URL("book/exam-map.html#objective-" + objectiveId.replace(/\./g, "-"),
      window.mlproProgress.rootUrl).href, className: "mlpro-px-teach", text: text });
  }

  /* The first pages and notebooks that teach an objective (the quiz helper's map), then
     the exam map for the rest. */
  function teachingLinks(objectiveId) {
    var map = window.mlproObjectivePages || {};
    var pages = map[objectiveId] || [];
    if (!pages.length) { return [examMapLink(objectiveId, "Exam map")]; }
    var links = pages.slice(0, MAX_LINKS).map(function (page) {
      return el("a", { href: page.href, className: "mlpro-px-teach", text: page.title }, [
        page.kind === "notebook" ? " (notebook)" : ""
      ]);
    });
    if (pages.length > MAX_LINKS) {
      links.push(examMapLink(objectiveId, (pages.length - MAX_LINKS) + " more in the exam map"));
    }
    return links;
  }

  function linkList(links) {
    return el("ul", { className: "mlpro-px-links" }, links.map(function (link) {
      return el("li", {}, [link]);
    }));
  }

  function joinNodes(nodes, separator) {
    var out = [];
    nodes.forEach(function (node, i) { if (i) { out.push(separator); } out.push(node); });
    return out;
  }

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

  /* ---------- Where each best answer is shown (as mlpro_guide/answer_order.py) ---------- */

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
     the other options keep their exported order (as arrange_options in answer_order.py). */
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

  function table(caption, headers, rows, className) {
    return el("table", { className: "mlpro-px-table " + (className || "") }, [
      el("caption", { text: caption }),
      el("thead", {}, [el("tr", {}, headers.map(function (h) {
        return el("th", { scope: "col", text: h });
      }))]),
      el("tbody", {}, rows.map(function (cells) {
        return el("tr", {}, cells.map(function (cell, i) {
          var content = typeof cell === "string" || typeof cell === "number" ? [String(cell)] : cell;
          return el(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {}, content);
        }));
      }))
    ]);
  }

  function rowText(row) { return row.right + " of " + row.total + " (" + percent(row.right, row.total) + "%)"; }

  function areaTitle(area) { return data().banks[area] || area; }

  function domainTitle(id) {
    var found = data().domains.filter(function (d) { return d.id === id; })[0];
    return found ? found.title : id;
  }

  /* ---------- One question (exam, review and mistakes) ---------- */

  function questionMeta(q) {
    return el("p", { className: "mlpro-px-meta",
      text: "Objective " + q.objectives.join(", ") + " \u00b7 " + areaTitle(q.area) +
        " \u00b7 difficulty " + q.difficulty + " of 3" });
  }

  function optionReasons(q, chosen) {
    return el("ul", { className: "mlpro-px-reasons" }, q.options.map(function (option) {
      var best = option.letter === q.answer;
      var mine = option.letter === chosen;
      var marker = best ? "\u2714 Best answer" : "\u2718 Not the best answer";
      return el("li", { className: best ? "mlpro-px-best" : (mine ? "mlpro-px-wrong" : "") }, [
        el("strong", { text: option.letter + ". " }), el("span", { html: option.text }),
        el("br"),
        el("strong", { className: "mlpro-px-marker", text: marker + (mine ? " (your choice)" : "") + ": " }),
        el("span", { html: option.reason })
      ]);
    }));
  }

  function explanation(q) {
    var parts = [el("strong", { text: "Explanation. " }), el("span", { html: q.explanation })];
    if (q.reference) {
      parts.push(" ");
      parts.push(el("a", { href: q.reference.url, text: "Documentation: " + q.reference.title }));
    }
    return el("p", { className: "mlpro-px-explanation" }, parts);
  }

  function radios(q, name, chosen, onchange) {
    return el("div", { className: "mlpro-px-options" }, q.options.map(function (option) {
      var id = name + "-" + option.letter.toLowerCase();
      var input = el("input", { type: "radio", name: name, id: id, value: option.letter,
        onchange: function () { onchange(option.letter); } });
      if (chosen === option.letter) { input.checked = true; }
      return el("div", { className: "mlpro-px-option" }, [
        input,
        el("label", { "for": id }, [el("span", { className: "mlpro-px-letter", text: option.letter + ". " }),
          el("span", { html: option.text })])
      ]);
    }));
  }

  /* ---------- The exam ---------- */

  function Exam(root) {
    this.root = root;
    this.form = root.getAttribute("data-form");
    this.seed = null;
    if (this.form === "random") {
      this.seed = (param("seed") || "").replace(/[^A-Za-z0-9-]/g, "").slice(0, 20);
      if (!this.seed) {
        this.seed = String(1000 + Math.floor(Math.random() * 999000));
        var url = new URL(window.location.href);
        url.searchParams.set("seed", this.seed);
        try { window.history.replaceState(null, "", url.href); } catch (error) { /* file:// */ }
      }
    }
    this.key = this.form === "random" ? "random:" + this.seed : this.form;
    this.historyKey = this.form === "random" ? "random" : this.form;
    this.label = this.form === "random" ? "random form (seed " + this.seed + ")" : "form " + this.form;
    this.timer = null;
    this.renderIntro();
  }

  Exam.prototype.attempt = function () {
    var current = window.mlproProgress.load().current[this.key];
    var d = data();
    if (!current) { return null; }
    var ok = Array.isArray(current.questionIds) && current.questionIds.length > 0 &&
      current.questionIds.every(function (id) { return !!d.questions[id]; }) &&
      current.answers && typeof current.answers === "object" && typeof current.remainingMs === "number";
    if (!ok) {
      window.mlproProgress.update(function (s) { delete s.current[this.key]; }.bind(this));
      this.message = "An unfinished attempt saved in this browser could not be used (the question " +
        "bank has changed or the data was damaged), so it was discarded.";
      return null;
    }
    return current;
  };

  Exam.prototype.saveAttempt = function (attempt) {
    var key = this.key;
    window.mlproProgress.update(function (s) { s.current[key] = attempt; });
  };

  Exam.prototype.questionIds = function () {
    return this.form === "random" ? drawRandom(this.seed) : (data().forms[this.form] || []);
  };

  Exam.prototype.clear = function () {
    this.stopClock();
    this.root.innerHTML = "";
  };

  Exam.prototype.history = function () {
    var list = window.mlproProgress.load().attempts[this.historyKey] || [];
    return list.filter(function (a) { return a && typeof a.right === "number"; });
  };

  Exam.prototype.renderHistory = function () {
    var list = this.history();
    if (!list.length) {
      return el("p", { className: "mlpro-px-history-empty", text: "No attempt of this form yet." });
    }
    var self = this;
    return table("Your attempts of this form in this browser, newest first",
      ["Date", "Score", "Target"].concat(this.form === "random" ? ["Seed"] : []),
      list.slice().reverse().map(function (a) {
        var row = [formatDate(a.submittedAt), a.right + " of " + a.total + " (" + a.percent + "%)",
          a.percent >= data().passMark ? "\u2714 met" : "\u2718 not met"];
        if (self.form === "random") { row.push(String(a.seed)); }
        return row;
      }), "mlpro-px-history");
  };

  Exam.prototype.renderIntro = function () {
    this.clear();
    var d = data();
    var self = this;
    var current = this.attempt();
    var minutes = Number(param("minutes")) > 0 ? Number(param("minutes")) : d.minutes;
    var parts = [];
    if (this.message) {
      parts.push(el("p", { className: "mlpro-px-notice", role: "alert", text: this.message }));
      this.message = null;
    }
    if (this.form === "random") {
      var share = new URL(window.location.href);
      share.searchParams.set("seed", this.seed);
      parts.push(el("p", { className: "mlpro-px-seed" }, [
        "This random form is drawn with seed ", el("strong", { text: this.seed }),
        ". Anyone who opens ", el("a", { href: "?seed=" + encodeURIComponent(this.seed), text: "this link" }),
        " gets the same 59 questions (with the same question bank). ",
        button("Draw another random form", function () {
          var url = new URL(window.location.href);
          url.searchParams.set("seed", String(1000 + Math.floor(Math.random() * 999000)));
          window.location.href = url.href;
        })
      ]));
    }
    parts.push(el("p", { className: "mlpro-px-rules", text: d.formLength + " questions \u00b7 " +
      minutes + " minutes \u00b7 the guide's target: " + d.passMark + "% (the official pass mark is " +
      "not published). The clock runs only while this page is open; you can pause it." }));
    var actions = el("p", { className: "mlpro-px-actions" });
    if (current) {
      var answered = Object.keys(current.answers).length;
      actions.appendChild(button("Resume attempt (" + answered + " of " + current.questionIds.length +
        " answered, " + clock(current.remainingMs) + " left)", function () { self.start(false); },
        "mlpro-px-button mlpro-px-primary"));
      actions.appendChild(button("Discard it and start again", function () {
        window.mlproProgress.update(function (s) { delete s.current[self.key]; });
        self.start(true);
      }));
    } else {
      actions.appendChild(button("Start " + this.label, function () { self.start(true); },
        "mlpro-px-button mlpro-px-primary"));
    }
    parts.push(actions);
    parts.push(el("h2", { text: "Your attempts" }));
    parts.push(this.renderHistory());
    parts.forEach(function (p) { self.root.appendChild(p); });
  };

  Exam.prototype.start = function (fresh) {
    var d = data();
    var attempt = fresh ? null : this.attempt();
    if (!attempt) {
      var minutes = Number(param("minutes")) > 0 ? Number(param("minutes")) : d.minutes;
      var ids = this.questionIds();
      attempt = {
        form: this.form, seed: this.seed, questionIds: ids, answers: {}, marked: {},
        positions: sequencePositions(this.form, this.seed, ids),
        index: 0, durationMs: Math.round(minutes * 60000), remainingMs: Math.round(minutes * 60000),
        startedAt: new Date().toISOString(), announced: {}, paused: false
      };
      this.saveAttempt(attempt);
    }
    attempt.paused = false;
    this.state = attempt;
    this.renderExam();
  };

  Exam.prototype.renderExam = function () {
    this.clear();
    var self = this;
    var a = this.state;
    this.clockText = el("span", { className: "mlpro-px-time", text: clock(a.remainingMs) });
    this.pauseButton = button("Pause", function () { self.togglePause(); });
    this.counts = el("span", { className: "mlpro-px-counts" });
    this.alert = el("p", { className: "mlpro-px-alert", role: "alert" });
    var bar = el("div", { className: "mlpro-px-bar" }, [
      el("span", { className: "mlpro-px-clock" }, ["Time left: ", this.clockText]), " ",
      this.pauseButton, " ", this.counts
    ]);
    this.body = el("div", { className: "mlpro-px-body" });
    this.navigator = el("nav", { className: "mlpro-px-navigator", "aria-label": "Question navigator" });
    this.pausedBox = el("div", { className: "mlpro-px-paused", hidden: true }, [
      el("p", { text: "Paused. The clock has stopped and the questions are hidden." }),
      button("Resume the exam", function () { self.togglePause(); }, "mlpro-px-button mlpro-px-primary")
    ]);
    this.dialog = el("dialog", { className: "mlpro-px-confirm", "aria-labelledby": "mlpro-px-confirm-title" });
    [bar, this.alert, this.pausedBox, this.body, this.navigator, this.dialog].forEach(function (n) {
      self.root.appendChild(n);
    });
    this.showQuestion(a.index || 0, true); // focus follows: the Start button is gone
    this.startClock();
  };

  Exam.prototype.updateCounts = function () {
    var a = this.state;
    var answered = Object.keys(a.answers).length;
    var marked = Object.keys(a.marked).length;
    this.counts.textContent = "Answered " + answered + " of " + a.questionIds.length +
      " \u00b7 marked for review " + marked;
  };

  Exam.prototype.renderNavigator = function () {
    var self = this;
    var a = this.state;
    this.navigator.innerHTML = "";
    this.navigator.appendChild(el("p", { className: "mlpro-px-legend",
      text: "Questions: \u2714 answered \u00b7 \u2691 marked for review \u00b7 \u2013 unanswered" }));
    var list = el("ol", { className: "mlpro-px-grid" });
    a.questionIds.forEach(function (id, i) {
      var answered = !!a.answers[id];
      var marked = !!a.marked[id];
      var words = "Question " + (i + 1) + ": " + (answered ? "answered" : "unanswered") +
        (marked ? ", marked for review" : "") + (i === a.index ? ", current" : "");
      var b = el("button", {
        type: "button", className: "mlpro-px-nav", "aria-label": words, title: words,
        "aria-current": i === a.index ? "true" : null,
        "data-state": (answered ? "answered" : "unanswered") + (marked ? " marked" : ""),
        onclick: function () { self.showQuestion(i, true); }
      }, [String(i + 1), el("span", { "aria-hidden": "true", className: "mlpro-px-symbols",
        text: (answered ? "\u2714" : "\u2013") + (marked ? "\u2691" : "") })]);
      list.appendChild(el("li", {}, [b]));
    });
    this.navigator.appendChild(list);
    this.navigator.appendChild(el("p", {}, [button("Submit answers\u2026", function () { self.confirmSubmit(); },
      "mlpro-px-button mlpro-px-submit")]));
    this.updateCounts();
  };

  Exam.prototype.showQuestion = function (index, focus) {
    var self = this;
    var a = this.state;
    var d = data();
    index = Math.max(0, Math.min(a.questionIds.length - 1, index));
    a.index = index;
    this.saveAttempt(a);
    var id = a.questionIds[index];
    var q = shownIn(a, id);
    var heading = el("h2", { className: "mlpro-px-qnumber", tabindex: "-1",
      text: "Question " + (index + 1) + " of " + a.questionIds.length });
    var markButton = el("button", { type: "button", className: "mlpro-px-button mlpro-px-mark",
      "aria-pressed": a.marked[id] ? "true" : "false",
      text: a.marked[id] ? "\u2691 Marked for review (select to unmark)" : "Mark for review",
      onclick: function () {
        if (a.marked[id]) { delete a.marked[id]; } else { a.marked[id] = true; }
        self.saveAttempt(a);
        markButton.setAttribute("aria-pressed", a.marked[id] ? "true" : "false");
        markButton.textContent = a.marked[id] ? "\u2691 Marked for review (select to unmark)" : "Mark for review";
        self.renderNavigator();
      } });
    var fieldset = el("fieldset", { className: "mlpro-px-question", "data-question-id": id }, [
      el("legend", { html: q.stem }),
      radios(q, "mlpro-px-q", a.answers[id], function (letter) {
        a.answers[id] = letter;
        self.saveAttempt(a);
        self.renderNavigator();
      })
    ]);
    var previous = button("\u2190 Previous", function () { self.showQuestion(index - 1, true); });
    var next = button("Next \u2192", function () { self.showQuestion(index + 1, true); });
    if (index === 0) { previous.disabled = true; }
    if (index === a.questionIds.length - 1) { next.disabled = true; }
    this.body.innerHTML = "";
    this.body.appendChild(heading);
    this.body.appendChild(fieldset);
    this.body.appendChild(el("p", { className: "mlpro-px-moves" }, [previous, " ", markButton, " ", next]));
    this.renderNavigator();
    if (focus) { heading.focus(); }
  };

  Exam.prototype.startClock = function () {
    var self = this;
    this.stopClock();
    this.last = Date.now();
    this.timer = window.setInterval(function () { self.tick(); }, 500);
  };

  Exam.prototype.stopClock = function () {
    if (this.timer) { window.clearInterval(this.timer); this.timer = null; }
  };

  Exam.prototype.tick = function () {
    var a = this.state;
    var now = Date.now();
    if (!a.paused) { a.remainingMs -= now - this.last; }
    this.last = now;
    this.clockText.textContent = clock(a.remainingMs);
    [10, 1].forEach(function (m) {
      if (a.durationMs > m * 60000 && a.remainingMs <= m * 60000 && !a.announced[m] && a.remainingMs > 0) {
        a.announced[m] = true;
        this.alert.textContent = m === 10 ? "10 minutes left." : "1 minute left.";
      }
    }, this);
    this.saveAttempt(a);
    if (a.remainingMs <= 0) { this.submit(true); }
  };

  Exam.prototype.togglePause = function () {
    var a = this.state;
    a.paused = !a.paused;
    this.saveAttempt(a);
    this.pauseButton.textContent = a.paused ? "Resume" : "Pause";
    this.pausedBox.hidden = !a.paused;
    this.body.hidden = a.paused;
    this.navigator.hidden = a.paused;
    this.alert.textContent = a.paused ? "Paused: the clock has stopped." : "Resumed.";
    if (a.paused) { this.pausedBox.querySelector("button").focus(); }
    else { this.body.querySelector(".mlpro-px-qnumber").focus(); }
  };

  Exam.prototype.confirmSubmit = function () {
    var self = this;
    var a = this.state;
    var unanswered = [], marked = [];
    a.questionIds.forEach(function (id, i) {
      if (!a.answers[id]) { unanswered.push(i + 1); }
      if (a.marked[id]) { marked.push(i + 1); }
    });
    var back = button("Return to the exam", function () { self.dialog.close(); }, "mlpro-px-button mlpro-px-primary");
    this.dialog.innerHTML = "";
    [
      el("h2", { id: "mlpro-px-confirm-title", text: "Submit your answers?" }),
      el("p", { className: "mlpro-px-unanswered", text: unanswered.length
        ? "Unanswered (" + unanswered.length + "): " + numbers(unanswered) + ". They count as wrong."
        : "Every question is answered." }),
      el("p", { className: "mlpro-px-marked", text: marked.length
        ? "Marked for review (" + marked.length + "): " + numbers(marked) + "."
        : "No question is marked for review." }),
      el("p", {}, [back, " ", button("Submit now", function () { self.dialog.close(); self.submit(false); })])
    ].forEach(function (n) { self.dialog.appendChild(n); });
    this.dialog.showModal();
    back.focus();
  };

  Exam.prototype.submit = function (timeUp) {
    var self = this;
    this.stopClock();
    var a = this.state;
    var result = score(a.questionIds, a.answers, a.positions);
    var now = new Date().toISOString();
    var record = {
      form: this.form, seed: this.seed, startedAt: a.startedAt, submittedAt: now, timeUp: !!timeUp,
      usedMs: a.durationMs - Math.max(0, a.remainingMs), questionIds: a.questionIds,
      answers: a.answers, marked: a.marked, positions: a.positions || null,
      right: result.right, total: result.total,
      percent: result.percent
    };
    var d = data();
    window.mlproProgress.update(function (s) {
      delete s.current[self.key];
      (s.attempts[self.historyKey] = s.attempts[self.historyKey] || []).push(record);
      a.questionIds.forEach(function (id) {
        var q = shownIn(a, id);
        if (!a.answers[id]) { return; } // unanswered: scored as wrong, but not a "mistake"
        window.mlproProgress.recordAnswerIn(s, { source: "exam", questionId: id, bank: q.bank,
          correct: a.answers[id] === q.answer, choice: a.answers[id] || "", objectives: q.objectives, at: now });
      });
    });
    this.renderResults(record, timeUp);
  };

  Exam.prototype.renderResults = function (record, timeUp) {
    this.clear();
    var self = this;
    var d = data();
    var result = score(record.questionIds, record.answers, record.positions);
    var met = result.percent >= d.passMark;
    var parts = [];
    parts.push(el("h2", { className: "mlpro-px-result-title", tabindex: "-1", text: "Your result" }));
    if (timeUp) {
      parts.push(el("p", { className: "mlpro-px-notice", role: "alert",
        text: "Time is up: your attempt was submitted with the answers you had given." }));
    }
    parts.push(el("p", { className: "mlpro-px-score" }, [
      el("strong", { text: result.right + " of " + result.total + " correct (" + result.percent + "%). " }),
      met ? "\u2714 At or above the guide's " + d.passMark + "% target." :
        "\u2718 Below the guide's " + d.passMark + "% target."
    ]));
    parts.push(el("p", { className: "mlpro-px-passnote", text: "Databricks does not publish the " +
      "exam's pass mark; " + d.passMark + "% is this guide's own target, with a margin for the " +
      "difference between these questions and the real ones." }));
    parts.push(table("By domain", ["Domain", "Correct"], d.domains.filter(function (dom) {
      return result.domains[dom.id];
    }).map(function (dom) { return [dom.id + ". " + dom.title, rowText(result.domains[dom.id])]; }),
    "mlpro-px-by-domain"));
    parts.push(table("By task area (chapter)", ["Task area", "Correct"], Object.keys(result.areas).sort()
      .map(function (area) { return [areaTitle(area), rowText(result.areas[area])]; }), "mlpro-px-by-area"));
    var objectives = Object.keys(result.objectives).sort(function (x, y) {
      var a = result.objectives[x], b = result.objectives[y];
      return (a.right / a.total) - (b.right / b.total) || (b.total - a.total) || (x < y ? -1 : 1);
    });
    parts.push(table("By objective, weakest first", ["Objective", "Correct", "Where it is taught"],
      objectives.map(function (o) {
        var row = result.objectives[o];
        var missed = row.right < row.total;
        var text = (d.objectives[o] || {}).text || "";
        return [o + " " + text, rowText(row),
          missed ? [linkList(teachingLinks(o))] : ["\u2714 all correct"]];
      }), "mlpro-px-by-objective"));
    var reviewBox = el("div", { className: "mlpro-px-review" });
    var onlyMissed = el("input", { type: "checkbox", id: "mlpro-px-only-missed",
      onchange: function () { showReview(); } });
    function showReview() {
      reviewBox.innerHTML = "";
      record.questionIds.forEach(function (id, i) {
        var q = shownIn(record, id);
        var chosen = record.answers[id];
        var right = chosen === q.answer;
        if (onlyMissed.checked && right) { return; }
        var verdict = right ? "\u2714 Correct" : (chosen ? "\u2718 Wrong: you chose " + chosen : "\u2718 Not answered");
        reviewBox.appendChild(el("section", { className: "mlpro-px-reviewed", "data-question-id": id,
          "data-result": right ? "correct" : "incorrect" }, [
          el("h3", { text: "Question " + (i + 1) + ". " + verdict + "; best answer " + q.answer +
            (record.marked && record.marked[id] ? " (you marked it for review)" : "") }),
          el("p", { className: "mlpro-px-stem", html: q.stem }),
          questionMeta(q),
          optionReasons(q, chosen),
          explanation(q)
        ]));
      });
    }
    parts.push(el("h2", { text: "Review every question" }));
    parts.push(el("p", {}, [onlyMissed, el("label", { "for": "mlpro-px-only-missed", text: " Show only the questions I missed" })]));
    parts.push(reviewBox);
    parts.push(el("p", {}, [button("Back to the start of this form", function () {
      self.renderIntro(); window.scrollTo(0, 0);
    })]));
    parts.forEach(function (p) { self.root.appendChild(p); });
    showReview();
    this.root.querySelector(".mlpro-px-result-title").focus();
  };

  /* ---------- My progress ---------- */

  function scoredAnswers(state) {
    // Self-check first attempts plus every answered mock exam question: {questionId, correct}.
    var d = data();
    var out = [];
    Object.keys(state.selfChecks).forEach(function (id) {
      if (d.questions[id]) { out.push({ questionId: id, correct: !!state.selfChecks[id].correct }); }
    });
    Object.keys(state.attempts).forEach(function (form) {
      state.attempts[form].forEach(function (attempt) {
        (attempt.questionIds || []).forEach(function (id) {
          var q = d.questions[id] && shownIn(attempt, id);
          var chosen = (attempt.answers || {})[id];
          if (q && chosen) { out.push({ questionId: id, correct: chosen === q.answer }); }
        });
      });
    });
    return out;
  }

  function renderProgress(root) {
    var d = data();
    var state = window.mlproProgress.load();
    root.innerHTML = "";
    var chapters = d.chapters || [];
    var allDocs = 0, doneDocs = 0, answeredAll = 0, rightAll = 0;
    var chapterRows = chapters.map(function (chapter) {
      var done = chapter.docs.filter(function (doc) { return state.done[doc.doc]; }).length;
      var visited = chapter.docs.filter(function (doc) { return state.visits[doc.doc]; }).length;
      var ids = [];
      chapter.banks.forEach(function (bank) {
        Object.keys(d.questions).forEach(function (id) { if (d.questions[id].bank === bank) { ids.push(id); } });
      });
      var answered = ids.filter(function (id) { return state.selfChecks[id]; });
      var right = answered.filter(function (id) { return state.selfChecks[id].correct; });
      allDocs += chapter.docs.length; doneDocs += done;
      answeredAll += answered.length; rightAll += right.length;
      return [chapter.title, done + " of " + chapter.docs.length + " done (" + visited + " visited)",
        ids.length ? answered.length + " of " + ids.length : "\u2013",
        answered.length ? rowText({ right: right.length, total: answered.length }) : "\u2013"];
    });
    var answers = scoredAnswers(state);
    var domains = {}, objectives = {};
    answers.forEach(function (answer) {
      var q = d.questions[answer.questionId];
      var row = domains[q.domain] = domains[q.domain] || { right: 0, total: 0 };
      row.total += 1; row.right += answer.correct ? 1 : 0;
      q.objectives.forEach(function (o) {
        var r = objectives[o] = objectives[o] || { right: 0, total: 0 };
        r.total += 1; r.right += answer.correct ? 1 : 0;
      });
    });
    var parts = [];
    parts.push(el("p", { className: "mlpro-px-summary", text: "Pages done: " + doneDocs + " of " + allDocs +
      ". Self-check questions answered: " + answeredAll + " of " + Object.keys(d.questions).length +
      (answeredAll ? " (" + percent(rightAll, answeredAll) + "% right first time)" : "") +
      ". Mistakes to review: " + Object.keys(state.mistakes).length + "." }));
    parts.push(el("h2", { text: "By chapter" }));
    parts.push(table("Pages marked done, and self-check questions answered (first attempts)",
      ["Chapter", "Pages", "Self-check answered", "Right first time"], chapterRows, "mlpro-px-by-chapter"));
    parts.push(el("h2", { text: "By domain" }));
    parts.push(table("Self-check first attempts and mock exam answers, by the domain of the " +
      "question's first objective", ["Domain", "Correct"], d.domains.map(function (dom) {
        return [dom.id + ". " + dom.title + " (" + dom.weight + "% of the exam)",
          domains[dom.id] ? rowText(domains[dom.id]) : "nothing answered yet"];
      }), "mlpro-px-by-domain"));
    parts.push(el("h2", { text: "Weakest objectives first" }));
    var weak = Object.keys(objectives).filter(function (o) { return objectives[o].right < objectives[o].total; })
      .sort(function (x, y) {
        var a = objectives[x], b = objectives[y];
        return (a.right / a.total) - (b.right / b.total) || (b.total - a.total) || (x < y ? -1 : 1);
      });
    if (weak.length) {
      parts.push(table("Objectives with at least one wrong answer", ["Objective", "Correct", "Where it is taught"],
        weak.slice(0, 15).map(function (o) {
          return [o + " " + ((d.objectives[o] || {}).text || ""), rowText(objectives[o]),
            [linkList(teachingLinks(o))]];
        }), "mlpro-px-weak"));
    } else {
      parts.push(el("p", { text: answers.length ? "No wrong answer so far." :
        "Answer some self-check questions or take a mock exam to see your weakest objectives here." }));
    }
    parts.push(el("h2", { text: "Mock exams" }));
    var rows = [];
    Object.keys(state.attempts).sort().forEach(function (form) {
      state.attempts[form].forEach(function (a) {
        rows.push([form === "random" ? "Random (seed " + a.seed + ")" : "Form " + form,
          formatDate(a.submittedAt), a.right + " of " + a.total + " (" + a.percent + "%)"]);
      });
    });
    parts.push(rows.length ? table("Every attempt in this browser", ["Form", "Date", "Score"], rows,
      "mlpro-px-all-attempts") : el("p", { text: "No mock exam taken yet." }));
    parts.push(el("h2", { text: "Start again" }));
    var dialog = el("dialog", { className: "mlpro-px-confirm", "aria-labelledby": "mlpro-px-reset-title" });
    var cancel = button("Keep my progress", function () { dialog.close(); }, "mlpro-px-button mlpro-px-primary");
    [el("h2", { id: "mlpro-px-reset-title", text: "Delete all your progress?" }),
      el("p", { text: "This deletes, in this browser, every page marked done, every self-check answer, " +
        "every mock exam attempt (finished or not) and the mistakes list. It cannot be undone." }),
      el("p", {}, [cancel, " ", button("Delete everything", function () {
        window.mlproProgress.reset();
        dialog.close();
        renderProgress(root);
        var note = root.querySelector(".mlpro-px-summary");
        root.insertBefore(el("p", { className: "mlpro-px-notice", role: "status",
          text: "Your progress has been deleted." }), note);
        window.mlproProgress.refreshSidebar();
      })])
    ].forEach(function (n) { dialog.appendChild(n); });
    parts.push(el("p", {}, [button("Reset my progress\u2026", function () { dialog.showModal(); cancel.focus(); },
      "mlpro-px-button mlpro-px-reset")]));
    parts.push(dialog);
    parts.forEach(function (p) { root.appendChild(p); });
  }

  /* ---------- Review my mistakes ---------- */

  function renderMistakes(root) {
    var d = data();
    var state = window.mlproProgress.load();
    root.innerHTML = "";
    var ids = Object.keys(state.mistakes).filter(function (id) { return d.questions[id]; })
      .sort(function (x, y) {
        var a = state.mistakes[x].missedAt || "", b = state.mistakes[y].missedAt || "";
        return a < b ? 1 : (a > b ? -1 : (x < y ? -1 : 1));
      });
    if (!ids.length) {
      root.appendChild(el("p", { className: "mlpro-px-empty", text: "No mistakes to review: every " +
        "question you have answered wrongly (in a self-check or a mock exam) appears here, most " +
        "recently missed first, until you answer it correctly on two different days." }));
      return;
    }
    root.appendChild(el("p", { className: "mlpro-px-summary", text: ids.length + " question" +
      (ids.length === 1 ? "" : "s") + " to review, most recently missed first. A question leaves " +
      "the list after correct answers on two different days." }));
    var shown = { positions: sequencePositions("mistakes", null, ids) };
    ids.forEach(function (id, i) {
      var q = shownIn(shown, id);
      var mistake = state.mistakes[id];
      var chosen = null;
      var feedback = el("p", { className: "mlpro-px-feedback", role: "status" });
      var after = el("div", { className: "mlpro-px-after", hidden: true });
      var check = button("Check answer", function () {
        if (!chosen) { feedback.textContent = "Choose an option first, then check it."; return; }
        var right = chosen === q.answer;
        window.mlproProgress.recordAnswer({ source: "review", questionId: id, bank: q.bank, correct: right,
          choice: chosen, objectives: q.objectives });
        var now = window.mlproProgress.load().mistakes[id];
        feedback.textContent = right
          ? (now ? "\u2714 Correct. Answer it correctly on another day too and it leaves the list."
            : "\u2714 Correct, on a second day: it leaves the list.")
          : "\u2718 Not quite: you chose " + chosen + "; the best answer is " + q.answer + ".";
        after.innerHTML = "";
        after.appendChild(optionReasons(q, chosen));
        after.appendChild(explanation(q));
        var links = teachingLinks(q.objectives[0]);
        if (q.taughtIn) {
          links.unshift(el("a", { href: new URL(q.taughtIn.href, window.mlproProgress.rootUrl).href,
            className: "mlpro-px-teach", text: q.taughtIn.title }, [" (section)"]));
        }
        if (links.length) { after.appendChild(el("p", {}, ["Where it is taught: "].concat(joinNodes(links, "; ")))); }
        after.hidden = false;
        check.disabled = true;
      }, "mlpro-px-button");
      root.appendChild(el("fieldset", { className: "mlpro-px-question mlpro-px-mistake", "data-question-id": id }, [
        el("legend", {}, [el("span", { className: "mlpro-px-number", text: "Question " + (i + 1) + ". " }),
          el("span", { html: q.stem })]),
        el("p", { className: "mlpro-px-meta", text: "Missed " + formatDate(mistake.missedAt) +
          " (" + (mistake.source === "exam" ? "mock exam" : mistake.source === "review" ? "this page" : "self-check") +
          ") \u00b7 objective " + q.objectives.join(", ") + " \u00b7 " + areaTitle(q.area) }),
        radios(q, "mlpro-px-m-" + i, null, function (letter) { chosen = letter; }),
        el("p", {}, [check]), feedback, after
      ]));
    });
  }

  function init() {
    if (!window.mlproProgress) { return; }
    var roots = document.querySelectorAll(".mlpro-practice");
    if (!roots.length) { return; }
    try {
      if (!data()) { throw new Error("no practice data on this page"); }
    } catch (error) {
      roots.forEach(function (r) { r.textContent = "The practice data of this page could not be read: " + error.message; });
      return;
    }
    roots.forEach(function (root) {
      var kind = root.getAttribute("data-kind");
      try {
        if (kind === "exam") { root.mlproExam = new Exam(root); }
        else if (kind === "progress") { renderProgress(root); }
        else if (kind === "mistakes") { renderMistakes(root); }
      } catch (error) {
        // Stored data we cannot use never breaks the page: discard it and say so.
        window.mlproProgress.reset();
        root.innerHTML = "";
        root.appendChild(el("p", { className: "mlpro-px-notice", role: "alert",
          text: "Your saved progress could not be used (" + error.message + "), so it was discarded. " +
            "Reload the page to start afresh." }));
      }
    });
  }

  window.mlproPractice = { drawRandom: drawRandom, score: score, balancedPositions: balancedPositions,
    sequencePositions: sequencePositions, arranged: arranged, keySequence: function (form, seed, ids) {
      var positions = sequencePositions(form, seed, ids);
      return ids.map(function (id) { return arranged(data().questions[id], positions[id]).answer; }).join("");
    } };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
