/* Practice pages, part 2 of 7: what every practice page builds its markup with. Elements
   and buttons, dates and clock times, URL parameters, the links to the pages that teach an
   objective (window.mlproObjectivePages, from the quiz helper, else the exam map), tables,
   and one question shown with its options, their reasons and the explanation (used by the
   exam, its review and "Review my mistakes"), its stem cut into the scenario and the
   question sentence.

   Relies on practice-draw.js (data, percent) and on window.mlproProgress.rootUrl
   (progress.js); adds its helpers to window.mlproPractice. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var data = P.data, percent = P.percent;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "text") { node.textContent = value; }
      else if (name === "html") { node.innerHTML = value; } // bank text: escaped at build time
      else if (name === "className") { node.className = value; }
      else if (name.slice(0, 2) === "on") { node.addEventListener(name.slice(2), value); }
      else { node.setAttribute(name, value === true ? "" : value); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function button(text, onclick, className) {
    return el("button", { type: "button", className: className || "mlpro-px-button", text: text,
      onclick: onclick });
  }

  function formatDate(iso) {
    var date = new Date(iso);
    return date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" }) +
      " " + date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  }

  function clock(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function numbers(list) {
    return (list.length === 1 ? "question " : "questions ") + list.join(", ");
  }

  function param(name) {
    return new URLSearchParams(window.location.search).get(name);
  }

  /* ---------- Pages that teach an objective ---------- */

  var MAX_LINKS = 3;

  function examMapLink(objectiveId, text) {
    return el("a", { href: new URL("book/exam-map.html#objective-" + objectiveId.replace(/\./g, "-"),
      window.mlproProgress.rootUrl).href, className: "mlpro-px-teach", text: text });
  }

  /* The first pages and notebooks that teach an objective (the quiz helper's map), then
     the exam map for the rest. */
  function teachingLinks(objectiveId) {
    var map = window.mlproObjectivePages || {};
    var pages = map[objectiveId] || [];
    if (!pages.length) { return [examMapLink(objectiveId, "Exam map")]; }
    var links = pages.slice(0, MAX_LINKS).map(function (page) {
      return el("a", { href: page.href, className: "mlpro-px-teach", text: page.title }, [
        page.kind === "notebook" ? " (notebook)" : ""
      ]);
    });
    if (pages.length > MAX_LINKS) {
      links.push(examMapLink(objectiveId, (pages.length - MAX_LINKS) + " more in the exam map"));
    }
    return links;
  }

  function linkList(links) {
    return el("ul", { className: "mlpro-px-links" }, links.map(function (link) {
      return el("li", {}, [link]);
    }));
  }

  function joinNodes(nodes, separator) {
    var out = [];
    nodes.forEach(function (node, i) { if (i) { out.push(separator); } out.push(node); });
    return out;
  }

  function table(caption, headers, rows, className) {
    return el("table", { className: "mlpro-px-table " + (className || "") }, [
      el("caption", { text: caption }),
      el("thead", {}, [el("tr", {}, headers.map(function (h) {
        return el("th", { scope: "col", text: h });
      }))]),
      el("tbody", {}, rows.map(function (cells) {
        return el("tr", {}, cells.map(function (cell, i) {
          var content = typeof cell === "string" || typeof cell === "number" ? [String(cell)] : cell;
          return el(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {}, content);
        }));
      }))
    ]);
  }

  function rowText(row) { return row.right + " of " + row.total + " (" + percent(row.right, row.total) + "%)"; }

  function areaTitle(area) { return data().banks[area] || area; }

  /* ---------- One question (exam, review and mistakes) ---------- */

  /* A stem's HTML cut before its last sentence when that sentence is the question:
     [scenario, question]; [stem, ""] when the last sentence asks nothing, ["", stem] for a
     one-sentence question. A sentence ends at ". ", "? ", "! " or ": " before a capital, a
     quote or a parenthesis (in code or not), never inside <code>. Pure: the tests run it
     in Node over every stem. */
  function stemParts(html) {
    var boundary = /([.?!:])(\s+)(?=(?:<code>)?[A-Z"\u201c(])/g;
    var cut = -1, match;
    while ((match = boundary.exec(html)) !== null) {
      var before = html.slice(0, match.index);
      if ((before.match(/<code>/g) || []).length <= (before.match(/<\/code>/g) || []).length) {
        cut = match.index + match[0].length;
      }
    }
    var last = cut < 0 ? html : html.slice(cut);
    if (!/\?\s*$/.test(last)) { return [html, ""]; }
    return [cut < 0 ? "" : html.slice(0, cut).replace(/\s+$/, ""), last];
  }

  /* The stem as the learner reads it: the scenario in regular weight, the question sentence
     set apart below it. */
  function stemNodes(html) {
    var parts = stemParts(html);
    var nodes = [];
    if (parts[0]) { nodes.push(el("span", { className: "mlpro-px-scenario", html: parts[0] })); }
    if (parts[1]) { nodes.push(el("span", { className: "mlpro-px-ask", html: parts[1] })); }
    return nodes;
  }

  function questionMeta(q) {
    return el("p", { className: "mlpro-px-meta",
      text: "Objective " + q.objectives.join(", ") + " \u00b7 " + areaTitle(q.area) +
        " \u00b7 difficulty " + q.difficulty + " of 3" });
  }

  function optionReasons(q, chosen) {
    return el("ul", { className: "mlpro-px-reasons" }, q.options.map(function (option) {
      var best = option.letter === q.answer;
      var mine = option.letter === chosen;
      var marker = best ? "\u2714 Best answer" : "\u2718 Not the best answer";
      return el("li", { className: best ? "mlpro-px-best" : (mine ? "mlpro-px-wrong" : "") }, [
        el("strong", { text: option.letter + ". " }), el("span", { html: option.text }),
        el("br"),
        el("strong", { className: "mlpro-px-marker", text: marker + (mine ? " (your choice)" : "") + ": " }),
        el("span", { html: option.reason })
      ]);
    }));
  }

  function explanation(q) {
    var parts = [el("strong", { text: "Explanation. " }), el("span", { html: q.explanation })];
    if (q.reference) {
      parts.push(" ");
      parts.push(el("a", { href: q.reference.url, text: "Documentation: " + q.reference.title }));
    }
    return el("p", { className: "mlpro-px-explanation" }, parts);
  }

  function radios(q, name, chosen, onchange) {
    return el("div", { className: "mlpro-px-options" }, q.options.map(function (option) {
      var id = name + "-" + option.letter.toLowerCase();
      var input = el("input", { type: "radio", name: name, id: id, value: option.letter,
        onchange: function () { onchange(option.letter); } });
      if (chosen === option.letter) { input.checked = true; }
      return el("div", { className: "mlpro-px-option" }, [
        input,
        el("label", { "for": id }, [el("span", { className: "mlpro-px-letter", text: option.letter + ". " }),
          el("span", { html: option.text })])
      ]);
    }));
  }

  P.el = el;
  P.button = button;
  P.formatDate = formatDate;
  P.clock = clock;
  P.numbers = numbers;
  P.param = param;
  P.teachingLinks = teachingLinks;
  P.linkList = linkList;
  P.joinNodes = joinNodes;
  P.table = table;
  P.rowText = rowText;
  P.areaTitle = areaTitle;
  P.questionMeta = questionMeta;
  P.optionReasons = optionReasons;
  P.explanation = explanation;
  P.radios = radios;
  P.stemParts = stemParts;
  P.stemNodes = stemNodes;
})();
