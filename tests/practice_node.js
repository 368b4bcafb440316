/* Runs mlpro_guide/site/assets/practice-draw.js, the very script the practice pages load
   to draw forms and place the best answers, in Node with a stub page holding the practice
   data, then tests/practice_draws.js; prints JSON.

   node tests/practice_node.js <practice-draw.js> <practice_draws.js> <data.json> <first> <count> */
"use strict";
const fs = require("fs");
const vm = require("vm");
const [script, draws, dataFile, first, count] = process.argv.slice(2);
const text = fs.readFileSync(dataFile, "utf8");
const page = {
  readyState: "complete",
  querySelector: (selector) =>
    selector === "script.mlpro-practice-data" ? { textContent: text } : null,
  querySelectorAll: () => [],
  addEventListener: () => {},
};
global.document = page;
global.window = global;
vm.runInThisContext(fs.readFileSync(script, "utf8"), { filename: script });
vm.runInThisContext(fs.readFileSync(draws, "utf8"), { filename: draws });
const result = global.practiceDraws(Number(first), Number(count));
process.stdout.write(JSON.stringify(result));
