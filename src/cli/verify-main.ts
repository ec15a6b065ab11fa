import { registerVerifyCommand } from './commands/verify.js';
import { runProgram } from './program.js';

/**
 * `main` for a command line whose command is `verify` (bin/corridor.js picks it): the same
 * program with the verify command alone, which is all such a run reaches. It is the entry of
 * its own script (scripts/bundle.ts: dist/bundle/verify.cjs, with its code cache), which holds
 * none of the other commands' code.
 */
export function main(argv: string[]): Promise<number> {
  return runProgram(argv, registerVerifyCommand);
}
