/* Practice pages: the diagnostic. Twenty questions from the chapter banks (drawn at build
   time by mlpro_guide/content/diagnostic.py: by exam weight, spread over the objectives,
   none from the mock exams), each checked on its own with its explanation; every answer is
   recorded through window.mlproProgress as a first answer (source "diagnostic"), and the
   readiness estimate and the study plan below the questions are drawn again after each.
   A question answered before (here or anywhere in the guide) shows that first answer
   instead of being asked again, so the estimate only counts unseen questions.

   Relies on practice-draw.js, practice-ui.js, practice-readiness.js and practice-plan.js;
   puts renderDiagnostic on window.mlproPractice. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var data = P.data, el = P.el, button = P.button, shownIn = P.shownIn, radios = P.radios,
    optionReasons = P.optionReasons, explanation = P.explanation, areaTitle = P.areaTitle;

  function renderDiagnostic(root) {
    var d = data();
    var diagnostic = d.diagnostic;
    var ids = diagnostic.questionIds.filter(function (id) { return d.questions[id]; });
    var record = { positions: {} };
    diagnostic.questionIds.forEach(function (id, i) { record.positions[id] = diagnostic.positions[i]; });
    root.innerHTML = "";
    var status = el("p", { className: "mlpro-px-summary", role: "status" });
    var results = el("div", { className: "mlpro-px-diagnostic-results" });
    function refresh() {
      var state = window.mlproProgress.load();
      var first = P.firstAnswers(state);
      var done = ids.filter(function (id) { return first[id]; });
      var right = done.filter(function (id) { return first[id].correct; });
      status.textContent = done.length + " of " + ids.length + " answered" +
        (done.length ? " (" + right.length + " right first time)" : "") +
        (done.length === ids.length ? ". The diagnostic is complete: your study plan is below." :
          ". Your study plan below is updated after each answer.");
      results.innerHTML = "";
      results.appendChild(P.readinessSection(state, 2));
      results.appendChild(P.planSection(state, 2));
    }
    root.appendChild(status);
    var seen = P.firstAnswers(window.mlproProgress.load());
    ids.forEach(function (id, i) {
      var q = shownIn(record, id);
      var legend = el("legend", {}, [el("span", { className: "mlpro-px-number", text: "Question " + (i + 1) + ". " }),
        el("span", { html: q.stem })]);
      var meta = el("p", { className: "mlpro-px-meta", text: "Objective " + q.objectives.join(", ") +
        " \u00b7 " + areaTitle(q.area) });
      var box = el("fieldset", { className: "mlpro-px-question mlpro-px-diagnostic", "data-question-id": id }, [legend, meta]);
      if (seen[id]) {
        box.appendChild(el("p", { className: "mlpro-px-feedback", text: "You answered this question before (" +
          (seen[id].correct ? "right" : "wrong") + " first time), so it already counts; it is not asked again here." }));
        root.appendChild(box);
        return;
      }
      var chosen = null;
      var feedback = el("p", { className: "mlpro-px-feedback", role: "status" });
      var after = el("div", { className: "mlpro-px-after", hidden: true });
      var options = radios(q, "mlpro-px-d-" + i, null, function (letter) { chosen = letter; });
      var check = button("Check answer", function () {
        if (!chosen) { feedback.textContent = "Choose an option first, then check it."; return; }
        var right = chosen === q.answer;
        window.mlproProgress.recordAnswer({ source: "diagnostic", questionId: id, bank: q.bank,
          correct: right, choice: chosen, objectives: q.objectives,
          page: window.mlproProgress.docname });
        feedback.textContent = right ? "\u2714 Correct." :
          "\u2718 Not quite: you chose " + chosen + "; the best answer is " + q.answer +
          ". It comes back on Review my mistakes tomorrow.";
        after.appendChild(optionReasons(q, chosen));
        after.appendChild(explanation(q));
        after.hidden = false;
        check.disabled = true;
        options.querySelectorAll("input").forEach(function (input) { input.disabled = true; });
        refresh();
      }, "mlpro-px-button");
      [options, el("p", {}, [check]), feedback, after].forEach(function (n) { box.appendChild(n); });
      root.appendChild(box);
    });
    root.appendChild(results);
    refresh();
  }

  P.renderDiagnostic = renderDiagnostic;
})();
