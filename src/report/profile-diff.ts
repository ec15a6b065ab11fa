import type {
  CellDiff,
  DiffStatus,
  FindingBrief,
  PairDiff,
  ProfileDiffResult,
} from '../engine/profile-diff.js';
import type { CellRoute } from '../engine/types.js';
import { UserError } from '../util/errors.js';
import { markdownCode, markdownText } from './markdown.js';
import { plural } from './summary.js';
import { terminalSafe } from './text.js';
import { PROFILE_DIFF_FORMATS } from './index.js';

// Declared in the light format registry (index.ts): `--help` lists them without this module.
export { PROFILE_DIFF_FORMATS };

function state(status: DiffStatus, route: CellRoute | undefined): string {
  return route === 'gateway' && status === 'fail' ? `${status} ↪` : status;
}

const cellLine = (c: CellDiff): string =>
  `${c.sender} → ${c.receiver}: ${state(c.before, c.routeBefore)} → ${state(c.after, c.routeAfter)}`;

const findingLine = (f: FindingBrief): string =>
  `${f.severity} ${f.ruleId}: ${f.message}${f.path ? ` (${f.path})` : ''}`;

function versions(result: ProfileDiffResult): string[] {
  const lines: string[] = [];
  if (result.profilesAdded.length) lines.push(`profiles added: ${result.profilesAdded.join(', ')}`);
  if (result.profilesRemoved.length)
    lines.push(`profiles removed: ${result.profilesRemoved.join(', ')}`);
  const changed = result.profilesChanged.map((id) => {
    const was = result.old.profileVersions[id] ?? '?';
    const is = result.new.profileVersions[id] ?? '?';
    return was === is ? `${id} (${is})` : `${id} (${was} → ${is})`;
  });
  lines.push(`profiles changed: ${changed.length ? changed.join(', ') : 'none'}`);
  return lines;
}

function header(result: ProfileDiffResult): string {
  return (
    `corridor profiles diff · as of ${result.asOf} · ${plural(result.documents, 'document')} · ` +
    `${plural(result.cells.length, 'cell')} and ${plural(result.pairs.length, 'document→receiver pair')} change`
  );
}

function text(result: ProfileDiffResult): string {
  const lines = [
    '',
    header(result),
    `old: ${result.old.source}`,
    `new: ${result.new.source}`,
    ...versions(result),
    '',
  ];
  if (result.cells.length === 0 && result.pairs.length === 0) {
    lines.push('No cell or document changes status.');
  }
  if (result.cells.length > 0) {
    lines.push('Cells:');
    for (const cell of result.cells) lines.push(`  ${cellLine(cell)}`);
    lines.push('');
  }
  if (result.pairs.length > 0) lines.push('Documents:');
  for (const pair of result.pairs) {
    lines.push(`  ${pair.document}  ${cellLine(pair)}`);
    for (const f of pair.added) lines.push(`    + ${findingLine(f)}`);
    for (const f of pair.removed) lines.push(`    - ${findingLine(f)}`);
  }
  return `${lines.map(terminalSafe).join('\n')}\n`;
}

function markdown(result: ProfileDiffResult): string {
  const lines = [
    '# corridor profiles diff',
    '',
    markdownText(header(result)),
    '',
    `Old: ${markdownCode(result.old.source)} · new: ${markdownCode(result.new.source)}`,
    '',
    ...versions(result).map((line) => `- ${markdownText(line)}`),
    '',
  ];
  if (result.cells.length === 0 && result.pairs.length === 0) {
    return [...lines, 'No cell or document changes status.', ''].join('\n');
  }
  if (result.cells.length > 0) {
    lines.push('## Cells', '', '| Sender → receiver | Before | After |', '| --- | --- | --- |');
    for (const c of result.cells) {
      lines.push(
        `| ${markdownText(c.sender)} → ${markdownText(c.receiver)} | ${state(c.before, c.routeBefore)} | ${state(c.after, c.routeAfter)} |`,
      );
    }
    lines.push('');
  }
  if (result.pairs.length > 0) lines.push('## Documents', '');
  for (const pair of result.pairs) lines.push(...pairSection(pair));
  return `${lines.join('\n')}\n`;
}

function pairSection(pair: PairDiff): string[] {
  const lines = [
    `### ${markdownCode(pair.document)} ${markdownText(pair.sender)} → ${markdownText(pair.receiver)}: ${pair.before} → ${pair.after}`,
    '',
  ];
  for (const f of pair.added) lines.push(`- ➕ ${markdownText(findingLine(f))}`);
  for (const f of pair.removed) lines.push(`- ➖ ${markdownText(findingLine(f))}`);
  return [...lines, ''];
}

export function formatProfileDiff(result: ProfileDiffResult, format: string): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (format === 'markdown') return markdown(result);
  if (format === 'text') return text(result);
  throw new UserError(
    `unknown --format "${format}" for profiles diff (available: ${PROFILE_DIFF_FORMATS.join(', ')})`,
  );
}
