import { Option } from 'commander';
import { UserError } from '../util/errors.js';
import { DEFAULT_DOCUMENT_LIMITS, parseByteSize, type DocumentLimits } from './limits.js';
import { DEFAULT_MAX_FINDINGS_PER_RULE } from '../engine/findings-cap.js';

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

/** `--max-findings-per-rule`, shared by check and matrix. */
export const maxFindingsOption = (): Option =>
  new Option(
    '--max-findings-per-rule <n>',
    `findings listed per document, receiver and rule; the rest are counted in one summary finding (default ${DEFAULT_MAX_FINDINGS_PER_RULE})`,
  );

/** The findings cap the options ask for; anything but a positive integer is exit 2. */
export function maxFindingsFromOptions(options: {
  maxFindingsPerRule?: string;
}): number | undefined {
  const value = options.maxFindingsPerRule;
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < 1)
    throw new UserError(`--max-findings-per-rule expects a positive integer, got "${value}"`);
  return n;
}
