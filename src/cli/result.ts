/** What a command action reports back to main: its exit code. */
export interface CommandResult {
  exitCode: number;
}
