import { Option } from 'commander';
import { UserError } from '../util/errors.js';
import { DEFAULT_DOCUMENT_LIMITS, parseByteSize, type DocumentLimits } from './limits.js';

/** `--max-bytes`, shared by check, matrix and verify. */
export const maxBytesOption = (): Option =>
  new Option(
    '--max-bytes <size>',
    `refuse documents larger than this, unread (bytes, or with k/m/g; default ${DEFAULT_DOCUMENT_LIMITS.maxBytes / 1024 ** 2}m)`,
  );

/** The document limits the options ask for; a bad `--max-bytes` is a usage error (exit 2). */
export function limitsFromOptions(options: { maxBytes?: string }): Partial<DocumentLimits> {
  if (options.maxBytes === undefined) return {};
  const maxBytes = parseByteSize(options.maxBytes);
  if (maxBytes === undefined) {
    throw new UserError(
      `--max-bytes expects a size such as 52428800, 50m or 512k, got "${options.maxBytes}"`,
    );
  }
  // The text limit follows, so one long text node cannot be larger than the document allows.
  return { maxBytes, maxTextLength: Math.min(maxBytes, DEFAULT_DOCUMENT_LIMITS.maxTextLength) };
}
