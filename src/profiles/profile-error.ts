import { UserError } from '../util/errors.js';

/*
 * The error a broken profile raises, apart from the reader (read.ts) so that the CLI can tell it
 * from other usage errors without loading the reader, which brings ajv and the constraint
 * validators: `verify`'s script no longer carries them (2.16 -> 1.20 MB).
 */

/** A profile problem the user must fix: file, JSON pointer, and what was expected. */
export interface ProfileProblem {
  file: string;
  pointer: string;
  message: string;
}

export class ProfileError extends UserError {
  constructor(readonly problems: ProfileProblem[]) {
    super(
      problems.length === 1
        ? `invalid profile: ${formatProblem(problems[0] as ProfileProblem)}`
        : `${problems.length} profile problems`,
      problems.map(formatProblem),
    );
    this.name = 'ProfileError';
  }
}

export function formatProblem(problem: ProfileProblem): string {
  return `${problem.file}#${problem.pointer}: ${problem.message}`;
}
