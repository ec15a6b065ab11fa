import { registerMatrixCommand } from './commands/matrix.js';
import { runProgram } from './program.js';

/**
 * `main` for a command line whose command is `matrix` (bin/corridor.js picks it): the same
 * program with the matrix command alone, which is all such a run reaches. It is the entry of
 * its own bundle (scripts/bundle.ts), whose chunks are split by matrix's lazy imports only.
 */
export function main(argv: string[]): Promise<number> {
  return runProgram(argv, registerMatrixCommand);
}
