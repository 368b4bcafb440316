/* Practice pages, part 3 of 7: one mock exam session. The start page of a form (its
   rules, a seed to share for the random form, resume or discard an unfinished attempt,
   earlier attempts), then one question at a time with a navigator (answered / unanswered /
   marked, in symbols and words), a clock with pause (warnings announced at 10 and 1
   minutes), mark for review, and a confirmation naming unanswered and marked questions
   before submitting. The unfinished attempt is saved after every change, so a reload
   resumes it. URL parameters: ?seed=1234 (random form: a plain seeded draw), ?seed=1234&pick=...
   (the random form drawn for a learner, questions listed in the link, see encodePick),
   ?minutes=60 (a shorter clock). A random form opened without a seed is drawn afresh,
   preferring questions this browser has not answered, and its address gets both.

   Relies on practice-draw.js, practice-ui.js and window.mlproProgress (progress.js); puts
   the Exam constructor on window.mlproPractice. Its results page is practice-results.js. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var data = P.data, el = P.el, button = P.button, clock = P.clock, formatDate = P.formatDate,
    numbers = P.numbers, param = P.param, table = P.table, radios = P.radios,
    drawRandom = P.drawRandom, lastSeen = P.lastSeen, encodePick = P.encodePick,
    decodePick = P.decodePick, sequencePositions = P.sequencePositions, shownIn = P.shownIn,
    score = P.score, stemNodes = P.stemNodes;

  /* ---------- The exam ---------- */

  function Exam(root) {
    this.root = root;
    this.form = root.getAttribute("data-form");
    this.seed = null;
    this.randomIds = null;
    if (this.form === "random") {
      this.seed = (param("seed") || "").replace(/[^A-Za-z0-9-]/g, "").slice(0, 20);
      if (!this.seed) {
        this.seed = String(1000 + Math.floor(Math.random() * 999000));
        this.randomIds = drawRandom(this.seed, lastSeen(window.mlproProgress.load()));
        this.pick = encodePick(this.randomIds);
        var url = new URL(window.location.href);
        url.searchParams.set("seed", this.seed);
        url.searchParams.set("pick", this.pick);
        try { window.history.replaceState(null, "", url.href); } catch (error) { /* file:// */ }
      } else if (param("pick")) {
        this.pick = param("pick");
        this.randomIds = decodePick(this.pick, this.seed);
        if (!this.randomIds) {
          this.pick = null;
          this.message = "This link lists questions of another version of the question bank, " +
            "so the form was drawn from its seed alone.";
        }
      }
      if (!this.randomIds) { this.randomIds = drawRandom(this.seed); }
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
    return this.form === "random" ? this.randomIds : (data().forms[this.form] || []);
  };

  Exam.prototype.clear = function () {
    this.stopClock();
    document.documentElement.classList.remove("mlpro-px-exam-on");
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
      var link = "?seed=" + encodeURIComponent(this.seed) +
        (this.pick ? "&pick=" + encodeURIComponent(this.pick) : "");
      var seen = lastSeen(window.mlproProgress.load());
      var fresh = this.randomIds.filter(function (id) { return !seen[id]; }).length;
      parts.push(el("p", { className: "mlpro-px-new" }, [
        el("strong", { text: fresh + " of the " + this.randomIds.length + " questions" }),
        " on this form are new to you (never answered in this browser). A newly drawn random " +
        "form takes the questions you have not answered first, then those you answered longest ago."
      ]));
      parts.push(el("p", { className: "mlpro-px-seed" }, [
        "This random form is drawn with seed ", el("strong", { text: this.seed }),
        ". Anyone who opens ", el("a", { href: link, text: "this link" }),
        " gets the same " + this.randomIds.length + " questions (with the same question bank). ",
        button("Draw another random form", function () {
          var url = new URL(window.location.href);
          url.searchParams.delete("seed");
          url.searchParams.delete("pick");
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
    this.bar = bar;
    document.documentElement.classList.add("mlpro-px-exam-on");
    this.fitStickyBars();
    if (!this.onResize) {
      this.onResize = function () { if (self.bar && self.bar.isConnected) { self.fitStickyBars(); } };
      window.addEventListener("resize", this.onResize);
    }
    this.showQuestion(a.index || 0, true); // focus follows: the Start button is gone
    this.startClock();
  };

  /* The clock bar sticks just under the theme's own sticky header, whatever its height. */
  Exam.prototype.fitStickyBars = function () {
    var header = document.querySelector(".bd-header-article");
    var top = 0;
    if (header && getComputedStyle(header).position === "sticky" && header.offsetHeight) {
      top = header.offsetHeight;
    }
    var rootStyle = document.documentElement.style;
    rootStyle.setProperty("--mlpro-px-top", top + "px");
    rootStyle.setProperty("--mlpro-px-bar-height", this.bar.offsetHeight + "px");
  };

  /* Bring the question to the top of the window, just under the sticky bars, unless its
     heading is already in view there. */
  Exam.prototype.scrollToQuestion = function (heading) {
    var top = parseFloat(document.documentElement.style.getPropertyValue("--mlpro-px-top")) || 0;
    var below = top + (this.bar ? this.bar.offsetHeight : 0);
    var box = heading.getBoundingClientRect();
    if (box.top >= below && box.bottom <= window.innerHeight * 0.4) { return; }
    window.scrollTo(0, Math.max(0, window.scrollY + box.top - below - 8));
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
    // A toggle keeps its name; aria-pressed (and the flag drawn before it) says its state.
    var flag = el("span", { className: "mlpro-px-flag", "aria-hidden": "true", text: "\u2691 " });
    var markButton = el("button", { type: "button", className: "mlpro-px-button mlpro-px-mark",
      "aria-pressed": a.marked[id] ? "true" : "false",
      onclick: function () {
        if (a.marked[id]) { delete a.marked[id]; } else { a.marked[id] = true; }
        self.saveAttempt(a);
        markButton.setAttribute("aria-pressed", a.marked[id] ? "true" : "false");
        self.renderNavigator();
      } }, [flag, "Mark for review"]);
    var fieldset = el("fieldset", { className: "mlpro-px-question", "data-question-id": id }, [
      el("legend", {}, stemNodes(q.stem)),
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
    if (focus) {
      this.scrollToQuestion(heading);
      heading.focus({ preventScroll: true });
    }
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
        ? "Unanswered (" + unanswered.length + "): " + numbers(unanswered) + ". A blank earns nothing in the " +
          "exam score (as on the real exam) and counts as not attempted in your progress."
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

  P.Exam = Exam;
})();
