const operandSchema = {
  anyOf: [
    { type: 'string', pattern: '^/' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['field'],
      properties: {
        field: { type: 'string', pattern: '^/' },
        from: { type: 'integer', minimum: 0, maximum: 1000 },
        to: { type: 'integer', minimum: 1, maximum: 1000 },
      },
    },
  ],
};

/**
 * The arguments of the `x-corridor-compare` keyword (cross-field.ts), as a JSON Schema. Kept free
 * of imports: scripts/shape-validators.ts generates its validator at build time from this object
 * (the same verdict and errors as ajv compiling it, which took ~30 ms of every start: issue #14),
 * and test/constraints/cross-field.test.ts fails when the generated code is stale.
 */
export const compareMetaSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['left', 'op', 'right', 'as'],
  properties: {
    left: operandSchema,
    right: operandSchema,
    op: { enum: ['==', '!=', '<', '<=', '>', '>='] },
    as: { enum: ['decimal', 'date', 'text'] },
  },
};
