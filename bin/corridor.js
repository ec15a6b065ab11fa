#!/usr/bin/env node
// Thin launcher. `corridor verify …` runs a script bundle of the verify command alone
// (cli/verify-main.ts), `corridor check …` and `corridor matrix …` one of those two
// (cli/evaluate-main.ts), every other command line one of the whole program (cli/main.ts),
// each with its V8 code cache (cli/script-bundle.ts). They are built by `npm run build`
// (scripts/bundle.ts) into dist/bundle/; without them, the compiled TypeScript under dist/ runs.
const ENTRIES = { verify: 'verify', check: 'evaluate', matrix: 'evaluate' };
const entry = Object.hasOwn(ENTRIES, process.argv[2]) ? ENTRIES[process.argv[2]] : 'corridor';
const { exitQuietlyOnClosedStdout, main } = await load();

async function load() {
  const { loadCliScript } = await import('../dist/cli/script-bundle.js');
  const script = loadCliScript(entry);
  if (script) return script.exports;
  return import(`../dist/cli/${entry === 'corridor' ? '' : `${entry}-`}entry.js`);
}

exitQuietlyOnClosedStdout();
main(process.argv).then(
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
