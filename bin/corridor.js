#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled TypeScript under dist/.
import { exitQuietlyOnClosedStdout } from '../dist/cli/closed-pipe.js';
import { main } from '../dist/cli/main.js';

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
