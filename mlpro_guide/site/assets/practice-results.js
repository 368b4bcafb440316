/* Practice pages, part 4 of 7: the results of a submitted mock exam (Exam.prototype.
   renderResults): the score against the guide's own target, tables by domain, task area and
   objective (weakest first, with where each missed objective is taught), and a review of
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
    score = P.score, withReview = P.withReview;

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
    if (P.readinessSection) { parts.push(P.readinessSection(window.mlproProgress.load(), 3)); }
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
    reviewBox.appendChild(el("p", { text: "Loading the reasons and explanations\u2026" }));
    withReview(showReview);
    this.root.querySelector(".mlpro-px-result-title").focus();
  };
})();
