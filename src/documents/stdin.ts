import { readSync } from 'node:fs';

/** `-` on the command line: the document is read from standard input. */
export const STDIN = '-';

/**
 * Standard input, read in chunks up to `maxBytes`: its size is not known before, so a larger
 * input is refused once it passes the limit (returns its size so far), never held whole.
 */
export function readStdin(maxBytes: number): Uint8Array | number {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    let read: number;
    try {
      read = readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      // A non-blocking stdin (some terminals) says "try again"; anything else ends the input.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    total += read;
    if (total > maxBytes) return total;
    chunks.push(Buffer.from(chunk.subarray(0, read)));
  }
  return Buffer.concat(chunks);
}
