/* Quiz behaviour for mlpro_guide. Safe to include many times: it sets itself up once and
   initialises every quiz on the page that is not yet initialised. */
(function () {
  "use strict";
  var ARROWS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Up", "Down", "Left", "Right"];

  function updateScore(quiz) {
    var score = quiz.querySelector(".mlpro-score");
    var checked = quiz.querySelectorAll('fieldset[data-result]');
    var right = quiz.querySelectorAll('fieldset[data-result="correct"]');
    score.textContent = "Score: " + right.length + " correct of " + checked.length +
      " checked (" + score.getAttribute("data-total") + " questions).";
  }

  function grade(fieldset, quiz) {
    var feedback = fieldset.querySelector(".mlpro-feedback");
    var chosen = fieldset.querySelector("input[type=radio]:checked");
    if (!chosen) {
      feedback.textContent = "Choose an option first, then check it.";
      return;
    }
    var answer = fieldset.getAttribute("data-answer");
    var isRight = chosen.value === answer;
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
      marker.textContent = (best ? "\u2714 Best answer" : "\u2718 Not the best answer") +
        (mine ? " (your choice)" : "") + ": ";
      reason.hidden = false;
    });
    fieldset.querySelector(".mlpro-explanation").hidden = false;
    fieldset.setAttribute("data-result", isRight ? "correct" : "incorrect");
    feedback.textContent = isRight
      ? "\u2714 Correct: " + answer + " is the best answer."
      : "\u2718 Not quite: you chose " + chosen.value + "; the best answer is " + answer + ".";
    updateScore(quiz);
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
      button.addEventListener("click", function () { grade(fieldset, quiz); });
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
