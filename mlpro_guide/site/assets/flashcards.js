/* The Flashcards page: shows the cards due today one at a time and records how each went.

   Relies on flashcards-schedule.js (window.mlproFlashcardSchedule, loaded first) and on the
   cards the build embeds in the page (script.mlpro-flashcards-data: id, kind, deck, front
   and back as HTML made from the book's own Markdown, href and title of the page to read).
   The schedule is kept in this browser only, under the localStorage key
   "mlpro-flashcards-v1" (separate from the quiz progress); nothing is sent anywhere.
   Unreadable stored data is discarded with a message.

   Keyboard: Space or R shows the answer; K "Knew it"; D "Didn't know". */
(function () {
  "use strict";
  var KEY = "mlpro-flashcards-v1";
  var schedule = window.mlproFlashcardSchedule;
  var discarded = false;
  var broken = false;

  function load() {
    var raw = null;
    try { raw = window.localStorage.getItem(KEY); } catch (error) { broken = true; }
    if (raw === null) { return schedule.empty(); }
    try {
      var state = JSON.parse(raw);
      if (schedule.isValid(state)) { return state; }
    } catch (error) { /* corrupt: discarded below */ }
    discarded = true;
    try { window.localStorage.removeItem(KEY); } catch (error) { broken = true; }
    return schedule.empty();
  }

  function save(state) {
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (error) { broken = true; }
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes || {}) { node.setAttribute(name, attributes[name]); }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function when(day, today) {
    if (day === schedule.addDays(today, 1)) { return "tomorrow"; }
    var days = Math.round((Date.parse(day) - Date.parse(today)) / 86400000);
    return "in " + days + " days (" + day + ")";
  }

  function start(container, cards) {
    var ids = cards.map(function (card) { return card.id; });
    var byId = {};
    cards.forEach(function (card) { byId[card.id] = card; });
    var state = load();
    var revealed = false;
    var current = null;

    container.textContent = "";
    var notice = el("p", { class: "mlpro-fc-notice", role: "status" });
    var status = el("p", { class: "mlpro-fc-status", "aria-live": "polite" });
    var card = el("section", { class: "mlpro-fc-card", "aria-label": "Flashcard" });
    var deck = el("p", { class: "mlpro-fc-deck" });
    var front = el("div", { class: "mlpro-fc-front" });
    var back = el("div", { class: "mlpro-fc-back", id: "mlpro-fc-back" });
    var answer = el("div", { class: "mlpro-fc-answer" });
    var read = el("p", { class: "mlpro-fc-read" });
    back.appendChild(answer);
    back.appendChild(read);
    var actions = el("div", { class: "mlpro-fc-actions" });
    var reveal = el("button", { type: "button", class: "mlpro-fc-reveal", "aria-controls": "mlpro-fc-back" });
    reveal.innerHTML = "Show answer <kbd>Space</kbd>";
    var didnt = el("button", { type: "button", class: "mlpro-fc-didnt" });
    var knew = el("button", { type: "button", class: "mlpro-fc-knew" });
    actions.appendChild(reveal);
    actions.appendChild(didnt);
    actions.appendChild(knew);
    card.appendChild(deck);
    card.appendChild(front);
    card.appendChild(back);
    card.appendChild(actions);
    var done = el("p", { class: "mlpro-fc-done" });
    var summary = el("p", { class: "mlpro-fc-boxes" });
    var reset = el("button", { type: "button", class: "mlpro-fc-reset" }, "Reset the flashcards' schedule");
    [notice, status, card, done, summary, reset].forEach(function (node) { container.appendChild(node); });

    if (discarded) {
      notice.textContent = "Your saved flashcard schedule could not be read and was discarded; the cards start again.";
    } else if (broken) {
      notice.textContent = "This browser does not let the page store data: the schedule lasts until you close the page.";
    } else {
      notice.hidden = true;
    }

    function today() { return schedule.dayOf(new Date()); }

    function show() {
      var day = today();
      var queue = schedule.dueToday(state, ids, day);
      var total = queue.due.length + queue.fresh.length;
      status.textContent = total
        ? plural(total, "card") + " due today: " + queue.due.length + " to review, " +
          queue.fresh.length + " new. " + ids.length + " cards in all."
        : "No card is due today. " + ids.length + " cards in all.";
      status.setAttribute("data-due", String(total));
      var counts = schedule.boxes(state, ids);
      summary.textContent = "Cards in each box (box 1 comes back after 1 day, box 5 after 30): " +
        counts.map(function (n, i) { return "box " + (i + 1) + ": " + n; }).join(", ") +
        "; never seen: " + (ids.length - counts.reduce(function (a, b) { return a + b; }, 0)) + ".";
      current = total ? byId[queue.due.length ? queue.due[0] : queue.fresh[0]] : null;
      card.hidden = !current;
      done.hidden = !!current;
      if (!current) {
        var upcoming = schedule.nextDue(state, ids, day);
        done.textContent = upcoming
          ? "Done for today. Next: " + plural(upcoming.count, "card") + " " + when(upcoming.day, day) + "."
          : "Done for today.";
        return;
      }
      revealed = false;
      card.setAttribute("data-card-id", current.id);
      deck.textContent = current.kind === "glossary" ? "Glossary term" : current.deck + " · " + current.kind;
      front.innerHTML = current.front;
      answer.innerHTML = current.back;
      read.textContent = "Read: ";
      var link = el("a", { href: current.href }, current.title);
      read.appendChild(link);
      back.hidden = true;
      reveal.hidden = false;
      reveal.setAttribute("aria-expanded", "false");
      var entry = state.cards[current.id];
      var ifKnew = schedule.next(entry, true, day);
      var ifNot = schedule.next(entry, false, day);
      knew.innerHTML = "";
      knew.appendChild(document.createTextNode("Knew it "));
      knew.appendChild(el("kbd", {}, "K"));
      knew.appendChild(el("span", { class: "mlpro-fc-when" }, "back " + when(ifKnew.due, day)));
      didnt.innerHTML = "";
      didnt.appendChild(document.createTextNode("Didn't know "));
      didnt.appendChild(el("kbd", {}, "D"));
      didnt.appendChild(el("span", { class: "mlpro-fc-when" }, "back " + when(ifNot.due, day)));
      knew.hidden = true;
      didnt.hidden = true;
    }

    function showAnswer() {
      if (!current || revealed) { return; }
      revealed = true;
      back.hidden = false;
      reveal.hidden = true;
      reveal.setAttribute("aria-expanded", "true");
      knew.hidden = false;
      didnt.hidden = false;
      knew.focus();
    }

    function answerCard(wasKnown) {
      if (!current || !revealed) { return; }
      state = schedule.rate(state, current.id, wasKnown, today());
      save(state);
      show();
      (current ? reveal : reset).focus();
    }

    reveal.addEventListener("click", showAnswer);
    knew.addEventListener("click", function () { answerCard(true); });
    didnt.addEventListener("click", function () { answerCard(false); });
    reset.addEventListener("click", function () {
      if (!window.confirm("Forget every card's box and start the flashcards again?")) { return; }
      state = schedule.empty();
      save(state);
      show();
    });

    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
      var target = event.target;
      var tag = target && target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) {
        return;
      }
      var key = event.key.toLowerCase();
      if ((key === " " || key === "enter") && (tag === "BUTTON" || tag === "A")) { return; }
      if (key === " " || key === "r") {
        if (current && !revealed) { event.preventDefault(); showAnswer(); }
      } else if (key === "k") {
        answerCard(true);
      } else if (key === "d") {
        answerCard(false);
      }
    });

    show();
  }

  function init() {
    var container = document.querySelector(".mlpro-flashcards");
    var data = document.querySelector("script.mlpro-flashcards-data");
    if (!container || !data || !schedule) { return; }
    start(container, JSON.parse(data.textContent).cards);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
