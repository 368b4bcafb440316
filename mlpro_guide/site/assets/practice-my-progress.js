/* Practice pages, part 5 of 7: the "My progress" page. The readiness estimate and the
   study plan (practice-readiness.js, practice-plan.js, when loaded); pages done per
   chapter, questions attempted and right first time per chapter, per domain and per
   objective (weakest first), all by the one rule of progress.js (each question once,
   with the first answer to it in a self-check, a notebook quiz or a mock exam;
   unanswered is not attempted), stated on the page; every mock exam attempt; export and
   import of the progress (progress-transfer.js); and a confirmed reset of everything.

   Relies on practice-draw.js, practice-ui.js and window.mlproProgress (progress.js, which
   alone reads and writes the stored progress); puts renderProgress on
   window.mlproPractice. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var data = P.data, percent = P.percent, el = P.el, button = P.button,
    table = P.table, rowText = P.rowText, formatDate = P.formatDate, linkList = P.linkList,
    teachingLinks = P.teachingLinks;

  /* ---------- My progress ---------- */

  function tally(ids, first) {
    var attempted = ids.filter(function (id) { return first[id]; });
    return { total: ids.length, attempted: attempted.length,
      right: attempted.filter(function (id) { return first[id].correct; }).length };
  }

  function attemptedText(row) { return row.attempted + " of " + row.total; }

  function rightText(row) {
    return row.attempted ? rowText({ right: row.right, total: row.attempted }) : "\u2013";
  }

  function renderProgress(root) {
    var d = data();
    var state = window.mlproProgress.load();
    // One rule (progress.js): each question once, with its first answer anywhere.
    var all = window.mlproProgress.firstAnswers(state);
    var first = {};
    Object.keys(all).forEach(function (id) { if (d.questions[id]) { first[id] = all[id]; } });
    var allIds = Object.keys(d.questions);
    root.innerHTML = "";
    var chapters = d.chapters || [];
    var allDocs = 0, doneDocs = 0;
    var chapterRows = chapters.map(function (chapter) {
      var done = chapter.docs.filter(function (doc) { return state.done[doc.doc]; }).length;
      var visited = chapter.docs.filter(function (doc) { return state.visits[doc.doc]; }).length;
      var ids = allIds.filter(function (id) { return chapter.banks.indexOf(d.questions[id].bank) !== -1; });
      var row = tally(ids, first);
      allDocs += chapter.docs.length; doneDocs += done;
      return [chapter.title, done + " of " + chapter.docs.length + " done (" + visited + " visited)",
        ids.length ? attemptedText(row) : "\u2013", rightText(row)];
    });
    var overall = tally(allIds, first);
    var objectiveIds = {};
    allIds.forEach(function (id) {
      d.questions[id].objectives.forEach(function (o) { (objectiveIds[o] = objectiveIds[o] || []).push(id); });
    });
    var objectives = {};
    Object.keys(objectiveIds).forEach(function (o) { objectives[o] = tally(objectiveIds[o], first); });
    var parts = [];
    parts.push(el("p", { className: "mlpro-px-summary", text: "Pages done: " + doneDocs + " of " + allDocs +
      ". Questions attempted: " + attemptedText(overall) +
      (overall.attempted ? "; right on the first answer: " + rightText(overall) : "") +
      ". Mistakes to review: " + Object.keys(state.mistakes).length + "." }));
    parts.push(el("p", { className: "mlpro-px-rule", text: window.mlproProgress.scoreRule }));
    if (P.readinessSection) { parts.push(P.readinessSection(state)); }
    if (P.planSection) { parts.push(P.planSection(state)); }
    parts.push(el("h2", { text: "By chapter" }));
    parts.push(table("Pages marked done, and the chapter's questions attempted (self-checks, " +
      "notebook quizzes and mock exams)",
      ["Chapter", "Pages", "Questions attempted", "Right first time"], chapterRows, "mlpro-px-by-chapter"));
    parts.push(el("h2", { text: "By domain" }));
    parts.push(table("Questions attempted and right on the first answer, by the domain of the " +
      "question's first objective", ["Domain", "Attempted", "Right first time"], d.domains.map(function (dom) {
        var row = tally(allIds.filter(function (id) { return d.questions[id].domain === dom.id; }), first);
        return [dom.id + ". " + dom.title + " (" + dom.weight + "% of the exam)", attemptedText(row),
          row.attempted ? rightText(row) : "nothing attempted yet"];
      }), "mlpro-px-by-domain"));
    parts.push(el("h2", { text: "Weakest objectives first" }));
    var weak = Object.keys(objectives).filter(function (o) {
      return objectives[o].attempted && objectives[o].right < objectives[o].attempted;
    }).sort(function (x, y) {
      var a = objectives[x], b = objectives[y];
      return (a.right / a.attempted) - (b.right / b.attempted) || (b.attempted - a.attempted) || (x < y ? -1 : 1);
    });
    if (weak.length) {
      parts.push(table("Objectives with at least one wrong first answer, the lowest share right first",
        ["Objective", "Right", "Where it is taught"],
        weak.slice(0, 15).map(function (o) {
          return [o + " " + ((d.objectives[o] || {}).text || ""), rightText(objectives[o]),
            [linkList(teachingLinks(o))]];
        }), "mlpro-px-weak"));
    } else {
      parts.push(el("p", { text: overall.attempted ? "No wrong first answer so far." :
        "Answer some self-check questions or take a mock exam to see your weakest objectives here." }));
    }
    var untouched = Object.keys(objectives).filter(function (o) { return !objectives[o].attempted; });
    if (overall.attempted && untouched.length) {
      parts.push(el("p", { className: "mlpro-px-untouched", text: untouched.length + " of " +
        Object.keys(objectives).length + " objectives have no question attempted yet; they are " +
        "not ranked here (the exam map lists every objective with the pages that teach it)." }));
    }
    parts.push(el("h2", { text: "Mock exams" }));
    var rows = [];
    Object.keys(state.attempts).sort().forEach(function (form) {
      state.attempts[form].forEach(function (a) {
        var answered = (a.questionIds || []).filter(function (id) { return (a.answers || {})[id]; }).length;
        rows.push([form === "random" ? "Random (seed " + a.seed + ")" : "Form " + form,
          formatDate(a.submittedAt), a.right + " of " + a.total + " (" + a.percent + "%)",
          answered + " of " + a.total + (answered ? ", " + percent(a.right, answered) + "% of them right" : "")]);
      });
    });
    parts.push(rows.length ? table("Every attempt in this browser (exam score: a blank earns nothing, " +
      "as on the exam)", ["Form", "Date", "Exam score", "Answered"], rows,
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
