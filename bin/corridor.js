#!/usr/bin/env node
// Thin launcher: the CLI bundle (dist/bundle/, `npm run build`) when present — a few modules
// instead of hundreds to load — else the compiled TypeScript under dist/. `corridor verify …`
// runs an entry with the verify command alone (cli/verify-main.ts), `corridor check …` and
// `corridor matrix …` one with those two (cli/evaluate-main.ts), each bundled on its own.
import { existsSync } from 'node:fs';

const ENTRIES = { verify: 'verify', check: 'evaluate', matrix: 'evaluate' };
const entry = Object.hasOwn(ENTRIES, process.argv[2]) ? ENTRIES[process.argv[2]] : 'corridor';
const bundle = new URL(`../dist/bundle/${entry}.js`, import.meta.url);
const { exitQuietlyOnClosedStdout, main } = existsSync(bundle)
  ? await import(bundle.href)
  : await import(`../dist/cli/${entry === 'corridor' ? '' : `${entry}-`}entry.js`);

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
