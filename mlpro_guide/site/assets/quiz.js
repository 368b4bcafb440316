/* Quiz behaviour for mlpro_guide. Safe to include many times: it sets itself up once and
   initialises every quiz on the page that is not yet initialised.

   Scoring: only the first answer to a question counts. Checking locks the options; "Try
   again" unlocks them for an unscored practice attempt. The first, scored, check
   dispatches the "mlpro:answered" event on document (the contract other scripts use).

   On the book's pages (where progress.js defines window.mlproProgress) the first answers
   kept in this browser are shown on load, answered, locked and with their feedback, and
   a question already answered elsewhere (another page, a mock exam) is never scored
   again: the page counts exactly what "My progress" counts. A chapter's self-check
   (data-self-check) also gets a list of its parts with the answered count of each,
   filters (all, unanswered, missed; one part or all) and a "next unanswered" jump. */
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

  function percentText(right, attempted) {
    return attempted ? " (" + Math.round(100 * right / attempted) + "%)" : "";
  }

  function updateScore(quiz) {
    var total = quiz.querySelector(".mlpro-score").getAttribute("data-total");
    var attempted = quiz.querySelectorAll("fieldset[data-result]").length;
    var right = quiz.querySelectorAll('fieldset[data-result="correct"]').length;
    var scoreWords = right + " right of " + attempted + " attempted" + percentText(right, attempted);
    var attemptedWords = attempted + " of " + total + " questions attempted";
    quiz.querySelector(".mlpro-score").textContent = "Score: " + scoreWords + ", with " +
      attemptedWords + ". Only your first answer to each question counts.";
    var progress = quiz.querySelector(".mlpro-progress");
    if (progress) {
      progress.textContent = "Progress: " + attemptedWords + "; " + scoreWords + ".";
      progress.hidden = false;
    }
    quiz.querySelectorAll(".mlpro-part").forEach(function (part) {
      var shown = quiz.querySelector('.mlpro-part-progress[data-part="' +
        part.getAttribute("data-part") + '"]');
      if (!shown) { return; }
      var n = part.querySelectorAll("fieldset.mlpro-question").length;
      var done = part.querySelectorAll("fieldset[data-result]").length;
      var good = part.querySelectorAll('fieldset[data-result="correct"]').length;
      shown.textContent = done === n
        ? "\u00b7 \u2714 all " + n + " attempted, " + good + " right"
        : "\u00b7 " + done + " of " + n + " attempted";
    });
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

  /* Show the outcome of choosing ``letter`` (null: unknown) on a question: every option's
     verdict and reason, the explanation, locked options. */
  function reveal(fieldset, letter) {
    var answer = fieldset.getAttribute("data-answer");
    fieldset.querySelectorAll(".mlpro-option").forEach(function (option) {
      var optionLetter = option.getAttribute("data-letter");
      var reason = option.querySelector(".mlpro-reason");
      var best = optionLetter === answer;
      var mine = optionLetter === letter;
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
  }

  function setRetry(button) {
    button.textContent = "Try again";
    button.setAttribute("data-mode", "retry");
  }

  function progressStore() {
    var store = window.mlproProgress;
    return store && typeof store.firstAnswer === "function" ? store : null;
  }

  function whereAnswered(first) {
    var store = progressStore();
    var when = "";
    try {
      when = first.at ? new Date(first.at).toLocaleDateString(undefined,
        { year: "numeric", month: "short", day: "numeric" }) : "";
    } catch (error) { when = ""; }
    var where = first.source === "exam"
      ? "in a mock exam (" + (first.form === "random" ? "random form" : "form " + first.form) + ")"
      : (store && first.page && first.page === store.docname ? "on this page" : "on another page of the guide");
    return where + (when ? ", " + when : "");
  }

  /* Show a first answer kept in this browser as this question's scored attempt. */
  function restore(fieldset, first, button) {
    var store = progressStore();
    var answer = fieldset.getAttribute("data-answer");
    var letter = store.letterOn(first, answer);
    if (!letter && !first.correct && first.page && first.page === store.docname) {
      letter = first.choice || null; // an older record of this very page
    }
    fieldset.querySelectorAll("input[type=radio]").forEach(function (input) {
      input.checked = input.value === letter;
    });
    reveal(fieldset, letter);
    fieldset.setAttribute("data-result", first.correct ? "correct" : "incorrect");
    fieldset.setAttribute("data-first-choice", letter || "?");
    fieldset.setAttribute("data-restored", "true");
    var words = first.correct
      ? "Correct: " + answer + " is the best answer."
      : (letter ? "Incorrect: you chose " + letter + "; the best answer is " + answer + "."
        : "Incorrect: the best answer is " + answer + ".");
    setFeedback(fieldset.querySelector(".mlpro-feedback"), first.correct ? "\u2714" : "\u2718",
      words + " Your first answer, " + whereAnswered(first) + ", kept in this browser.");
    if (!first.correct) { showReview(fieldset); }
    setRetry(button);
  }

  /* The first answer kept in this browser for this question, if any. */
  function storedFirst(fieldset) {
    var store = progressStore();
    if (!store) { return null; }
    try { return store.firstAnswer(fieldset.getAttribute("data-question-id")); } catch (error) { return null; }
  }

  function grade(fieldset, quiz, button) {
    var feedback = fieldset.querySelector(".mlpro-feedback");
    var chosen = fieldset.querySelector("input[type=radio]:checked");
    if (!chosen) {
      setFeedback(feedback, "", "Choose an option first, then check it.");
      return;
    }
    var choice = chosen.value;
    if (!fieldset.hasAttribute("data-result")) {
      // Answered meanwhile elsewhere (another tab, a mock exam): that answer is the first.
      var first = storedFirst(fieldset);
      if (first) { restore(fieldset, first, button); }
    }
    var answer = fieldset.getAttribute("data-answer");
    var isRight = choice === answer;
    var scored = !fieldset.hasAttribute("data-result");
    fieldset.querySelectorAll("input[type=radio]").forEach(function (input) {
      input.checked = input.value === choice;
    });
    reveal(fieldset, choice);
    var words = isRight
      ? "Correct: " + answer + " is the best answer."
      : "Incorrect: you chose " + choice + "; the best answer is " + answer + ".";
    if (scored) {
      fieldset.setAttribute("data-result", isRight ? "correct" : "incorrect");
      fieldset.setAttribute("data-first-choice", choice);
    } else {
      var firstChoice = fieldset.getAttribute("data-first-choice");
      words += " (Practice attempt, not scored: your first answer" +
        (firstChoice && firstChoice !== "?" ? ", " + firstChoice + "," : "") + " counts.)";
    }
    setFeedback(feedback, isRight ? "\u2714" : "\u2718", words);
    if (!isRight) { showReview(fieldset); }
    setRetry(button);
    updateScore(quiz);
    if (scored) {
      document.dispatchEvent(new CustomEvent("mlpro:answered", {
        detail: {
          bank: fieldset.getAttribute("data-bank"),
          questionId: fieldset.getAttribute("data-question-id"),
          choice: choice,
          answer: answer,
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
    var store = progressStore();
    var firsts = {};
    try { firsts = store ? store.firstAnswers(store.load()) : {}; } catch (error) { firsts = {}; }
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
      var first = firsts[fieldset.getAttribute("data-question-id")];
      if (first) { restore(fieldset, first, button); }
    });
    if (quiz.getAttribute("data-self-check") === "true") { addTools(quiz); }
    updateScore(quiz);
  }

  /* ---------- Finding questions in a long self-check ---------- */

  var FILTERS = [["all", "All questions"], ["unanswered", "Unanswered only"], ["missed", "Missed only"]];

  function questionShown(fieldset, mode, part) {
    var container = fieldset.closest(".mlpro-part");
    var inPart = !part || (!!container && container.getAttribute("data-part") === part);
    var result = fieldset.getAttribute("data-result");
    var kept = mode === "all" || (mode === "unanswered" && !result) ||
      (mode === "missed" && result === "incorrect");
    return inPart && kept;
  }

  function applyFilter(quiz, tools) {
    var mode = tools.querySelector(".mlpro-filter input:checked").value;
    var select = tools.querySelector(".mlpro-part-choice");
    var part = select ? select.value : "";
    var shown = 0, all = 0;
    quiz.querySelectorAll("fieldset.mlpro-question").forEach(function (fieldset) {
      var visible = questionShown(fieldset, mode, part);
      fieldset.hidden = !visible;
      all += 1; shown += visible ? 1 : 0;
    });
    quiz.querySelectorAll(".mlpro-part").forEach(function (node) {
      node.hidden = !node.querySelector("fieldset.mlpro-question:not([hidden])");
    });
    quiz.querySelectorAll(".mlpro-group").forEach(function (node) {
      node.hidden = !node.querySelector(".mlpro-part:not([hidden])");
    });
    var what = { all: "", unanswered: " unanswered", missed: " missed" }[mode];
    var where = part ? " in part " + part : "";
    tools.querySelector(".mlpro-filter-status").textContent = shown
      ? "Showing " + shown + " of " + all + " questions" + (what || where ? " (" +
        (what ? what.slice(1) : "all") + where + ")." : ".")
      : "No" + what + " question" + where + ". Choose another view to see the others.";
  }

  /* The next unanswered question after the one the learner is at (the last one focused,
     by keyboard or by choosing an option, else the first one on screen), among those
     shown; wraps round to the top. */
  function nextUnanswered(quiz, tools) {
    var all = Array.prototype.slice.call(quiz.querySelectorAll("fieldset.mlpro-question"));
    var here = quiz.mlproCurrent && !quiz.mlproCurrent.hidden ? quiz.mlproCurrent : null;
    var start = here ? all.indexOf(here) + 1 : -1;
    if (start < 0) {
      start = 0;
      for (var i = 0; i < all.length; i++) {
        if (!all[i].hidden && all[i].getBoundingClientRect().bottom > 0) { start = i; break; }
      }
    }
    var order = all.slice(start).concat(all.slice(0, start));
    var target = order.filter(function (f) { return !f.hidden && !f.hasAttribute("data-result"); })[0];
    var status = tools.querySelector(".mlpro-filter-status");
    if (!target) {
      var hidden = all.filter(function (f) { return f.hidden && !f.hasAttribute("data-result"); }).length;
      status.textContent = hidden
        ? "No unanswered question in this view; " + hidden + " in the questions not shown."
        : "Every question of this self-check is answered.";
      return;
    }
    quiz.mlproCurrent = target;
    target.scrollIntoView({ block: "start" });
    var input = target.querySelector("input[type=radio]");
    if (input) { input.focus({ preventScroll: true }); }
    status.textContent = "Moved to " + target.querySelector(".mlpro-number").textContent.replace(/\.$/, "") +
      ", unanswered.";
  }

  function addTools(quiz) {
    var key = quiz.id;
    quiz.addEventListener("focusin", function (event) {
      var fieldset = event.target.closest && event.target.closest("fieldset.mlpro-question");
      if (fieldset) { quiz.mlproCurrent = fieldset; }
    });
    var tools = document.createElement("div");
    tools.className = "mlpro-quiz-tools";
    var filter = document.createElement("fieldset");
    filter.className = "mlpro-filter";
    var legend = document.createElement("legend");
    legend.textContent = "Show";
    filter.appendChild(legend);
    FILTERS.forEach(function (entry, index) {
      var id = key + "-show-" + entry[0];
      var wrap = document.createElement("span");
      wrap.className = "mlpro-filter-choice";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = key + "-show";
      input.id = id;
      input.value = entry[0];
      input.checked = index === 0;
      input.addEventListener("change", function () { applyFilter(quiz, tools); });
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = entry[1];
      wrap.appendChild(input);
      wrap.appendChild(label);
      filter.appendChild(wrap);
    });
    tools.appendChild(filter);
    var parts = quiz.querySelectorAll(".mlpro-part");
    var partLabel = document.createElement("label");
    partLabel.className = "mlpro-part-label";
    partLabel.htmlFor = key + "-part";
    partLabel.textContent = "Part ";
    var select = document.createElement("select");
    select.className = "mlpro-part-choice";
    select.id = key + "-part";
    var every = document.createElement("option");
    every.value = "";
    every.textContent = "All parts";
    select.appendChild(every);
    parts.forEach(function (part) {
      var option = document.createElement("option");
      option.value = part.getAttribute("data-part");
      option.textContent = part.querySelector(".mlpro-part-heading").textContent;
      select.appendChild(option);
    });
    select.addEventListener("change", function () { applyFilter(quiz, tools); });
    var jump = document.createElement("button");
    jump.type = "button";
    jump.className = "mlpro-check mlpro-next-unanswered";
    jump.textContent = "Go to the next unanswered question";
    jump.addEventListener("click", function () { nextUnanswered(quiz, tools); });
    var row = document.createElement("p");
    row.className = "mlpro-tools-row";
    if (parts.length > 1) {
      row.appendChild(partLabel);
      row.appendChild(select);
      row.appendChild(document.createTextNode(" "));
    }
    row.appendChild(jump);
    tools.appendChild(row);
    var status = document.createElement("p");
    status.className = "mlpro-filter-status";
    status.setAttribute("role", "status");
    tools.appendChild(status);
    var store = progressStore();
    if (store && store.scoreRule) {
      var rule = document.createElement("p");
      rule.className = "mlpro-score-rule";
      rule.textContent = store.scoreRule;
      tools.appendChild(rule);
    }
    var anchor = quiz.querySelector(".mlpro-parts") || quiz.querySelector(".mlpro-progress");
    anchor.parentNode.insertBefore(tools, anchor.nextSibling);
    applyFilter(quiz, tools);
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
