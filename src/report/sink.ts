/**
 * Where a formatter writes its report, piece by piece, in order. Formatters never build the whole
 * report as one string: a large corpus would pass V8's string limit, and every byte would be held
 * twice (as pieces and as the joined text).
 */
export interface Sink {
  write(chunk: string): void;
  /**
   * UTF-8 bytes already in the report's encoding, written as they are (the pair spool copies
   * its file through without decoding it to text and encoding it again). Optional: a sink
   * without it is given text. The caller may reuse `bytes` once the call returns.
   */
  writeBytes?(bytes: Uint8Array): void;
}

/** A sink that keeps what is written, for tests and in-process callers that want the text. */
export interface StringSink extends Sink {
  text(): string;
}

export function stringSink(): StringSink {
  const chunks: string[] = [];
  return {
    write: (chunk) => {
      chunks.push(chunk);
    },
    text: () => chunks.join(''),
  };
}

/**
 * Writes lines separated by `\n` (no newline after the last one), as `lines.join('\n')` would,
 * without holding the lines.
 */
export function lineWriter(out: Sink): (line: string) => void {
  let first = true;
  return (line) => {
    out.write(first ? line : `\n${line}`);
    first = false;
  };
}
