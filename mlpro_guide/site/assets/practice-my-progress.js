/* Practice pages, part 5 of 7: the "My progress" page. The readiness estimate and the
   study plan (practice-readiness.js, practice-plan.js, when loaded), pages done per
   chapter, self-check first attempts, results by domain and the weakest objectives
   (self-checks and mock exams together), every mock exam attempt, export and import of the
   progress (progress-transfer.js), and a confirmed reset of everything.

   Relies on practice-draw.js, practice-ui.js and window.mlproProgress (progress.js, which
   alone reads and writes the stored progress); puts renderProgress on
   window.mlproPractice. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var data = P.data, percent = P.percent, shownIn = P.shownIn, el = P.el, button = P.button,
    table = P.table, rowText = P.rowText, formatDate = P.formatDate, linkList = P.linkList,
    teachingLinks = P.teachingLinks;

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
    if (P.readinessSection) { parts.push(P.readinessSection(state)); }
    if (P.planSection) { parts.push(P.planSection(state)); }
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
    if (P.transferSection) {
      parts.push(P.transferSection(function (message) {
        renderProgress(root);
        root.insertBefore(el("p", { className: "mlpro-px-notice", role: "status", text: message }),
          root.firstChild);
      }));
    }
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

  P.renderProgress = renderProgress;
})();
