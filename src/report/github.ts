import { safeText } from '../util/safe-text.js';
import { type Finding, type GatewayRoute, type Severity } from '../engine/types.js';
import { relativeFile } from './artifact-path.js';
import { routeLines } from './cell-routes.js';
import { pairSender, reportRows } from './rows.js';
import type { Formatter } from './types.js';

/** Workflow-command data: `%`, CR and LF are percent-encoded (as @actions/core's escapeData). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property: as data, plus `:` and `,` which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * GitHub shows 10 error and 10 warning annotations per step and 50 per job: more are lost.
 * corridor writes at most this many, errors first, then one notice saying what was left out.
 */
export const GITHUB_MAX_ANNOTATIONS = 50;

/** The receivers one annotation speaks for: what each was told, and its gateway routes. */
interface Entry {
  receiver: string;
  finding: Finding;
  gateways: readonly GatewayRoute[];
}

/** One annotation: one (document, location, rule), listing every receiver it affects. */
export interface Annotation {
  severity: Severity;
  file: string;
  line?: number;
  column?: number;
  ruleId: string;
  sender: string;
  entries: Entry[];
}

/** The annotations a run's findings make: the first `limit` in report order, and how many in all. */
export interface Annotations {
  /** At most `limit`: errors first, then warnings, then notices, in document order within. */
  shown: Annotation[];
  /** Every annotation, per severity (shown ones included). */
  counts: Record<Severity, number>;
}

/**
 * Groups findings by (document, location, rule), errors first, in document order within. A
 * finding's location is in its own document, so a group is complete once its document's pairs
 * have passed: groups are settled document by document and only the first `limit` of each
 * severity are kept, so memory does not grow with the corpus.
 */
export function annotations(
  result: Parameters<Formatter['write']>[0],
  cwd: string,
  limit = GITHUB_MAX_ANNOTATIONS,
): Annotations {
  const rows = reportRows(result);
  const kept: Record<Severity, Annotation[]> = { error: [], warning: [], info: [] };
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let groups = new Map<string, Annotation>();
  const settle = (): void => {
    for (const group of groups.values()) {
      counts[group.severity] += 1;
      if (kept[group.severity].length < limit) kept[group.severity].push(group);
    }
    groups = new Map();
  };
  for (const { pairs, unread } of rows.documents()) {
    settle();
    for (const pair of pairs) {
      const { gateways } = rows.route(pair.sender, pair.receiver);
      // A document that cannot be read names what is known of it, not "unknown".
      const sender = unread?.label ?? pairSender(pair);
      for (const finding of pair.findings) {
        const { file, line, column, path } = finding.location;
        const key = JSON.stringify([file, line, column, path, finding.ruleId, sender]);
        let group = groups.get(key);
        if (!group) {
          group = {
            severity: finding.severity,
            file: relativeFile(file, cwd),
            line,
            column,
            ruleId: finding.ruleId,
            sender,
            entries: [],
          };
          groups.set(key, group);
        }
        if (RANK[finding.severity] < RANK[group.severity]) group.severity = finding.severity;
        group.entries.push({
          receiver: finding.receiver,
          finding,
          gateways: finding.severity === 'error' ? gateways : [],
        });
      }
    }
  }
  settle();
  return { shown: [...kept.error, ...kept.warning, ...kept.info].slice(0, limit), counts };
}

/** `S → R1, R2: message` per distinct message, the hints, then the gateway routes. */
function annotationMessage(annotation: Annotation): string {
  const byMessage = new Map<string, string[]>();
  const hints: string[] = [];
  for (const { receiver, finding } of annotation.entries) {
    const receivers = byMessage.get(finding.message) ?? [];
    if (!receivers.includes(receiver)) receivers.push(receiver);
    byMessage.set(finding.message, receivers);
    if (finding.hint && !hints.includes(finding.hint)) hints.push(finding.hint);
  }
  const several = annotation.entries.length > 1;
  const routes = annotation.entries.flatMap(({ receiver, gateways }) =>
    routeLines(gateways).map((line) =>
      several ? `${annotation.sender} → ${receiver} ${line}` : line,
    ),
  );
  // One line per part, each made safe: a value cannot write a line (or a command) of its own.
  return [
    ...[...byMessage].map(
      ([message, receivers]) => `${annotation.sender} → ${receivers.join(', ')}: ${message}`,
    ),
    ...hints.map((hint) => `Hint: ${hint}`),
    ...routes,
  ]
    .map(safeText)
    .join('\n');
}

/**
 * GitHub Actions annotations: one `::error|warning|notice …::message` line per (document,
 * location, rule), naming the receivers it affects; errors first, at most
 * GITHUB_MAX_ANNOTATIONS, then a notice counting what was left out and where it is. An error
 * of a pair that reaches its receiver through a gateway says so (`↪ via G: conditions`).
 */
export const githubFormatter: Formatter = {
  id: 'github',
  description:
    'GitHub Actions workflow annotations (::error file=…,line=…::message), grouped and capped',
  extension: 'txt',
  write(result, out, context) {
    const { shown, counts } = annotations(result, context.cwd ?? process.cwd());
    for (const annotation of shown) {
      const properties: Array<[string, string]> = [['file', annotation.file]];
      if (annotation.line !== undefined) {
        properties.push(['line', String(annotation.line)]);
        if (annotation.column !== undefined) properties.push(['col', String(annotation.column)]);
      }
      const receivers = new Set(annotation.entries.map((entry) => entry.receiver)).size;
      properties.push([
        'title',
        receivers > 1 ? `${annotation.ruleId} (${receivers} receivers)` : annotation.ruleId,
      ]);
      const props = properties
        .map(([key, value]) => `${key}=${escapeProperty(safeText(value))}`)
        .join(',');
      out.write(
        `::${command[annotation.severity]} ${props}::${escapeData(annotationMessage(annotation))}\n`,
      );
    }
    const count = (severity: Severity) =>
      counts[severity] - shown.filter((a) => a.severity === severity).length;
    const left = count('error') + count('warning') + count('info');
    if (left > 0) {
      const where = context.reportFiles?.length
        ? `the full report: ${context.reportFiles.join(', ')}`
        : 'the full report: run with --output sarif:<file> or --output html:<file>';
      const text =
        `corridor: ${left} more annotation${left === 1 ? '' : 's'} not shown ` +
        `(${count('error')} errors, ${count('warning')} warnings, ${count('info')} notices; ` +
        `GitHub shows at most 10 errors and 10 warnings per step); ${where}`;
      out.write(
        `::notice title=${escapeProperty('corridor: annotations capped')}::${escapeData(text)}\n`,
      );
    }
  },
};
