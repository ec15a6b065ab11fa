#!/usr/bin/env node
// Thin launcher: the CLI bundle (dist/bundle/, `npm run build`) when present — a few modules
// instead of hundreds to load — else the compiled TypeScript under dist/.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/corridor.js', import.meta.url);
const { exitQuietlyOnClosedStdout, main } = existsSync(bundle)
  ? await import(bundle.href)
  : await import('../dist/cli/entry.js');

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
