#!/usr/bin/env node
// Thin launcher. `corridor verify …` runs a script bundle of the verify command alone
// (cli/verify-main.ts), `corridor check …` and `corridor matrix …` one of those two
// (cli/evaluate-main.ts), every other command line one of the whole program (cli/main.ts),
// each with its V8 code cache (cli/script-bundle.cts). They are built by `npm run build`
// (scripts/bundle.ts) into dist/bundle/; without them, the compiled TypeScript under dist/ runs.
// CommonJS (bin/package.json), as its loader is: no ES module is loaded on the way to the
// script, so Node's ES module loader never starts (cli/script-bundle.cts).
'use strict';
const ENTRIES = { verify: 'verify', check: 'evaluate', matrix: 'evaluate' };
const entry = Object.hasOwn(ENTRIES, process.argv[2]) ? ENTRIES[process.argv[2]] : 'corridor';

async function load() {
  const { loadCliScript } = require('../dist/cli/script-bundle.cjs');
  const script = loadCliScript(entry);
  if (script) return script.exports;
  return import(`../dist/cli/${entry === 'corridor' ? '' : `${entry}-`}entry.js`);
}

load()
  .then(({ exitQuietlyOnClosedStdout, main }) => {
    exitQuietlyOnClosedStdout();
    return main(process.argv);
  })
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(
        `corridor: internal error: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exitCode = 2;
    },
  );
