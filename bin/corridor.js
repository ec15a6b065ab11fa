#!/usr/bin/env node
// Thin launcher: the CLI bundle (dist/bundle/, `npm run build`) when present — a few modules
// instead of hundreds to load — else the compiled TypeScript under dist/. `corridor verify …`
// and `corridor matrix …` run an entry with that command alone (cli/verify-main.ts,
// cli/matrix-main.ts), each bundled on its own.
import { existsSync } from 'node:fs';

const SINGLE = new Set(['verify', 'matrix']);
const entry = SINGLE.has(process.argv[2]) ? process.argv[2] : 'corridor';
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
