import type { MessageData } from './types.js';

const PLACEHOLDER = /\{\{\s*([\w-]+)\s*\}\}/g;

/** The placeholder names of a template, in order of first appearance. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/**
 * A message's text: each `{{name}}` replaced by `data[name]`, as ESLint does; a placeholder
 * without data stays as written (test/rules/meta.test.ts makes sure none is left).
 */
export function renderMessage(template: string, data: MessageData | undefined): string {
  if (!data) return template;
  let text = '';
  for (const part of partsOf(template)) {
    if (typeof part === 'string') text += part;
    else text += Object.hasOwn(data, part.name) ? String(data[part.name]) : part.whole;
  }
  return text;
}

type Part = string | { name: string; whole: string };

/** Templates split at their placeholders once (the rules' templates: a bounded set). */
const split = new Map<string, Part[]>();
const MAX_TEMPLATES = 1000;

function partsOf(template: string): Part[] {
  let parts = split.get(template);
  if (!parts) {
    parts = [];
    let at = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
      parts.push(template.slice(at, match.index), { name: match[1] as string, whole: match[0] });
      at = match.index + match[0].length;
    }
    parts.push(template.slice(at));
    if (split.size < MAX_TEMPLATES) split.set(template, parts);
  }
  return parts;
}

/**
 * Templates for the findings that carry a problem the reader or the verifier found (outside
 * the rules): the problem's stable id is the message id, its own text the `detail`, and the
 * id is shown after it, as `text [id]`. `prefix` comes before the detail (an attack's name).
 */
export function problemMessages<I extends string>(
  ids: readonly I[],
  prefix = '',
): Record<I, string> {
  return Object.fromEntries(ids.map((id) => [id, `${prefix}{{detail}} [${id}]`])) as Record<
    I,
    string
  >;
}
