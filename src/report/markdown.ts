import { safeText } from '../util/safe-text.js';
import {
  type CellStatus,
  type Finding,
  type MatrixResult,
  type PairResult,
  type Severity,
} from '../engine/types.js';
import { compareFindings, plural, position } from './summary.js';
import { changeLine, memberStateNote, pairSender, reportRows, type ReportRows } from './rows.js';
import { lineWriter } from './sink.js';
import type { Formatter } from './types.js';

const statusEmoji: Record<CellStatus, string> = { ok: '✅', warn: '⚠️', fail: '❌' };
const severityEmoji: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/**
 * Untrusted text as inert Markdown: `<`, `>` and `&` become entities (no raw HTML), emphasis,
 * link, code, table and heading characters are backslash-escaped, a leading list or block
 * marker is neutralised, and line breaks become `<br>` so table rows stay on one line.
 */
export function markdownText(text: string): string {
  return safeText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#])/g, '\\$1')
    .replace(
      /^(\s*)([-+=]|\d+[.)])/,
      (_match, space: string, marker: string) => `${space}${marker.replace(/([-+=.)])$/, '\\$1')}`,
    )
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A code span for ids and paths; `|` is escaped for GFM tables, line breaks flattened. */
export function markdownCode(text: string): string {
  const flat = safeText(text).replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function where(finding: Finding): string {
  const pos = position(finding);
  const parts = [markdownCode(finding.document + (pos ? `:${pos}` : ''))];
  if (finding.location.path) parts.push(markdownCode(finding.location.path));
  return parts.join(' ');
}

function header(result: MatrixResult): string[] {
  const versions = result.profiles
    .map((id) => `${markdownText(id)} ${markdownCode(result.profileVersions[id] ?? '?')}`)
    .join(', ');
  return [
    `# corridor ${result.kind} report`,
    '',
    `As of **${markdownText(result.asOf)}** · corridor ${markdownText(result.tool.version)} · ` +
      `${plural(result.documents.length, 'document')}`,
    '',
    `Profiles: ${versions || '—'}`,
    '',
  ];
}

/** The counts line: `**2 errors, 1 warning, 0 info**`. */
export function summaryLine({ index }: ReportRows): string {
  const counts = index.severities;
  return `**${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info**`;
}

/** The sender × receiver grid as a GFM table, counts in failing and warning cells. */
export function matrixTable(rows: ReportRows): string[] {
  const { index } = rows;
  const columns = index.receivers;
  const lines = [
    `| sender ↓ / receiver → | ${columns.map((id) => `**${markdownText(id)}**`).join(' | ')} |`,
    `| --- | ${columns.map(() => ':---:').join(' | ')} |`,
  ];
  for (const sender of index.senders) {
    const row = columns.map((receiver) => {
      const row = rows.cell(sender, receiver);
      if (!row) return '—';
      if (row.gateways.length > 0) {
        return `↪️ via ${row.gateways.map((route) => markdownText(route.via)).join(', ')}`;
      }
      return `${statusEmoji[row.cell.status]} ${row.cell.status}${row.ratio ? ` ${row.ratio}` : ''}`;
    });
    lines.push(`| **${markdownText(sender)}** | ${row.join(' | ')} |`);
  }
  return lines;
}

function findingItem(finding: Finding): string[] {
  const lines = [
    `- ${severityEmoji[finding.severity]} **${finding.severity}** ${markdownCode(finding.ruleId)} — ` +
      `${markdownText(finding.message)}  \n  ${where(finding)}`,
  ];
  if (finding.hint) lines.push(`  - 💡 ${markdownText(finding.hint)}`);
  return lines;
}

function pairSection(pair: PairResult): string[] {
  // The section sits under its sender → receiver heading; only a member state adds news.
  const from = memberStateNote(pair);
  const lines = [
    `### ${statusEmoji[pair.status]} ${markdownCode(pair.document)} (${markdownText(pair.documentType + from)})`,
    '',
  ];
  if (pair.findings.length === 0) return [...lines, 'No findings.', ''];
  for (const finding of [...pair.findings].sort(compareFindings))
    lines.push(...findingItem(finding));
  return [...lines, ''];
}

type Line = (line: string) => void;

function writeMatrixView(rows: ReportRows, line: Line): void {
  for (const text of [...header(rows.result), ...matrixTable(rows), '', summaryLine(rows), ''])
    line(text);
  for (const { sender, receiver, cell, pairs, documentsLine } of rows.cells) {
    if (cell.status !== 'fail') continue;
    line(`## ${statusEmoji.fail} ${markdownText(sender)} → ${markdownText(receiver)}`);
    line('');
    line(`${documentsLine}.`);
    line('');
    if (cell.topReasons.length > 0) {
      line('Top reasons:');
      line('');
      for (const reason of cell.topReasons) line(`1. ${markdownText(reason)}`);
      line('');
    }
    if (cell.routes?.length) {
      line('Routes through a gateway:');
      line('');
      for (const route of cell.routes) {
        const conditions = route.conditions.map(markdownText).join('; ');
        line(`- ↪️ via **${markdownText(route.via)}**${conditions ? ` — ${conditions}` : ''}`);
      }
      line('');
    }
    let unread = 0;
    if (rows.unread.length > 0) for (const pair of pairs) if (rows.isUnread(pair)) unread += 1;
    if (unread > 0) {
      line(`${unread} of them cannot be read: see *${UNREAD_TITLE}* below.`);
      line('');
    }
    for (const pair of pairs) {
      if (pair.status !== 'ok' && !rows.isUnread(pair))
        for (const text of pairSection(pair)) line(text);
    }
  }
  writeUnread(rows, line);
  writeChanges(rows, line);
}

/** With `matrix --until`: every cell change after the as-of date, with its reasons. */
function writeChanges(rows: ReportRows, line: Line): void {
  const { forecast } = rows.result;
  if (!forecast) return;
  line(`## Changes by ${markdownText(forecast.until)}`);
  line('');
  const changes = rows.cells.flatMap((row) => row.changes.map((change) => ({ row, change })));
  if (changes.length === 0) {
    line('No cell changes status in this period.');
    line('');
    return;
  }
  line('| Sender → receiver | Change | Why |');
  line('| --- | --- | --- |');
  for (const { row, change } of changes) {
    line(
      `| ${markdownText(row.sender)} → ${markdownText(row.receiver)} | ${markdownText(changeLine(change))} | ` +
        `${change.reasons.map(markdownText).join('<br>')} |`,
    );
  }
  line('');
}

const UNREAD_TITLE = 'Documents that cannot be read';

/** Each document that cannot be read, once, with the receivers it was evaluated for. */
function writeUnread(rows: ReportRows, line: Line): void {
  if (rows.unread.length === 0) return;
  line(`## ${statusEmoji.fail} ${UNREAD_TITLE}`);
  line('');
  for (const unread of rows.unread) {
    line(
      `### ${statusEmoji[unread.status]} ${markdownCode(unread.document)} (${markdownText(unread.about)})`,
    );
    line('');
    line(`The same for every receiver: ${unread.receivers.map(markdownText).join(', ')}.`);
    line('');
    for (const finding of [...unread.findings].sort(compareFindings))
      for (const text of findingItem(finding)) line(text);
    line('');
  }
}

function writeCheckView(rows: ReportRows, line: Line): void {
  const { result, index } = rows;
  for (const text of [...header(result), summaryLine(rows), '']) line(text);
  if (index.severities.error + index.severities.warning + index.severities.info === 0) {
    line('✅ No findings.');
    line('');
    return;
  }
  line('| Document | Sender → Receiver | Severity | Rule | Message | Location | Hint |');
  line('| --- | --- | --- | --- | --- | --- | --- |');
  for (const { pair, unread } of rows.reportedPairs()) {
    // A document that cannot be read gets one set of rows, naming every receiver.
    const from = unread ? unread.label : pairSender(pair);
    const to = unread ? unread.receivers : undefined;
    for (const finding of [...pair.findings].sort(compareFindings)) {
      const pos = position(finding);
      const location = [
        pos ? markdownCode(pos) : '',
        finding.location.path ? markdownCode(finding.location.path) : '',
      ]
        .filter(Boolean)
        .join(' ');
      line(
        `| ${markdownCode(finding.document)} | ${markdownText(from)} → ${markdownText(to ? to.join(', ') : finding.receiver)} | ` +
          `${severityEmoji[finding.severity]} ${finding.severity} | ${markdownCode(finding.ruleId)} | ` +
          `${markdownText(finding.message)} | ${location || '—'} | ${finding.hint ? markdownText(finding.hint) : ''} |`,
      );
    }
  }
  line('');
}

/** Markdown for pull-request comments and job summaries. */
export const markdownFormatter: Formatter = {
  id: 'markdown',
  description: 'Markdown (GitHub-flavoured): matrix table with emoji, failing cells with findings',
  extension: 'md',
  write(result, out) {
    const line = lineWriter(out);
    const rows = reportRows(result);
    if (result.kind === 'matrix') writeMatrixView(rows, line);
    else writeCheckView(rows, line);
  },
};
