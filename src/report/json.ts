import type { Formatter } from './types.js';

/** The result as is: the contract other tools read (`schemas/matrix-output.schema.json`). */
export const jsonFormatter: Formatter = {
  id: 'json',
  description: 'The raw MatrixResult as JSON (schemas/matrix-output.schema.json)',
  extension: 'json',
  format(result) {
    return `${JSON.stringify(result, null, 2)}\n`;
  },
};
