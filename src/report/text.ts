import { safeText } from '../util/safe-text.js';
import { eachPair, type CellStatus, type PairResult, type Severity } from '../engine/types.js';
import { palette, stripAnsi, type Palette } from './ansi.js';
import {
  changeLine,
  pairSender,
  reportRows,
  sameFindingKey,
  unreadAbout,
  type ReportRows,
} from './rows.js';
import type { Sink } from './sink.js';
import type { Formatter } from './types.js';
import { compareFindings, plural, position } from './summary.js';

/** Terminal text: ESLint "stylish" for `check`, an aligned sender × receiver grid for `matrix`. */
export const textFormatter: Formatter = {
  id: 'text',
  description: 'Human-readable terminal output (stylish findings for check, a grid for matrix)',
  extension: 'txt',
  write(result, out, context) {
    const p = palette(context.color);
    const rows = reportRows(result);
    if (result.kind === 'matrix') out.write(matrixView(rows, p));
    else writeCheckView(rows, out, p);
    out.write(`\n${summaryLine(rows, p)}\n`);
  },
};

/**
 * Untrusted text on one terminal line: line breaks become spaces and control characters (which
 * could move the cursor or recolour the terminal) are dropped.
 */
export function terminalSafe(text: string): string {
  return safeText(text);
}

const severityStyle: Record<Severity, (p: Palette, text: string) => string> = {
  error: (p, text) => p.red(text),
  warning: (p, text) => p.yellow(text),
  info: (p, text) => p.cyan(text),
};

/**
 * One block per pair with findings, blank-line separated, framed by newlines when any. Pairs of
 * one document with the same findings for several receivers (a document that cannot be read
 * says the same to everyone) are one block naming those receivers.
 */
function writeCheckView(rows: ReportRows, out: Sink, p: Palette): void {
  // Blocks group one document's pairs only, so they are written document by document and the
  // pairs are never all held (a spooled result streams).
  let groups = new Map<string, { pair: PairResult; receivers: string[] }>();
  let document: string | undefined;
  let first = true;
  const settle = (): void => {
    for (const { pair, receivers } of groups.values()) {
      out.write(`${first ? '\n' : '\n\n'}${pairBlock(pair, receivers, rows.isUnread(pair), p)}`);
      first = false;
    }
    groups = new Map();
  };
  for (const pair of eachPair(rows.result)) {
    if (pair.document !== document) settle();
    document = pair.document;
    if (pair.findings.length === 0) continue;
    const key = JSON.stringify([pair.document, pair.sender, pair.findings.map(sameFindingKey)]);
    const group = groups.get(key);
    if (group) group.receivers.push(pair.receiver);
    else groups.set(key, { pair, receivers: [pair.receiver] });
  }
  settle();
  if (!first) out.write('\n');
}

function pairBlock(
  pair: PairResult,
  receivers: readonly string[],
  unread: boolean,
  p: Palette,
): string {
  const about = unread
    ? `not readable: ${terminalSafe(unreadAbout(pair))}`
    : `${terminalSafe(pair.documentType)} from ${terminalSafe(pairSender(pair))}`;
  const heading =
    `${p.underline(terminalSafe(pair.document))} ${p.dim('→')} ${p.bold(receivers.map(terminalSafe).join(', '))}` +
    p.dim(`  (${about})`);
  const findings = [...pair.findings].sort(compareFindings);
  const rows = findings.map((finding) => [
    position(finding) || '-',
    severityStyle[finding.severity](p, finding.severity),
    terminalSafe(finding.message),
    p.dim(terminalSafe(finding.ruleId)),
  ]);
  const widths = columnWidths(rows);
  const lines: string[] = [heading];
  findings.forEach((finding, index) => {
    const row = rows[index] ?? [];
    const cells = row.map((cell, column) =>
      column === row.length - 1 ? cell : padEnd(cell, widths[column] ?? 0),
    );
    lines.push(`  ${cells.join('  ')}`);
    if (finding.hint) {
      lines.push(`  ${' '.repeat(widths[0] ?? 0)}  ${p.dim(`↳ ${terminalSafe(finding.hint)}`)}`);
    }
  });
  return lines.join('\n');
}

function columnWidths(rows: string[][]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, visibleLength(cell));
    });
  }
  return widths;
}

