/** Where the progress bar draws; a parameter so tests need no terminal. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  env?: NodeJS.ProcessEnv;
  /** Runs shorter than this never show a bar (ms). */
  delayMs?: number;
  now?: () => number;
}

/**
 * A progress bar for `run`'s onDocument callback — only on an interactive terminal outside CI,
 * and only once the run has lasted a moment, so piped output, CI logs and quick runs stay
 * silent. Returns undefined when no bar will ever be drawn.
 */
export function progressBar(
  options: ProgressOptions = {},
): ((done: number, total: number) => void) | undefined {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  if (stream.isTTY !== true || env['CI'] !== undefined) return undefined;
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 500;
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;
  return (done, total) => {
    const t = now();
    const finished = done >= total;
    if (finished) {
      // Leave the terminal clean for the report that follows.
      if (drawn) stream.write('\r\u001b[2K');
      return;
    }
    if (t - started < delayMs || t - lastDraw < 100) return;
    lastDraw = t;
    drawn = true;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 30));
    const filled = Math.round((done / total) * width);
    stream.write(
      `\r\u001b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} documents`,
    );
  };
}
