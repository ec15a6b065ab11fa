import { writeJson } from './json-stream.js';
import type { Formatter } from './types.js';

/** The result as is: the contract other tools read (`schemas/matrix-output.schema.json`). */
export const jsonFormatter: Formatter = {
  id: 'json',
  description: 'The raw MatrixResult as JSON (schemas/matrix-output.schema.json)',
  extension: 'json',
  write(result, out) {
    writeJson(out, result);
    out.write('\n');
  },
};
