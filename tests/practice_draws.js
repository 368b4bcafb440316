/* What the practice page's own draw script (mlpro_guide/site/assets/practice-draw.js)
   draws: the random form for a range of seeds, the displayed keys of every fixed form and
   of a "Review my mistakes" list, and, for each scenario ({seed, progress}: a progress
   store as progress.js keeps it), the random form drawn for that learner, its link
   parameter and what the link gives back. Evaluated after practice-draw.js, in Node
   (tests/practice_node.js) or in Chromium; returns plain JSON. */
function practiceDraws(first, count, scenarios) {
  var practice = window.mlproPractice;
  var data = practice.data();
  var out = { random: {}, forms: {}, mistakes: "", preferring: [] };
  for (var seed = first; seed < first + count; seed++) {
    var ids = practice.drawRandom(String(seed));
    out.random[seed] = { ids: ids, keys: practice.keySequence("random", String(seed), ids) };
  }
  Object.keys(data.forms).forEach(function (name) {
    out.forms[name] = practice.keySequence(name, null, data.forms[name]);
  });
  var some = Object.keys(data.questions).sort().slice(0, 30);
  out.mistakes = practice.keySequence("mistakes", null, some);
  (scenarios || []).forEach(function (scenario) {
    var seen = practice.lastSeen(scenario.progress);
    var drawn = practice.drawRandom(scenario.seed, seen);
    var pick = practice.encodePick(drawn);
    out.preferring.push({
      seen: seen, ids: drawn, pick: pick, decoded: practice.decodePick(pick, scenario.seed),
      plain: practice.drawRandom(scenario.seed),
      keys: practice.keySequence("random", scenario.seed, drawn)
    });
  });
  return out;
}
