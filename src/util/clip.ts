/**
 * Findings and messages quote values from untrusted documents (an algorithm, a member name, a
 * signing time); a hostile one may be megabytes long. They quote at most this many characters.
 */
export const QUOTED_MAX_CHARS = 64;

/** `text` cut to QUOTED_MAX_CHARS characters, an ellipsis marking the cut. */
export function clipQuoted(text: string): string {
  return text.length > QUOTED_MAX_CHARS ? `${text.slice(0, QUOTED_MAX_CHARS)}…` : text;
}

/**
 * Any JSON value as a message shows it: a string clipped, then quoted (`"abc…"`); another value
 * as JSON text, clipped.
 */
export function quotedJsonValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(clipQuoted(value));
  return clipQuoted(JSON.stringify(value) ?? String(value));
}