function visibleLength(text: string): number {
  return [...stripAnsi(text)].length;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

const glyph: Record<CellStatus, string> = { ok: '✔', warn: '!', fail: '✗' };

const ROUTED = '↪';

function statusStyle(p: Palette, status: CellStatus, text: string): string {
  if (status === 'fail') return p.red(text);
  if (status === 'warn') return p.yellow(text);
  return p.green(text);
}

function matrixView(rows: ReportRows, p: Palette): string {
  const { result, index } = rows;
  const rowIds = index.senders;
  const columnIds = index.receivers;
  const corner = 'sender ↓ receiver →';
  const table: string[][] = [[corner, ...columnIds.map((id) => p.bold(terminalSafe(id)))]];
  for (const sender of rowIds) {
    const row = [p.bold(terminalSafe(sender))];
    for (const receiver of columnIds) {
      const cellRow = rows.cell(sender, receiver);
      if (!cellRow) {
        row.push(p.dim('—'));
        continue;
      }
      const { cell, ratio, via } = cellRow;
      row.push(
        via
          ? p.cyan(`${ROUTED} via ${terminalSafe(via)}`)
          : statusStyle(
              p,
              cell.status,
              `${glyph[cell.status]} ${cell.status}${ratio ? ` ${ratio}` : ''}`,
            ),
      );
    }
    table.push(row);
  }
  const widths = columnWidths(table);
  const grid = table.map((row) =>
    row
      .map((cell, column) => padEnd(cell, widths[column] ?? 0))
      .join('   ')
      .trimEnd(),
  );

  const header =
    `${p.bold('corridor matrix')} ${p.dim('·')} as of ${terminalSafe(result.asOf)} ${p.dim('·')} ` +
    `${plural(result.profiles.length, 'profile')}, ${plural(result.documents.length, 'document')}`;

  const reasons: string[] = [];
  for (const { sender, receiver, cell, documentsLine } of rows.cells) {
    if (cell.status !== 'fail') continue;
    reasons.push(
      `${p.red(glyph.fail)} ${p.bold(`${terminalSafe(sender)} → ${terminalSafe(receiver)}`)}` +
        p.dim(`  ${documentsLine}`),
    );
    for (const reason of cell.topReasons.slice(0, 3)) reasons.push(`    ${terminalSafe(reason)}`);
    for (const route of cell.routes ?? []) {
      reasons.push(
        `    ${p.cyan(`${ROUTED} via ${terminalSafe(route.via)}`)}` +
          p.dim(route.conditions.length ? `: ${terminalSafe(route.conditions.join('; '))}` : ''),
      );
    }
  }
  const legend = rows.cells.some((row) => row.via)
    ? ['', p.dim(`${ROUTED} fails directly, reachable through a gateway profile`)]
    : [];
  // With --until: each change, its first reason (`corridor forecast` lists them all).
  const changes = rows.cells.flatMap(({ sender, receiver, changes }) =>
    changes.map(
      (change) =>
        `${p.bold(`${terminalSafe(sender)} → ${terminalSafe(receiver)}`)}: ${changeLine(change)}` +
        (change.reasons[0] ? p.dim(` — ${terminalSafe(change.reasons[0])}`) : ''),
    ),
  );
  const forecast = result.forecast
    ? [
        '',
        p.bold(`Changes by ${terminalSafe(result.forecast.until)}`),
        ...(changes.length ? changes : ['none']),
      ]
    : [];
  return [
    '',
    header,
    '',
    ...grid,
    ...legend,
    ...(reasons.length ? ['', ...reasons] : []),
    ...forecast,
    '',
  ].join('\n');
}

function summaryLine({ index }: ReportRows, p: Palette): string {
  const counts = index.severities;
  const total = counts.error + counts.warning + counts.info;
  const ok = index.okPairs;
  const pairs = `${ok} of ${plural(index.pairCount, 'document→receiver pair')} ok`;
  if (total === 0) return p.green(p.bold(`✔ no problems`)) + p.dim(` (${pairs})`);
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  if (counts.info > 0) parts.push(`${counts.info} info`);
  const line = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
  const styled = counts.error > 0 ? p.red(p.bold(line)) : p.yellow(p.bold(line));
  return `${styled}${p.dim(` — ${pairs}`)}`;
}
