import type { Formatter } from './types.js';

export const CSV_COLUMNS = [
  'document',
  'documentType',
  'sender',
  'receiver',
  'status',
  'ruleId',
  'severity',
  'message',
  'path',
  'line',
  'hint',
] as const;

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvRow(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

/** One row per finding; a pair without findings still gets one `ok` row so no pair is lost. */
export const csvFormatter: Formatter = {
  id: 'csv',
  description: 'One CSV row per finding (RFC 4180), one ok row per clean pair',
  extension: 'csv',
  format(result) {
    const rows: string[] = [csvRow(CSV_COLUMNS)];
    for (const pair of result.pairs) {
      const base = [pair.document, pair.documentType, pair.sender, pair.receiver, pair.status];
      if (pair.findings.length === 0) {
        rows.push(csvRow([...base, '', '', '', '', '', '']));
        continue;
      }
      for (const finding of pair.findings) {
        rows.push(
          csvRow([
            ...base,
            finding.ruleId,
            finding.severity,
            finding.message,
            finding.location.path ?? '',
            finding.location.line === undefined ? '' : String(finding.location.line),
            finding.hint ?? '',
          ]),
        );
      }
    }
    // RFC 4180 records end in CRLF, the last one included.
    return `${rows.join('\r\n')}\r\n`;
  },
};
