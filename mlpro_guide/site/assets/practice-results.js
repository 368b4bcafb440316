/* Practice pages, part 4 of 7: the results of a submitted mock exam (Exam.prototype.
   renderResults): the score against the guide's own target (a blank earns nothing, as on
   the exam), how many questions were answered and how many of those were right, tables by
   domain, task area and objective counted by the guide's one rule (right of answered,
   next to answered of all; the weakest objectives first among those answered, with where
   each missed objective is taught; the never-answered ones named apart), and a review of
   every question and option, optionally only the ones missed; the readiness estimate
   (practice-readiness.js) over every first answer so far, this attempt's included.

   Relies on practice-draw.js, practice-ui.js and the Exam of practice-exam.js. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var Exam = P.Exam, data = P.data, el = P.el, button = P.button, table = P.table,
    rowText = P.rowText, areaTitle = P.areaTitle, linkList = P.linkList,
    teachingLinks = P.teachingLinks, questionMeta = P.questionMeta,
    optionReasons = P.optionReasons, explanation = P.explanation, shownIn = P.shownIn,
    score = P.score, stemNodes = P.stemNodes, withReview = P.withReview;

  /* Per domain, task area and objective: {right, answered, total} for one attempt. A
     question left blank is counted in total only: not attempted, neither right nor wrong. */
  function answeredTables(record) {
    var d = data();
    var tables = { domains: {}, areas: {}, objectives: {} };
    function add(table, key, answered, right) {
      var row = table[key] = table[key] || { right: 0, answered: 0, total: 0 };
      row.total += 1;
      row.answered += answered ? 1 : 0;
      row.right += right ? 1 : 0;
    }
    record.questionIds.forEach(function (id) {
      if (!d.questions[id]) { return; }
      var q = shownIn(record, id);
      var chosen = (record.answers || {})[id];
      var right = !!chosen && chosen === q.answer;
      add(tables.domains, q.domain, !!chosen, right);
      add(tables.areas, q.area, !!chosen, right);
      q.objectives.forEach(function (o) { add(tables.objectives, o, !!chosen, right); });
    });
    return tables;
  }

  function answeredText(row) { return row.answered + " of " + row.total; }

  function rightText(row) {
    return row.answered ? rowText({ right: row.right, total: row.answered }) : "\u2013 (none answered)";
  }

  Exam.prototype.renderResults = function (record, timeUp) {
    this.clear();
    var self = this;
    var d = data();
    var result = score(record.questionIds, record.answers, record.positions);
    var tables = answeredTables(record);
    var answered = record.questionIds.filter(function (id) { return (record.answers || {})[id]; }).length;
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
    parts.push(el("p", { className: "mlpro-px-attempted", text: "You answered " + answered + " of " +
      result.total + " questions: " + (answered ? rowText({ right: result.right, total: answered }) +
      " right of those answered." : "none answered.") + " The score above is the exam's own count: " +
      "a question left blank earns nothing, as on the real exam." }));
    parts.push(el("p", { className: "mlpro-px-rule", text: window.mlproProgress.scoreRule +
      " The tables below count this attempt in the same way: right answers \u00f7 questions " +
      "answered, next to how many were answered." }));
    parts.push(el("p", { className: "mlpro-px-passnote", text: "Databricks does not publish the " +
      "exam's pass mark; " + d.passMark + "% is this guide's own target, with a margin for the " +
      "difference between these questions and the real ones." }));
    if (P.readinessSection) { parts.push(P.readinessSection(window.mlproProgress.load(), 3)); }
    parts.push(table("By domain", ["Domain", "Answered", "Right of answered"], d.domains.filter(function (dom) {
      return tables.domains[dom.id];
    }).map(function (dom) {
      var row = tables.domains[dom.id];
      return [dom.id + ". " + dom.title, answeredText(row), rightText(row)];
    }), "mlpro-px-by-domain"));
    parts.push(table("By task area (chapter)", ["Task area", "Answered", "Right of answered"],
      Object.keys(tables.areas).sort().map(function (area) {
        var row = tables.areas[area];
        return [areaTitle(area), answeredText(row), rightText(row)];
      }), "mlpro-px-by-area"));
    var attempted = Object.keys(tables.objectives).filter(function (o) { return tables.objectives[o].answered; });
    var blank = Object.keys(tables.objectives).filter(function (o) { return !tables.objectives[o].answered; }).sort();
    attempted.sort(function (x, y) {
      var a = tables.objectives[x], b = tables.objectives[y];
      return (a.right / a.answered) - (b.right / b.answered) || (b.answered - a.answered) || (x < y ? -1 : 1);
    });
    parts.push(attempted.length ? table("By objective, weakest first (objectives with at least one answer)",
      ["Objective", "Right", "Where it is taught"],
      attempted.map(function (o) {
        var row = tables.objectives[o];
        var text = (d.objectives[o] || {}).text || "";
        return [o + " " + text, rowText({ right: row.right, total: row.answered }),
          row.right < row.answered ? [linkList(teachingLinks(o))] : ["\u2714 all answered right"]];
      }), "mlpro-px-by-objective") : el("p", { className: "mlpro-px-none",
      text: "No question answered, so no objective to rank." }));
    if (blank.length) {
      parts.push(el("p", { className: "mlpro-px-blank", text: "Not attempted in this attempt (every " +
        "question on them left blank, so not ranked above): " + blank.join(", ") + "." }));
    }
    var reviewBox = el("div", { className: "mlpro-px-review" });
    var onlyMissed = el("input", { type: "checkbox", id: "mlpro-px-only-missed",
      onchange: function () { withReview(showReview); } });
    function showReview(error) {
      reviewBox.innerHTML = "";
      if (error) {
        reviewBox.appendChild(el("p", { className: "mlpro-px-notice", role: "alert",
          text: "The reasons and explanations could not be loaded: " + error.message + "." }));
      }
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
          el("p", { className: "mlpro-px-stem" }, stemNodes(q.stem)),
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
    reviewBox.appendChild(el("p", { text: "Loading the reasons and explanations\u2026" }));
    withReview(showReview);
    this.root.querySelector(".mlpro-px-result-title").focus();
  };
})();
