/* Runs browser scripts of mlpro_guide/site/assets that need no DOM (the readiness
   statistics, the review schedule) in Node, then evaluates one expression over the
   globals they define and prints its value as JSON.

   node tests/assets_node.js <script.js> [<script.js> ...] -- <expression> */
"use strict";
const fs = require("fs");
const vm = require("vm");
const args = process.argv.slice(2);
const split = args.indexOf("--");
global.window = global;
for (const script of args.slice(0, split)) {
  vm.runInThisContext(fs.readFileSync(script, "utf8"), { filename: script });
}
const value = vm.runInThisContext("(" + args.slice(split + 1).join(" ") + ")");
process.stdout.write(JSON.stringify(value));
