/* Quiz behaviour for mlpro_guide. Safe to include many times: it sets itself up once and
   initialises every quiz on the page that is not yet initialised.

   Scoring: only the first check of a question counts. Checking locks the options; "Try
   again" unlocks them for an unscored practice attempt. The first, scored, check
   dispatches the "mlpro:answered" event on document (the contract other scripts use). */
(function () {
  "use strict";
  var ARROWS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Up", "Down", "Left", "Right"];
  var MAX_REVIEW_LINKS = 3;

  function glyph(text) {
    var span = document.createElement("span");
    span.setAttribute("aria-hidden", "true");
    span.textContent = text + " ";
    return span;
  }

  function setFeedback(element, mark, words) {
    element.textContent = "";
    if (mark) { element.appendChild(glyph(mark)); }
    element.appendChild(document.createTextNode(words));
  }

  function updateScore(quiz) {
    var total = quiz.querySelector(".mlpro-score").getAttribute("data-total");
    var checked = quiz.querySelectorAll("fieldset[data-result]").length;
    var right = quiz.querySelectorAll('fieldset[data-result="correct"]').length;
    quiz.querySelector(".mlpro-score").textContent = "Score: " + right + " correct of " +
      checked + " checked (" + total + " questions). Only first attempts count.";
    var progress = quiz.querySelector(".mlpro-progress");
    if (progress) {
      progress.textContent = "Progress: " + checked + " of " + total + " questions checked, " +
        right + " correct on the first attempt.";
      progress.hidden = false;
    }
  }

  function objectivesOf(fieldset) {
    return (fieldset.getAttribute("data-objectives") || "").split(/\s+/).filter(Boolean);
  }

  /* Links to the pages that teach the question's objectives (primary objective first),
     from window.mlproObjectivePages; none where the map is absent (JupyterLab). */
  function showReview(fieldset) {
    var review = fieldset.querySelector(".mlpro-review");
    var pages = window.mlproObjectivePages;
    if (!review || !pages || review.childNodes.length) { return; }
    var here = location.pathname;
    var seen = {};
    var links = [];
    objectivesOf(fieldset).forEach(function (objective) {
      (pages[objective] || []).forEach(function (entry) {
        var target;
        try { target = new URL(entry.href, location.href); } catch (error) { return; }
        if (seen[target.pathname] || target.pathname === here) { return; }
        seen[target.pathname] = true;
        links.push(entry);
      });
    });
    // The question's own chapter first (its bank is named after the chapter's folder).
    var chapter = "/" + fieldset.getAttribute("data-bank") + "/";
    var inChapter = function (entry) {
      return new URL(entry.href, location.href).pathname.indexOf(chapter) !== -1;
    };
    links = links.filter(inChapter).concat(links.filter(function (e) { return !inChapter(e); }));
    links = links.slice(0, MAX_REVIEW_LINKS);
    // The section that teaches the answer comes first (its href is from the book's root).
    var section = fieldset.getAttribute("data-taught-in");
    var root = document.documentElement.getAttribute("data-content_root");
    if (section && root !== null) {
      try {
        var first = new URL(root + section, location.href);
        links = links.filter(function (e) {
          return new URL(e.href, location.href).pathname !== first.pathname;
        });
        links.unshift({ href: first.href, title: fieldset.getAttribute("data-taught-in-title"),
          kind: "section" });
      } catch (error) { /* an unusable root: the objective pages remain */ }
    }
    if (!links.length) { return; }
    review.appendChild(document.createTextNode("Review: "));
    links.forEach(function (entry, index) {
      if (index) { review.appendChild(document.createTextNode("; ")); }
      var link = document.createElement("a");
      link.href = entry.href;
      link.textContent = entry.title;
      review.appendChild(link);
      review.appendChild(document.createTextNode(" (" + entry.kind + ")"));
    });
    review.hidden = false;
  }

  function setLocked(fieldset, locked) {
    fieldset.querySelectorAll("input[type=radio]").forEach(function (input) {
      input.disabled = locked;
    });
    fieldset.classList.toggle("mlpro-locked", locked);
  }

  function grade(fieldset, quiz, button) {
    var feedback = fieldset.querySelector(".mlpro-feedback");
    var chosen = fieldset.querySelector("input[type=radio]:checked");
    if (!chosen) {
      setFeedback(feedback, "", "Choose an option first, then check it.");
      return;
    }
    var answer = fieldset.getAttribute("data-answer");
    var isRight = chosen.value === answer;
    var scored = !fieldset.hasAttribute("data-result");
    fieldset.querySelectorAll(".mlpro-option").forEach(function (option) {
      var letter = option.getAttribute("data-letter");
      var reason = option.querySelector(".mlpro-reason");
      var best = letter === answer;
      var mine = letter === chosen.value;
      option.classList.toggle("mlpro-best", best);
      option.classList.toggle("mlpro-wrong-choice", mine && !best);
      var marker = option.querySelector(".mlpro-marker");
      if (!marker) {
        marker = document.createElement("strong");
        marker.className = "mlpro-marker";
        reason.insertBefore(marker, reason.firstChild);
      }
      marker.textContent = "";
      marker.appendChild(glyph(best ? "\u2714" : "\u2718"));
      marker.appendChild(document.createTextNode(
        (best ? "Best answer" : "Not the best answer") + (mine ? " (your choice)" : "") + ": "));
      reason.hidden = false;
    });
    fieldset.querySelector(".mlpro-explanation").hidden = false;
    setLocked(fieldset, true);
    var words = isRight
      ? "Correct: " + answer + " is the best answer."
      : "Incorrect: you chose " + chosen.value + "; the best answer is " + answer + ".";
    if (scored) {
      fieldset.setAttribute("data-result", isRight ? "correct" : "incorrect");
      fieldset.setAttribute("data-first-choice", chosen.value);
    } else {
      words += " (Practice attempt, not scored: your first answer, " +
        fieldset.getAttribute("data-first-choice") + ", counts.)";
    }
    setFeedback(feedback, isRight ? "\u2714" : "\u2718", words);
    if (!isRight) { showReview(fieldset); }
    button.textContent = "Try again";
    button.setAttribute("data-mode", "retry");
    updateScore(quiz);
    if (scored) {
      document.dispatchEvent(new CustomEvent("mlpro:answered", {
        detail: {
          bank: fieldset.getAttribute("data-bank"),
          questionId: fieldset.getAttribute("data-question-id"),
          choice: chosen.value,
          correct: isRight,
          objectives: objectivesOf(fieldset),
          page: location.pathname,
          at: new Date().toISOString()
        }
      }));
    }
  }

  function retry(fieldset, button) {
    fieldset.querySelectorAll(".mlpro-option").forEach(function (option) {
      option.classList.remove("mlpro-best", "mlpro-wrong-choice");
      option.querySelector(".mlpro-reason").hidden = true;
    });
    fieldset.querySelector(".mlpro-explanation").hidden = true;
    setLocked(fieldset, false);
    var chosen = fieldset.querySelector("input[type=radio]:checked");
    if (chosen) { chosen.checked = false; }
    setFeedback(fieldset.querySelector(".mlpro-feedback"), "",
      "Practice attempt: choose again and check. It does not change your score.");
    button.textContent = "Check answer";
    button.setAttribute("data-mode", "check");
    var first = fieldset.querySelector("input[type=radio]");
    if (first) { first.focus(); }
  }

  function initQuiz(quiz) {
    if (quiz.getAttribute("data-ready") === "true") { return; }
    quiz.setAttribute("data-ready", "true");
    quiz.querySelectorAll("fieldset.mlpro-question").forEach(function (fieldset) {
      fieldset.querySelector(".mlpro-fallback").hidden = true;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "mlpro-check";
      button.textContent = "Check answer";
      button.setAttribute("data-mode", "check");
      button.addEventListener("click", function () {
        if (button.getAttribute("data-mode") === "retry") {
          retry(fieldset, button);
        } else {
          grade(fieldset, quiz, button);
        }
      });
      fieldset.querySelector(".mlpro-controls").appendChild(button);
      fieldset.querySelectorAll("input[type=radio]").forEach(function (input) {
        // Arrow keys move the choice (native radio behaviour) and must not reach
        // JupyterLab's notebook shortcuts, which would move between cells instead.
        input.addEventListener("keydown", function (event) {
          if (ARROWS.indexOf(event.key) !== -1) { event.stopPropagation(); }
        });
      });
    });
    updateScore(quiz);
  }

  function initAll() {
    document.querySelectorAll("section.mlpro-quiz").forEach(initQuiz);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
