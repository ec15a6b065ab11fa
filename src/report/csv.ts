import { safeText } from '../util/safe-text.js';
import { reportRows } from './rows.js';
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
  // Appended, so readers that pick columns by position keep working.
  'route',
  'via',
  // The issuing member state when the sender profile speaks for it (sender EU, DE); else empty.
  'senderCountry',
] as const;

/**
 * Document content reaches the report (messages quote values from untrusted documents), and
 * spreadsheets execute cells that start with = + - @ (CSV injection): such text is prefixed
 * with an apostrophe, as OWASP recommends. Plain numbers are left as they are.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
}

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  const safe = spreadsheetSafe(safeText(value));
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

/**
 * One row per finding; a pair without findings still gets one `ok` row so no pair is lost. A
 * document that cannot be read says the same to every receiver: its rows are written once, with
 * `receiver` listing the receivers, space-separated.
 * `route` and `via` repeat the pair's sender→receiver cell: `direct`, `gateway` (the cell fails
 * directly; `via` lists the gateway ids, space-separated) or `none`; empty when the result has
 * no routes (JSON and HTML carry each route's conditions). `senderCountry` names the member
 * state that issued the document when the sender profile speaks for several (sender EU, DE).
 */
export const csvFormatter: Formatter = {
  id: 'csv',
  description: 'One CSV row per finding (RFC 4180), one ok row per clean pair',
  extension: 'csv',
  write(result, out) {
    // RFC 4180 records end in CRLF, the last one included.
    const row = (values: readonly string[]): void => out.write(`${csvRow(values)}\r\n`);
    row(CSV_COLUMNS);
    const rows = reportRows(result);
    for (const { pair, unread } of rows.reportedPairs()) {
      // A document that cannot be read is one set of rows; `receiver` lists every receiver.
      const receivers = unread ? unread.receivers : [pair.receiver];
      const base = [
        pair.document,
        pair.documentType,
        pair.sender,
        receivers.join(' '),
        pair.status,
      ];
      const routes = receivers.map((receiver) => rows.route(pair.sender, receiver));
      const route = routes.every((r) => r.route === routes[0]?.route)
        ? routes[0]?.route
        : undefined;
      const via = [...new Set(routes.flatMap((r) => r.gateways.map((gateway) => gateway.via)))];
      const routing = [route ?? '', via.join(' '), pair.senderCountry ?? ''];
      if (pair.findings.length === 0) {
        row([...base, '', '', '', '', '', '', ...routing]);
        continue;
      }
      for (const finding of pair.findings) {
        row([
          ...base,
          finding.ruleId,
          finding.severity,
          finding.message,
          finding.location.path ?? '',
          finding.location.line === undefined ? '' : String(finding.location.line),
          finding.hint ?? '',
          ...routing,
        ]);
      }
    }
  },
};
