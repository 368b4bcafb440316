/* What the practice page's own draw script (mlpro_guide/site/assets/practice-draw.js)
   draws: the random form for a range of seeds, and the displayed keys of every fixed form
   and of a "Review my mistakes" list. Evaluated after practice-draw.js, in Node
   (tests/practice_node.js) or in Chromium; returns plain JSON. */
function practiceDraws(first, count) {
  var practice = window.mlproPractice;
  var data = JSON.parse(document.querySelector("script.mlpro-practice-data").textContent);
  var out = { random: {}, forms: {}, mistakes: "" };
  for (var seed = first; seed < first + count; seed++) {
    var ids = practice.drawRandom(String(seed));
    out.random[seed] = { ids: ids, keys: practice.keySequence("random", String(seed), ids) };
  }
  Object.keys(data.forms).forEach(function (name) {
    out.forms[name] = practice.keySequence(name, null, data.forms[name]);
  });
  var some = Object.keys(data.questions).sort().slice(0, 30);
  out.mistakes = practice.keySequence("mistakes", null, some);
  return out;
}
