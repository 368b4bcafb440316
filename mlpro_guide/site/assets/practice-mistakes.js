/* Practice pages, part 6 of 7: the "Review my mistakes" page. Every question answered
   wrongly (in a self-check, the diagnostic, a mock exam or on this page) comes back after
   expanding intervals of 1, 3, 7 and 14 days (review-schedule.js): the questions due
   today are asked again, most recently missed first, with their best answers placed as in
   any other sequence; the others are listed with the day each comes back. Each answer is
   recorded through window.mlproProgress, which moves the question along its schedule.

   Relies on practice-draw.js, practice-ui.js, window.mlproSchedule (review-schedule.js)
   and window.mlproProgress (progress.js); puts renderMistakes on window.mlproPractice. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var data = P.data, sequencePositions = P.sequencePositions, shownIn = P.shownIn, el = P.el,
    button = P.button, formatDate = P.formatDate, areaTitle = P.areaTitle, radios = P.radios,
    optionReasons = P.optionReasons, explanation = P.explanation, teachingLinks = P.teachingLinks,
    joinNodes = P.joinNodes, withReview = P.withReview,
    stemNodes = P.stemNodes;

  /* ---------- Review my mistakes ---------- */

  /* "Tuesday 1 December" for a "YYYY-MM-DD" day, in the reader's language. */
  function dayText(day) {
    var parts = day.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2]).toLocaleDateString(undefined,
      { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  }

  /* "comes back on Tuesday 1 December (in 3 days)" for a mistake entry. */
  function comesBack(entry) {
    var schedule = window.mlproSchedule;
    var due = schedule.normalised(entry).due;
    var today = schedule.dayOf(new Date());
    var days = 0;
    while (schedule.addDays(today, days) < due && days < 400) { days += 1; }
    return "comes back on " + dayText(due) + (days === 1 ? " (tomorrow)" : " (in " + days + " days)");
  }

  function renderMistakes(root) {
    var d = data();
    var schedule = window.mlproSchedule;
    var state = window.mlproProgress.load();
    var today = schedule.dayOf(new Date());
    root.innerHTML = "";
    var all = Object.keys(state.mistakes).filter(function (id) { return d.questions[id]; })
      .sort(function (x, y) {
        var a = state.mistakes[x].missedAt || "", b = state.mistakes[y].missedAt || "";
        return a < b ? 1 : (a > b ? -1 : (x < y ? -1 : 1));
      });
    var ids = all.filter(function (id) { return schedule.isDue(state.mistakes[id], today); });
    var later = all.filter(function (id) { return ids.indexOf(id) === -1; }).sort(function (x, y) {
      var a = schedule.normalised(state.mistakes[x]).due, b = schedule.normalised(state.mistakes[y]).due;
      return a < b ? -1 : (a > b ? 1 : (x < y ? -1 : 1));
    });
    if (!all.length) {
      root.appendChild(el("p", { className: "mlpro-px-empty", text: "No mistakes to review: every " +
        "question you answer wrongly (in a self-check, the diagnostic or a mock exam) comes back " +
        "here the next day." }));
      return;
    }
    root.appendChild(el("p", { className: "mlpro-px-summary", text: (ids.length ? ids.length +
      " question" + (ids.length === 1 ? "" : "s") + " due today, most recently missed first" :
      "Nothing is due today") + (later.length ? "; " + later.length + " coming back later (listed " +
      "below)" : "") + "." }));
    if (later.length) {
      var upcoming = el("ul", { className: "mlpro-px-upcoming" }, later.map(function (id) {
        var q = d.questions[id];
        var text = el("div", { html: q.stem }).textContent;
        return el("li", { "data-question-id": id, "data-due": schedule.normalised(state.mistakes[id]).due }, [
          el("strong", { text: comesBack(state.mistakes[id]) }), ": " + (text.length > 90 ?
            text.slice(0, 87) + "\u2026" : text) + " (" + areaTitle(q.area) + ")"]);
      }));
      root.appendChild(el("details", { className: "mlpro-px-later" }, [
        el("summary", { text: "Coming back later (" + later.length + ")" }), upcoming]));
    }
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
          ? (now ? "\u2714 Correct: it " + comesBack(now) + "."
            : "\u2714 Correct at its 14-day review: it leaves the list.")
          : "\u2718 Not quite: you chose " + chosen + "; the best answer is " + q.answer +
            ". It " + comesBack(now) + ".";
        check.disabled = true;
        withReview(function (error) {
          var reviewed = shownIn(shown, id); // the view again, with the reasons now loaded
          after.innerHTML = "";
          if (error) {
            after.appendChild(el("p", { className: "mlpro-px-notice", role: "alert",
              text: "The reasons and explanations could not be loaded: " + error.message + "." }));
          }
          after.appendChild(optionReasons(reviewed, chosen));
          after.appendChild(explanation(reviewed));
          var links = teachingLinks(reviewed.objectives[0]);
          if (reviewed.taughtIn) {
            links.unshift(el("a", { href: new URL(reviewed.taughtIn.href, window.mlproProgress.rootUrl).href,
              className: "mlpro-px-teach", text: reviewed.taughtIn.title }, [" (section)"]));
          }
          if (links.length) { after.appendChild(el("p", {}, ["Where it is taught: "].concat(joinNodes(links, "; ")))); }
          after.hidden = false;
        });
      }, "mlpro-px-button");
      root.appendChild(el("fieldset", { className: "mlpro-px-question mlpro-px-mistake", "data-question-id": id }, [
        el("legend", {}, [el("span", { className: "mlpro-px-number", text: "Question " + (i + 1) + ". " }),
          el("span", { className: "mlpro-px-stem" }, stemNodes(q.stem))]),
        el("p", { className: "mlpro-px-meta", text: "Missed " + formatDate(mistake.missedAt) +
          " (" + (mistake.source === "exam" ? "mock exam" : mistake.source === "review" ? "this page" :
          mistake.source === "diagnostic" ? "diagnostic" : "self-check") +
          ") \u00b7 review " + (window.mlproSchedule.normalised(mistake).step + 1) + " of " +
          window.mlproSchedule.INTERVALS.length + " \u00b7 objective " + q.objectives.join(", ") + " \u00b7 " + areaTitle(q.area) }),
        radios(q, "mlpro-px-m-" + i, null, function (letter) { chosen = letter; }),
        el("p", {}, [check]), feedback, after
      ]));
    });
  }

  P.renderMistakes = renderMistakes;
})();
