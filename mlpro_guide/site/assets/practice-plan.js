/* Practice pages: the study plan, under the diagnostic and on "My progress". The pages
   that teach the guide's questions (each question's taught_in section), ordered by the
   exam points the learner can expect to gain there: every question stands for an equal
   share of its domain's exam weight, times what is still unknown about it (1 if its first
   answer was wrong, 0 if right, and 1 minus the domain's estimated share correct if it is
   not answered yet). Each page comes with its reading time and the run time of the
   chapter's notebooks on the same objectives, both from the build. It is computed again
   from the stored answers every time it is shown, so it follows the learner.

   Relies on practice-draw.js, practice-ui.js and practice-readiness.js (readinessOf); adds
   studyPlan and planSection to window.mlproPractice. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var data = P.data, el = P.el;
  var SHOWN = 8;

  function pageOf(href) { return href.split("#")[0].replace(/\.html$/, ""); }

  /* [{doc, page, points, sections: [{href, title}], questions}] best first. */
  function studyPlan(state) {
    var d = data();
    var estimate = P.readinessOf(state);
    var mean = {}, weight = {}, size = {};
    estimate.domains.forEach(function (dom) { mean[dom.domain] = dom.mean; weight[dom.domain] = dom.weight; });
    Object.keys(d.questions).forEach(function (id) {
      var dom = d.questions[id].domain;
      size[dom] = (size[dom] || 0) + 1;
    });
    var totalWeight = 0;
    d.domains.forEach(function (dom) { totalWeight += dom.weight; });
    var byDoc = {};
    Object.keys(d.questions).sort().forEach(function (id) {
      var q = d.questions[id];
      if (!q.taughtIn) { return; }
      var doc = pageOf(q.taughtIn.href);
      var page = (d.pages || {})[doc];
      if (!page) { return; }
      var first = estimate.first[id];
      var unknown = first ? (first.correct ? 0 : 1) : 1 - mean[q.domain];
      var points = 100 * (weight[q.domain] / totalWeight) / size[q.domain] * unknown;
      var item = byDoc[doc] = byDoc[doc] || { doc: doc, page: page, points: 0, sections: [], questions: 0 };
      item.points += points;
      item.questions += 1;
      if (!item.sections.some(function (s) { return s.href === q.taughtIn.href; })) {
        item.sections.push({ href: q.taughtIn.href, title: q.taughtIn.title });
      }
    });
    return Object.keys(byDoc).map(function (k) { return byDoc[k]; })
      .filter(function (item) { return item.points > 0.005; })
      .sort(function (x, y) {
        return y.points - x.points || x.page.minutes - y.page.minutes || (x.doc < y.doc ? -1 : 1);
      });
  }

  function seconds(s) {
    return s < 60 ? s + " s" : Math.floor(s / 60) + " min " + (s % 60 < 10 ? "0" : "") + (s % 60) + " s";
  }

  function planItem(item) {
    var root = window.mlproProgress.rootUrl;
    var page = item.page;
    var notebooks = page.notebooks.map(function (nb) {
      return el("a", { href: new URL(nb.href, window.location.href).href, text: nb.title });
    });
    var times = "about " + page.minutes + " min to read";
    var runs = page.notebooks.filter(function (nb) { return nb.seconds !== null; });
    if (page.notebooks.length) {
      times += "; notebook" + (page.notebooks.length === 1 ? "" : "s") + " ";
    }
    var children = [
      el("a", { href: new URL(page.href, window.location.href).href, className: "mlpro-px-plan-page",
        text: page.title }),
      " (" + page.chapter + "): about " + item.points.toFixed(1) + " exam points to gain \u00b7 " + times
    ];
    notebooks.forEach(function (link, i) { children.push(i ? ", " : ""); children.push(link); });
    if (page.notebooks.length) {
      var total = 0;
      runs.forEach(function (nb) { total += nb.seconds; });
      children.push(runs.length === page.notebooks.length ? " (run" + (runs.length === 1 ? "s" : "") +
        " in " + seconds(total) + ", measured)" : "");
    }
    children.push(el("br"));
    children.push("Sections: ");
    item.sections.forEach(function (section, i) {
      if (i) { children.push("; "); }
      // Section titles read "Page title: Section"; the page is named just before.
      var prefix = page.title + ": ";
      var text = section.title.indexOf(prefix) === 0 ? section.title.slice(prefix.length) : section.title;
      children.push(el("a", { href: new URL(section.href, root).href, text: text }));
    });
    return el("li", { "data-doc": item.doc, "data-points": item.points.toFixed(3) }, children);
  }

  /* The plan as a section (heading level 2, or ``level``). */
  function planSection(state, level) {
    var plan = studyPlan(state);
    var estimate = P.readinessOf(state);
    var parts = [el("h" + (level || 2), { text: "Your study plan" })];
    var total = 0;
    plan.forEach(function (item) { total += item.points; });
    parts.push(el("p", { className: "mlpro-px-plan-intro", text: (estimate.answered
      ? "From your first answers to " + estimate.answered + " question" + (estimate.answered === 1 ? "" : "s") +
        ": "
      : "With no answers yet, by exam weight alone (take the diagnostic to make it yours): ") +
      "the pages to read, the most expected exam points first. A page's points are its questions' " +
      "share of the exam weight times what you do not know yet (a wrong first answer counts in " +
      "full, a right one not at all, an unanswered one by your estimate for its domain). The plan " +
      "changes as you answer more." }));
    if (!plan.length) {
      parts.push(el("p", { text: "Nothing left to gain: every question of the guide has a right first answer." }));
      return el("section", { className: "mlpro-px-plan" }, parts);
    }
    var list = el("ol", { className: "mlpro-px-plan-list" }, plan.slice(0, SHOWN).map(planItem));
    parts.push(list);
    if (plan.length > SHOWN) {
      parts.push(el("details", { className: "mlpro-px-plan-rest" }, [
        el("summary", { text: "The other " + (plan.length - SHOWN) + " pages" }),
        el("ol", { className: "mlpro-px-plan-list", start: String(SHOWN + 1) },
          plan.slice(SHOWN).map(planItem))
      ]));
    }
    parts.push(el("p", { className: "mlpro-px-meta", text: "All " + plan.length + " pages together: about " +
      total.toFixed(0) + " exam points still to gain, by this estimate." }));
    return el("section", { className: "mlpro-px-plan" }, parts);
  }

  P.studyPlan = studyPlan;
  P.planSection = planSection;
})();
