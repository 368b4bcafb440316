/* Practice pages, part 6 of 7: the "Review my mistakes" page. Every question answered
   wrongly (in a self-check, a mock exam or on this page), most recently missed first, asked
   again with its best answers placed as in any other sequence; each answer is recorded
   through window.mlproProgress, which drops a question after correct answers on two
   different days.

   Relies on practice-draw.js, practice-ui.js and window.mlproProgress (progress.js); puts
   renderMistakes on window.mlproPractice. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var data = P.data, sequencePositions = P.sequencePositions, shownIn = P.shownIn, el = P.el,
    button = P.button, formatDate = P.formatDate, areaTitle = P.areaTitle, radios = P.radios,
    optionReasons = P.optionReasons, explanation = P.explanation, teachingLinks = P.teachingLinks,
    joinNodes = P.joinNodes, stemNodes = P.stemNodes;

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
          el("span", { className: "mlpro-px-stem" }, stemNodes(q.stem))]),
        el("p", { className: "mlpro-px-meta", text: "Missed " + formatDate(mistake.missedAt) +
          " (" + (mistake.source === "exam" ? "mock exam" : mistake.source === "review" ? "this page" : "self-check") +
          ") \u00b7 objective " + q.objectives.join(", ") + " \u00b7 " + areaTitle(q.area) }),
        radios(q, "mlpro-px-m-" + i, null, function (letter) { chosen = letter; }),
        el("p", {}, [check]), feedback, after
      ]));
    });
  }

  P.renderMistakes = renderMistakes;
})();
