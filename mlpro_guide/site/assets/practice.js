/* Practice pages, last part: starts the mock exams, "My progress", "Review my mistakes"
   and the diagnostic for mlpro_guide. Fills every <div class="mlpro-practice"
   data-kind="exam | progress | mistakes | diagnostic"> the build put in the page, from the question data of
   _static/practice-data.js (a plain script, so it works from file:// too); progress is kept through
   window.mlproProgress (progress.js), in this browser only.

   mlpro_guide/site/practice_pages.py loads the parts in order on the practice pages only
   (PRACTICE_SCRIPTS): practice-draw.js, practice-ui.js, practice-exam.js,
   practice-results.js, practice-my-progress.js, practice-mistakes.js, readiness.js,
   practice-readiness.js, practice-plan.js, practice-diagnostic.js, progress-transfer.js,
   then this file. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var data = P.data, el = P.el, Exam = P.Exam, renderProgress = P.renderProgress,
    renderMistakes = P.renderMistakes;

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
        else if (kind === "diagnostic") { P.renderDiagnostic(root); }
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
