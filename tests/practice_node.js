/* Runs mlpro_guide/site/assets/practice-draw.js, the very script the practice pages load
   to draw forms and place the best answers, in Node with a stub page and the practice
   data set as the page's practice-data.js sets it, then tests/practice_draws.js; prints
   JSON.

   node tests/practice_node.js <practice-draw.js> <practice_draws.js> <data.json> <first> <count>
     [<scenarios.json>] */
"use strict";
const fs = require("fs");
const vm = require("vm");
const [script, draws, dataFile, first, count, scenariosFile] = process.argv.slice(2);
const page = {
  readyState: "complete",
  querySelector: () => null,
  querySelectorAll: () => [],
  addEventListener: () => {},
};
global.document = page;
global.window = global;
global.mlproPracticeData = JSON.parse(fs.readFileSync(dataFile, "utf8"));
vm.runInThisContext(fs.readFileSync(script, "utf8"), { filename: script });
vm.runInThisContext(fs.readFileSync(draws, "utf8"), { filename: draws });
const scenarios = scenariosFile ? JSON.parse(fs.readFileSync(scenariosFile, "utf8")) : [];
const result = global.practiceDraws(Number(first), Number(count), scenarios);
process.stdout.write(JSON.stringify(result));
