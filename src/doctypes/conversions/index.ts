import { codeListConversion } from './codelist.js';
import { dateConversion } from './date.js';
import type { ConversionContext, ConversionKind, Converter } from './types.js';

/** The conversion kinds a definition's `convert` may name: one line each. */
const KINDS: Readonly<Record<string, ConversionKind>> = {
  date: dateConversion,
  codelist: codeListConversion,
};

export const CONVERSION_KINDS = Object.keys(KINDS);

const compiled = new Map<string, Converter | { problem: string }>();

/**
 * The converter a `convert` names (`kind:argument`), compiled once per name and folders; or the
 * reason it cannot be used (unknown kind, bad argument, missing table) — lint reports it at load.
 */
export function converterFor(
  name: string,
  context: ConversionContext,
): Converter | { problem: string } {
  const key = `${context.dirs.join('\0')}\0${name}`;
  let found = compiled.get(key);
  if (found) return found;
  const colon = name.indexOf(':');
  const kind =
    colon > 0 && Object.hasOwn(KINDS, name.slice(0, colon))
      ? KINDS[name.slice(0, colon)]
      : undefined;
  found = kind
    ? kind.compile(name.slice(colon + 1), context)
    : {
        problem: `unknown conversion "${name}" (kinds: ${CONVERSION_KINDS.map((k) => `${k}:`).join(', ')})`,
      };
  compiled.set(key, found);
  return found;
}
