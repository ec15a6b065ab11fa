/**
 * An error the user caused (bad profile, missing file, bad option). The CLI prints its
 * message without a stack trace and exits 2.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
