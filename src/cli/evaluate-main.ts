import { registerCheckCommand } from './commands/check.js';
import { registerMatrixCommand } from './commands/matrix.js';
import { runProgram } from './program.js';

/**
 * `main` for a command line whose command is `check` or `matrix` (bin/corridor.js picks it):
 * the same program with those two commands alone, which is all such a run reaches. It is the
 * entry of its own bundle (scripts/bundle.ts), whose chunks are split by their lazy imports
 * only: in the bundle of every command their code came in ~45 chunks shared with the others,
 * each a module to resolve, read, compile and link.
 */
export function main(argv: string[]): Promise<number> {
  return runProgram(argv, (program, done) => {
    registerCheckCommand(program, done);
    registerMatrixCommand(program, done);
  });
}
