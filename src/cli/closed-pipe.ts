/**
 * `corridor matrix -f json | head` closes stdout before the report is written. Node then emits
 * EPIPE as an unhandled 'error' event, which prints a stack trace. A closed pipe only means the
 * reader wants no more: stop quietly with the exit code the run has so far (0 if none yet).
 * Any other write error on stdout is reported in one line, exit 2.
 */
export function exitQuietlyOnClosedStdout(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`corridor: cannot write to standard output: ${error.message}\n`);
    process.exit(2);
  });
}
