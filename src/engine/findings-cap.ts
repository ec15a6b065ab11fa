import type { RuleReport } from '../rules/types.js';
import type { Severity } from './types.js';

/** Findings kept per document, receiver and rule before the rest are summed up in one. */
export const DEFAULT_MAX_FINDINGS_PER_RULE = 50;

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Bounds what one rule reports for one document→receiver pair: the first `max` reports, then
 * one summary at the worst severity of those left out (so the pair's status is unchanged).
 * A document with 6,000 bad goods items used to make reports too large to build (issue #15).
 */
export function capReports(
  ruleId: string,
  reports: RuleReport[],
  max: number,
  defaultSeverity: Severity,
): RuleReport[] {
  if (reports.length <= max) return reports;
  const rest = reports.slice(max);
  let worst: Severity = 'info';
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const report of rest) {
    const severity = report.severity ?? defaultSeverity;
    counts[severity]++;
    if (RANK[severity] > RANK[worst]) worst = severity;
  }
  const parts = (['error', 'warning', 'info'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s].toLocaleString('en-US')} ${s}${counts[s] === 1 ? '' : 's'}`);
  return [
    ...reports.slice(0, max),
    {
      severity: worst,
      messageId: 'moreFindings',
      data: {
        count: rest.length.toLocaleString('en-US'),
        ruleId,
        counts: parts.join(', '),
        max,
      },
      location: reports[max]?.location,
      hint: 'Fix the findings shown (they are often one cause repeated), or raise --max-findings-per-rule to list more.',
    },
  ];
}
