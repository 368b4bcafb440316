/* Practice pages: the readiness estimate shown on "My progress", after each mock exam and
   under the diagnostic. It counts, per domain, the learner's first answer to each question
   they had not seen before (the earliest answer anywhere: a self-check, the diagnostic or
   a mock exam; a question counts once, unanswered exam questions never) and turns the
   counts into the estimate of readiness.js, against the guide's own target.

   Relies on practice-draw.js, practice-ui.js, readiness.js (window.mlproReadiness) and
   window.mlproProgress; adds firstAnswers, readinessOf and readinessSection to
   window.mlproPractice. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var data = P.data, el = P.el;

  /* Question id -> {correct, at, source, ...}: progress.js's one rule (each question once,
     with its first answer anywhere in the guide), kept to the questions this build knows. */
  function firstAnswers(state) {
    var d = data(), all = window.mlproProgress.firstAnswers(state), first = {};
    Object.keys(all).forEach(function (id) { if (d.questions[id]) { first[id] = all[id]; } });
    return first;
  }

  /* The estimate for the stored progress: readiness.js's result plus the counts. */
  function readinessOf(state) {
    var d = data();
    var first = firstAnswers(state);
    var counts = {};
    Object.keys(first).forEach(function (id) {
      var domain = d.questions[id].domain;
      var c = counts[domain] = counts[domain] || [0, 0];
      c[0] += first[id].correct ? 1 : 0;
      c[1] += 1;
    });
    var weights = d.domains.map(function (dom) { return [dom.id, dom.weight]; });
    var result = window.mlproReadiness.readiness(counts, weights);
    result.answered = Object.keys(first).length;
    result.first = first;
    return result;
  }

  function pct(x) { return Math.round(100 * x) + "%"; }

  function domainTitle(id) {
    var dom = data().domains.filter(function (x) { return x.id === id; })[0];
    return dom ? dom.title : "domain " + id;
  }

  /* "about 42 more in Model Development, 46 in MLOps and 9 in Model Deployment". */
  function moreText(result) {
    var d = data();
    var unseen = {};
    Object.keys(d.questions).forEach(function (id) {
      if (!result.first[id]) { var dom = d.questions[id].domain; unseen[dom] = (unseen[dom] || 0) + 1; }
    });
    var parts = Object.keys(result.more).sort(function (x, y) {
      return result.more[y] - result.more[x] || (x < y ? -1 : 1);
    }).map(function (dom, i) {
      var n = result.more[dom];
      var left = unseen[dom] || 0;
      return (i === 0 ? "about " + n + " more unseen question" + (n === 1 ? "" : "s") + " in " : n + " in ") +
        domainTitle(dom) + (n > left ? " (the guide holds " + left + " you have not answered yet)" : "");
    });
    if (parts.length > 1) { parts[parts.length - 1] = "and " + parts[parts.length - 1]; }
    return parts.join(parts.length > 2 ? ", " : " ");
  }

  /* The estimate as a section: heading level 2 (3 under another heading, with level). */
  function readinessSection(state, level) {
    var d = data();
    var result = readinessOf(state);
    var target = d.passMark / 100;
    var heading = "h" + (level || 2);
    var parts = [el(heading, { text: "Readiness estimate" })];
    var summary;
    if (!result.answered) {
      summary = "No answers yet, so the estimate is the starting assumption alone: " + pct(result.mean) +
        ", somewhere between " + pct(result.low) + " and " + pct(result.high) + ". Take the diagnostic " +
        "or a self-check and it starts to say something about you.";
    } else {
      summary = "Estimated score on this guide's questions: " + pct(result.mean) + " (80% interval " +
        pct(result.low) + " to " + pct(result.high) + "), from your first answers to " + result.answered +
        " question" + (result.answered === 1 ? "" : "s") + " you had not seen before, weighted by the " +
        "exam's domains.";
    }
    parts.push(el("p", { className: "mlpro-px-readiness-score", text: summary }));
    if (result.answered) {
      var verdict = result.low >= target
        ? "\u2714 The whole interval is at or above the guide's " + d.passMark + "% target."
        : result.high < target
          ? "\u2718 The whole interval is below the guide's " + d.passMark + "% target."
          : "The interval includes the guide's " + d.passMark + "% target: not yet clear which side " +
            "of it you are on.";
      parts.push(el("p", { className: "mlpro-px-readiness-verdict", text: verdict }));
    }
    parts.push(el("p", { className: "mlpro-px-readiness-more", text: Object.keys(result.more).length
      ? "To narrow the interval to about \u00b1" + Math.round(100 * window.mlproReadiness.TARGET_HALF_WIDTH) +
        " points, answer " + moreText(result) + "."
      : "The interval is within \u00b1" + Math.round(100 * window.mlproReadiness.TARGET_HALF_WIDTH) +
        " points of the estimate; more answers still sharpen it." }));
    parts.push(P.table("Share of first answers correct, per domain (80% interval)",
      ["Domain", "First answers", "Estimate"], result.domains.map(function (dom) {
        return [dom.domain + ". " + domainTitle(dom.domain) + " (" + dom.weight + "%)",
          dom.total ? dom.right + " of " + dom.total + " right" : "none yet",
          pct(dom.mean) + " (" + pct(dom.low) + " to " + pct(dom.high) + ")"];
      }), "mlpro-px-readiness-domains"));
    parts.push(el("p", { className: "mlpro-px-readiness-note", text: "This estimates the share of this " +
      "guide's questions you get right first time; it is not a prediction of the official exam. " +
      "Databricks does not publish the pass mark: " + d.passMark + "% is this guide's own target. " +
      "Each domain starts from a uniform prior (worth two answers), so a few answers move it a lot." }));
    return el("section", { className: "mlpro-px-readiness", "data-estimate": String(result.mean),
      "data-low": String(result.low), "data-high": String(result.high),
      "data-answered": String(result.answered) }, parts);
  }

  P.firstAnswers = firstAnswers;
  P.readinessOf = readinessOf;
  P.readinessSection = readinessSection;
})();
