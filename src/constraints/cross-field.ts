import type {
  Ajv2020,
  CodeKeywordDefinition,
  ErrorObject,
  KeywordCxt,
  KeywordDefinition,
} from 'ajv/dist/2020.js';
import { _, str, stringify, strConcat } from 'ajv/dist/compile/codegen/index.js';
import namesModule from 'ajv/dist/compile/names.js';
import { commonJsDefault } from '../util/commonjs-default.js';
import { compareArguments as generatedCompareArguments } from '../generated/shape-validators.js';

/**
 * `x-corridor-compare`: a constraint keyword comparing two fields of the object it sits on,
 * which plain JSON Schema cannot do. Declarative (no code in a profile), so a profile stays data:
 *
 *   { "x-corridor-compare": { "left": "/netMass", "op": "<=", "right": "/grossMass", "as": "decimal" } }
 *   { "x-corridor-compare": { "left": { "field": "/licenceNumber", "from": 3, "to": 5 },
 *                             "op": "==", "right": "/issuingCountry", "as": "text" } }
 *
 * Operands are JSON pointers below the current object, optionally cut to characters
 * [from, to). A comparison that cannot be made — a field missing, not a string, too short for
 * its slice, or not a decimal / date — passes: required fields and formats are other
 * constraints' business, and one mistake should yield one finding.
 */
export const COMPARE_KEYWORD = 'x-corridor-compare';

// ajv's names of its generated code's variables (vErrors, errors, instancePath).
const names = commonJsDefault<typeof namesModule.default>(namesModule);

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type CompareAs = 'decimal' | 'date' | 'text';

interface Operand {
  /** Pointer tokens below the current object. */
  tokens: string[];
  pointer: string;
  from?: number;
  to?: number;
}

const SHOWN_LENGTH = 40;

interface Comparison {
  left: Operand;
  right: Operand;
  op: CompareOp;
  as: CompareAs;
}

export function addCompareKeyword(ajv: Ajv2020): void {
  const definition: CodeKeywordDefinition = {
    keyword: COMPARE_KEYWORD,
    type: 'object',
    schemaType: 'object',
    // What ajv would compile from `metaSchema: compareMetaSchema`, generated at build time; ajv
    // runs it on the keyword's value before compile, with its usual message.
    validateSchema: generatedCompareArguments as unknown as KeywordDefinition['validateSchema'],
    // Code, not a compiled function, so that ajv's standalone code can carry the shipped
    // schemas that use it (src/generated/constraint-validators.ts): the comparison is data in
    // the generated module and compareFailure its one call.
    code(cxt: KeywordCxt) {
      const { gen, data, it } = cxt;
      const comparison = parseComparison(cxt.schema as Record<string, unknown>);
      const check = gen.scopeValue('keyword', {
        ref: compareFailure,
        code: _`require(${COMPARE_RUNTIME}).compareFailure`,
      });
      const argument = gen.scopeValue('keyword', { ref: comparison, code: stringify(comparison) });
      const failure = gen.const(
        'failure',
        _`${check}(${data}, ${argument}, ${strConcat(names.instancePath, it.errorPath)})`,
      );
      // As ajv adds a compiled keyword's error: then its schema path, then counted.
      gen.if(failure, () => {
        gen.assign(_`${failure}.schemaPath`, str`${it.errSchemaPath}/${COMPARE_KEYWORD}`);
        gen.if(
          _`${names.vErrors} === null`,
          () => gen.assign(names.vErrors, _`[${failure}]`),
          () => gen.code(_`${names.vErrors}.push(${failure})`),
        );
        gen.code(_`${names.errors}++`);
      });
    },
  };
  ajv.addKeyword(definition);
}

/** How the standalone code names this module (scripts/lib/constraint-validators-source.ts). */
export const COMPARE_RUNTIME = 'corridor:cross-field';

/**
 * The error of `comparison` on `data` (the object the keyword sits on, at `base`), or
 * undefined when it holds or cannot be made. Called by the code the keyword generates.
 */
export function compareFailure(
  data: unknown,
  comparison: Comparison,
  base: string,
): Partial<ErrorObject> | undefined {
  const left = operandValue(data, comparison.left);
  const right = operandValue(data, comparison.right);
  if (left === undefined || right === undefined) return undefined;
  const order = compareAs(comparison.as, left, right);
  if (order === undefined || holds(comparison.op, order)) return undefined;
  return {
    keyword: COMPARE_KEYWORD,
    instancePath: `${base}${comparison.left.pointer}`,
    params: { op: comparison.op, right: `${base}${comparison.right.pointer}` },
    message: describeFailure(comparison, left, right, base),
  };
}

function parseComparison(schema: Record<string, unknown>): Comparison {
  const comparison = {
    left: parseOperand(schema['left']),
    right: parseOperand(schema['right']),
    op: schema['op'] as CompareOp,
    as: schema['as'] as CompareAs,
  };
  // Text has no order that means anything for these fields (dates have their own type).
  if (comparison.as === 'text' && comparison.op !== '==' && comparison.op !== '!=') {
    throw new Error(`${COMPARE_KEYWORD}: "as": "text" compares with == or != only`);
  }
  return comparison;
}

