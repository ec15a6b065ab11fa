import { isFormat } from '../report/index.js';
import { HttpProblem } from './problem.js';

/** The media type each report format is served as. */
export const FORMAT_TYPES: Record<string, string> = {
  json: 'application/json',
  sarif: 'application/sarif+json',
  junit: 'application/xml',
  html: 'text/html',
  markdown: 'text/markdown',
  text: 'text/plain',
  csv: 'text/csv',
  github: 'text/plain',
};

/** Accept media types → format, most specific first; `text/plain` is the CLI's text report. */
const BY_TYPE: [string, string][] = [
  ['application/json', 'json'],
  ['application/sarif+json', 'sarif'],
  ['application/xml', 'junit'],
  ['text/xml', 'junit'],
  ['text/html', 'html'],
  ['text/markdown', 'markdown'],
  ['text/plain', 'text'],
  ['text/csv', 'csv'],
  ['application/*', 'json'],
  ['*/*', 'json'],
];

/**
 * The report format of a request: `?format=` when given (unknown → 400), else the first
 * acceptable type of the Accept header by quality (none → 406), else JSON.
 */
export function negotiateFormat(format: string | undefined, accept: string | undefined): string {
  if (format !== undefined) {
    if (!isFormat(format) || !FORMAT_TYPES[format])
      throw new HttpProblem(
        400,
        `unknown format "${format}" (available: ${Object.keys(FORMAT_TYPES).join(', ')})`,
      );
    return format;
  }
  if (!accept?.trim()) return 'json';
  const ranges = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { type, q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    const match = BY_TYPE.find(([type]) => type === range.type);
    if (match) return match[1];
  }
  throw new HttpProblem(
    406,
    `none of the Accept types is a report format; accepted: ${BY_TYPE.slice(0, 8)
      .map(([type]) => type)
      .join(', ')}, or pass ?format=`,
  );
}

export function contentTypeOf(format: string): string {
  return `${FORMAT_TYPES[format] ?? 'text/plain'}; charset=utf-8`;
}
