#!/usr/bin/env node
// Thin launcher: the CLI bundle (dist/bundle/, `npm run build`) when present — a few modules
// instead of hundreds to load — else the compiled TypeScript under dist/. `corridor verify …`
// runs the entry with the verify command alone (cli/verify-main.ts), bundled on its own.
import { existsSync } from 'node:fs';

const verify = process.argv[2] === 'verify';
const bundle = new URL(`../dist/bundle/${verify ? 'verify' : 'corridor'}.js`, import.meta.url);
const { exitQuietlyOnClosedStdout, main } = existsSync(bundle)
  ? await import(bundle.href)
  : await import(verify ? '../dist/cli/verify-entry.js' : '../dist/cli/entry.js');

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
