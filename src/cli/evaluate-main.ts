import { registerCheckCommand } from './commands/check.js';
import { registerMatrixCommand } from './commands/matrix.js';
import { runProgram } from './program.js';

/**
 * `main` for a command line whose command is `check` or `matrix` (bin/corridor.js picks it):
 * the same program with those two commands alone, which is all such a run reaches. It is the
 * entry of its own script (scripts/bundle.ts: dist/bundle/evaluate.cjs, with its code cache),
 * which holds none of the other commands' code.
 */
export function main(argv: string[]): Promise<number> {
  return runProgram(argv, (program, done) => {
    registerCheckCommand(program, done);
    registerMatrixCommand(program, done);
  });
}
