#!/usr/bin/env node
// Thin launcher. `corridor verify …` runs a script bundle of the verify command alone
// (cli/verify-main.ts), `corridor check …` and `corridor matrix …` one of those two
// (cli/evaluate-main.ts), each with its V8 code cache (cli/script-bundle.ts); other commands
// run the CLI's ES module bundle. All are built by `npm run build` (scripts/bundle.ts) into
// dist/bundle/; without them, the compiled TypeScript under dist/ runs.
import { existsSync } from 'node:fs';

const ENTRIES = { verify: 'verify', check: 'evaluate', matrix: 'evaluate' };
const entry = Object.hasOwn(ENTRIES, process.argv[2]) ? ENTRIES[process.argv[2]] : 'corridor';
const { exitQuietlyOnClosedStdout, main } = await load();

async function load() {
  if (entry !== 'corridor') {
    const { loadCliScript } = await import('../dist/cli/script-bundle.js');
    const script = loadCliScript(entry);
    if (script) return script.exports;
  }
  const bundle = new URL('../dist/bundle/corridor.js', import.meta.url);
  if (entry === 'corridor' && existsSync(bundle)) return import(bundle.href);
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
