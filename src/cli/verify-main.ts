import { registerVerifyCommand } from './commands/verify.js';
import { runProgram } from './program.js';

/**
 * `main` for a command line whose command is `verify` (bin/corridor.js picks it): the same
 * program with the verify command alone, which is all such a run reaches. It is the entry of
 * its own bundle (scripts/bundle.ts), whose chunks are split by verify's lazy imports only: a
 * batch verify loads ~10 modules instead of ~30 shared with the other commands.
 */
export function main(argv: string[]): Promise<number> {
  return runProgram(argv, registerVerifyCommand);
}