function parseOperand(value: unknown): Operand {
  const spec = typeof value === 'string' ? { field: value } : (value as Record<string, unknown>);
  const pointer = spec['field'] as string;
  const from = spec['from'] as number | undefined;
  const to = spec['to'] as number | undefined;
  if (from !== undefined && to !== undefined && to <= from) {
    throw new Error(`${COMPARE_KEYWORD}: slice of ${pointer} is empty (from ${from}, to ${to})`);
  }
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  return {
    tokens,
    pointer,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}

/** The operand's string (sliced), or undefined when the comparison cannot be made. */
function operandValue(data: unknown, operand: Operand): string | undefined {
  let current: unknown = data;
  for (const token of operand.tokens) {
    if (current === null || typeof current !== 'object') return undefined;
    // Own members only: a pointer never reaches what every object inherits.
    if (!Object.prototype.hasOwnProperty.call(current, token)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  if (typeof current !== 'string') return undefined;
  if (operand.from === undefined && operand.to === undefined) return current;
  const from = operand.from ?? 0;
  const to = operand.to ?? current.length;
  if (current.length < to) return undefined;
  return current.slice(from, to);
}

/** Sign of left − right, or undefined when either side is not of the type. */
export function compareAs(as: CompareAs, left: string, right: string): number | undefined {
  switch (as) {
    case 'decimal':
      return compareDecimals(left, right);
    case 'date':
      // YYYY-MM-DD orders as its characters do.
      if (!DATE.test(left) || !DATE.test(right)) return undefined;
      return left === right ? 0 : left < right ? -1 : 1;
    case 'text':
      return left === right ? 0 : 1;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Integer and fraction digits of a plain non-negative decimal ("1250.5"), or undefined. */
function decimalParts(text: string): [string, string] | undefined {
  const dot = text.indexOf('.');
  const int = dot < 0 ? text : text.slice(0, dot);
  const frac = dot < 0 ? '' : text.slice(dot + 1);
  if (int === '' || (dot >= 0 && frac === '') || !allDigits(int) || !allDigits(frac))
    return undefined;
  return [int, frac];
}

function allDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Exact comparison of plain non-negative decimals written as strings ("1250.50" = "1250.5",
 * "007" = "7"), digit by digit: no float rounding, and linear in the length (no regex that
 * could backtrack on a hostile run of zeros).
 */
export function compareDecimals(left: string, right: string): number | undefined {
  const a = decimalParts(left);
  const b = decimalParts(right);
  if (!a || !b) return undefined;
  const intA = a[0].slice(leadingZeros(a[0]));
  const intB = b[0].slice(leadingZeros(b[0]));
  if (intA.length !== intB.length) return intA.length < intB.length ? -1 : 1;
  if (intA !== intB) return intA < intB ? -1 : 1;
  // With trailing zeros gone, fractions order as strings do: "5" < "51" < "6".
  const fracA = a[1].slice(0, a[1].length - trailingZeros(a[1]));
  const fracB = b[1].slice(0, b[1].length - trailingZeros(b[1]));
  if (fracA === fracB) return 0;
  return fracA < fracB ? -1 : 1;
}

function leadingZeros(digits: string): number {
  let n = 0;
  while (n < digits.length && digits.charCodeAt(n) === 48) n++;
  return n;
}

function trailingZeros(digits: string): number {
  let n = 0;
  while (n < digits.length && digits.charCodeAt(digits.length - 1 - n) === 48) n++;
  return n;
}

function holds(op: CompareOp, order: number): boolean {
  switch (op) {
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

const OP_WORDS: Record<CompareOp, string> = {
  '==': 'must equal',
  '!=': 'must differ from',
  '<': 'must be less than',
  '<=': 'must be at most',
  '>': 'must be more than',
  '>=': 'must be at least',
};

/** E.g. `characters 4–5 "KZ" must equal /issuingCountry "RU"` (the caller prefixes the path). */
function describeFailure(
  comparison: Comparison,
  left: string,
  right: string,
  base: string,
): string {
  const slice = (operand: Operand) =>
    operand.from === undefined && operand.to === undefined
      ? ''
      : `characters ${(operand.from ?? 0) + 1}–${operand.to ?? 'end'} `;
  const rightPath = `${base}${comparison.right.pointer}`;
  return (
    `${slice(comparison.left)}${shown(left)} ${OP_WORDS[comparison.op]} ` +
    `${rightPath} ${slice(comparison.right)}${shown(right)}`
  );
}

/** A document value quoted for a message: escaped, and cut when long. */
function shown(value: string): string {
  return JSON.stringify(value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH)}…` : value);
}

/**
 * `x-corridor-*` keys other than the registered keyword: ajv runs non-strict (profiles may carry
 * annotations), so a misspelt keyword would silently check nothing. Profile schemas are small
 * and written by hand; the walk is bounded by the depth limit all the same.
 */
export function unknownCorridorKeywords(schema: unknown, depth = 0): string[] {
  if (schema === null || typeof schema !== 'object' || depth > 64) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-corridor-') && key !== COMPARE_KEYWORD) found.push(key);
    found.push(...unknownCorridorKeywords(value, depth + 1));
  }
  return found;
}
