import fc from 'fast-check';

/** Byte-level damage for property tests: flip bits, insert a snippet, delete a run. */
export type ByteMutation =
  | { op: 'flip'; at: number; mask: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number };

/** Byte mutations whose insertions come from `snippets` (syntax that matters to the format). */
export function byteMutationArb(snippets: readonly string[]): fc.Arbitrary<ByteMutation> {
  return fc.oneof(
    fc.record({
      op: fc.constant('flip' as const),
      at: fc.nat(),
      mask: fc.integer({ min: 1, max: 255 }),
    }),
    fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.constantFrom(...snippets),
    }),
    fc.record({
      op: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 16 }),
    }),
  );
}

export function applyByteMutation(bytes: Uint8Array, mutation: ByteMutation): Buffer {
  const buf = Buffer.from(bytes);
  switch (mutation.op) {
    case 'flip': {
      const at = mutation.at % buf.length;
      buf[at] = (buf[at] as number) ^ mutation.mask;
      return buf;
    }
    case 'insert': {
      const at = mutation.at % (buf.length + 1);
      return Buffer.concat([buf.subarray(0, at), Buffer.from(mutation.text), buf.subarray(at)]);
    }
    case 'delete': {
      const at = mutation.at % buf.length;
      return Buffer.concat([buf.subarray(0, at), buf.subarray(at + mutation.length)]);
    }
  }
}
