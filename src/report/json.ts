import { writeJson } from './json-stream.js';
import type { Formatter } from './types.js';

/** The result as is: the contract other tools read (`schemas/matrix-output.schema.json`). */
export const jsonFormatter: Formatter = {
  id: 'json',
  description: 'The raw MatrixResult as JSON (schemas/matrix-output.schema.json)',
  extension: 'json',
  write(result, out) {
    // A spooled result's pairs are streamed from its spool in their place; its totals were
    // counted for the other formats and are not part of the contract.
    const { spool } = result;
    writeJson(
      out,
      spool ? { ...result, pairs: spool, totals: undefined, spool: undefined } : result,
    );
    out.write('\n');
  },
};
