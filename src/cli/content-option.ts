import { readFileSync, statSync } from 'node:fs';
import { Option } from 'commander';
import { UserError } from '../util/errors.js';

/**
 * `--content <uri>=<file>` (repeatable, verify and check): the bytes of a detached Reference's
 * URI. corridor never fetches a Reference; the user hands over what the URI names, and only
 * References whose URI is written exactly so use it.
 */
export const contentOption = (): Option =>
  new Option(
    '--content <uri=file>',
    'bytes of a detached Reference URI (e.g. --content invoice.pdf=./invoice.pdf); never fetched; repeatable',
  ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);

/** Reads every `uri=file` pair (split at the last `=`: URIs may contain one), each size-checked. */
export function loadContent(
  specs: readonly string[] | undefined,
  maxBytes: number,
): Map<string, Uint8Array> | undefined {
  if (!specs || specs.length === 0) return undefined;
  const content = new Map<string, Uint8Array>();
  for (const spec of specs) {
    const cut = spec.lastIndexOf('=');
    const uri = spec.slice(0, cut);
    const file = spec.slice(cut + 1);
    if (cut <= 0 || file === '') {
      throw new UserError(`--content expects <uri>=<file>, got "${spec}"`);
    }
    if (content.has(uri)) throw new UserError(`--content: "${uri}" is given twice`);
    try {
      const size = statSync(file).size;
      if (size > maxBytes) {
        throw new UserError(
          `--content ${file}: ${size} bytes, above the limit of ${maxBytes} (--max-bytes)`,
        );
      }
      content.set(uri, new Uint8Array(readFileSync(file)));
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`--content: cannot read ${file}`);
    }
  }
  return content;
}
