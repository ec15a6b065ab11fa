import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { profile as generatedProfileValidator } from '../generated/shape-validators.js';
import type { ProfileFile } from './types.js';

/** profile.schema.json ships in profiles/ beside the shipped profiles so editors find it. */
export const PROFILE_SCHEMA_PATH = fileURLToPath(
  new URL('../../profiles/profile.schema.json', import.meta.url),
);

/**
 * profile.schema.json compiled when corridor is built (scripts/shape-validators.ts), not at
 * every start: ~20 ms less per process and per pool worker, and no ajv instance for commands
 * that only read profiles.
 */
const profileValidator = generatedProfileValidator as unknown as ValidateFunction;

export interface SchemaProblem {
  pointer: string;
  message: string;
}

/** Validates a parsed profile; problems name the JSON pointer and what was expected. */
export function validateProfileShape(value: unknown): SchemaProblem[] {
  const validate = profileValidator;
  if (validate(value)) return [];
  return simplify(validate.errors ?? []);
}

export function isProfileFile(value: unknown): value is ProfileFile {
  return validateProfileShape(value).length === 0;
}

/** ajv reports every branch of a oneOf/allOf; keep the most specific message per pointer. */
function simplify(errors: ErrorObject[]): SchemaProblem[] {
  const byPointer = new Map<string, string>();
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'allOf' || error.keyword === 'if') continue;
    const pointer = pointerOf(error);
    if (byPointer.has(pointer)) continue;
    byPointer.set(pointer, describe(error));
  }
  return [...byPointer].map(([pointer, message]) => ({ pointer, message }));
}

function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const extra =
    typeof params['additionalProperty'] === 'string'
      ? params['additionalProperty']
      : typeof params['unevaluatedProperty'] === 'string'
        ? params['unevaluatedProperty']
        : typeof params['missingProperty'] === 'string'
          ? params['missingProperty']
          : undefined;
  const base = error.instancePath || '';
  return extra !== undefined ? `${base}/${extra}` : base || '/';
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'unknown property (not in profile.schema.json)';
    case 'required':
      return 'required property is missing';
    case 'enum':
      return `expected one of ${JSON.stringify(params['allowedValues'])}`;
    case 'type':
      return `expected ${String(params['type'])}`;
    case 'pattern':
      return `expected a string matching ${String(params['pattern'])}`;
    default:
      return error.message ?? error.keyword;
  }
}
