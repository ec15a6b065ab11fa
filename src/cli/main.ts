import { registerAlgorithmsCommand } from './commands/algorithms.js';
import { registerBaselineCommand } from './commands/baseline.js';
import { registerCheckCommand } from './commands/check.js';
import { registerDoctypesCommand } from './commands/doctypes.js';
import { registerFixturesCommand } from './commands/fixtures.js';
import { registerForecastCommand } from './commands/forecast.js';
import { registerMatrixCommand } from './commands/matrix.js';
import { registerMergeCommand } from './commands/merge.js';
import { registerProfilesCommand } from './commands/profiles.js';
import { registerProfilesDiffCommand } from './commands/profiles-diff.js';
import { registerServeCommand } from './commands/serve.js';
import { registerVerifyCommand } from './commands/verify.js';
import { runProgram } from './program.js';

/**
 * Runs the CLI and resolves to the exit code: 0 clean, 1 findings at or above --fail-on,
 * 2 usage, configuration or unreadable input. User errors print a message, never a stack.
 * Commands declare their options here but load their implementation when they run, so
 * `--help` and light commands start without the engine, the verifiers and ajv.
 */
export function main(argv: string[]): Promise<number> {
  return runProgram(argv, (program, done) => {
    registerCheckCommand(program, done);
    registerMatrixCommand(program, done);
    registerVerifyCommand(program, done);
    registerProfilesCommand(program, done);
    registerProfilesDiffCommand(program, done);
    registerDoctypesCommand(program, done);
    registerAlgorithmsCommand(program, done);
    registerFixturesCommand(program, done);
    registerBaselineCommand(program, done);
    registerMergeCommand(program, done);
    registerForecastCommand(program, done);
    registerServeCommand(program, done);
  });
}
