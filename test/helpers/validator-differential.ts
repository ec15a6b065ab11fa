import { expect } from 'vitest';

/**
 * A JSON value with one value somewhere replaced, or, when `replacement` is undefined at an
 * object's member, that member removed: `path` picks a member or element at each depth (modulo
 * how many there are). For differential tests of validators over mutated shipped data.
 */
export function mutated(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[(path[0] as number) % keys.length] as string;
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : { ...(value as Record<string, unknown>) };
  if (replacement === undefined && path.length === 1 && !Array.isArray(value)) delete copy[key];
  else copy[key] = mutated((value as Record<string, unknown>)[key], path.slice(1), replacement);
  return copy;
}

/** A validator as ajv gives it, generated or compiled. */
export interface Validator {
  (value: unknown): boolean;
  errors?: unknown;
}

/** Asserts that both validators give `value` the same verdict and errors; the verdict. */
export function expectSameVerdict(
  generated: Validator,
  compiled: Validator,
  value: unknown,
): boolean {
  const verdict = generated(value);
  expect(verdict).toBe(compiled(value));
  expect(generated.errors ?? null).toEqual(compiled.errors ?? null);
  return verdict;
}
