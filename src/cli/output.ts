import { closeSync, openSync, writeSync } from 'node:fs';
import type { Sink } from '../report/sink.js';
import { UserError } from '../util/errors.js';
import { writeAll } from '../util/write-all.js';

/** A sink to `-o <file>` or stdout; `close()` ends the output with a newline, as `emit` does. */
export interface OutputSink extends Sink {
  close(): void;
}

/** Pieces are gathered up to this many UTF-16 units before one write. */
const FLUSH_AT = 1 << 16;

/**
 * Opens `-o <file>` (on the first write, so a run that fails before it leaves no file) or stdout.
 * Writes are synchronous, so the report never accumulates in memory beyond one buffer.
 */
export function openOutput(output: string | undefined): OutputSink {
  let fd: number | undefined;
  let pending: string[] = [];
  let pendingLength = 0;
  let last = '';
  const put = (text: string | Uint8Array): void => {
    if (!output) {
      process.stdout.write(text);
      return;
    }
    try {
      fd ??= openSync(output, 'w');
      if (typeof text === 'string') writeSync(fd, text);
      else writeAll(fd, text);
    } catch {
      throw new UserError(`cannot write output file: ${output}`);
    }
  };
  const flush = (): void => {
    if (pendingLength === 0) return;
    const text = pending.join('');
    pending = [];
    pendingLength = 0;
    put(text);
  };
  return {
    write(chunk) {
      if (chunk.length === 0) return;
      pending.push(chunk);
      pendingLength += chunk.length;
      last = chunk;
      if (pendingLength >= FLUSH_AT) flush();
    },
    writeBytes(bytes) {
      if (bytes.length === 0) return;
      flush();
      // A file is written before this returns; stdout may still hold what it was given, and
      // the caller reuses its buffer.
      put(output ? bytes : Buffer.from(bytes));
      last = bytes[bytes.length - 1] === 0x0a ? '\n' : ' ';
    },
    close() {
      if (!last.endsWith('\n')) this.write('\n');
      flush();
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
