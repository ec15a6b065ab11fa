import type { Severity } from '../engine/types.js';
import { relativeFile } from './artifact-path.js';
import { routeLines, routeLookup } from './cell-routes.js';
import { senderLabel } from './sender-label.js';
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

/**
 * GitHub Actions annotations, one `::error|warning|notice …::message` line per finding. An error
 * of a pair that reaches its receiver through a gateway says so (`↪ via G: conditions`) under
 * the message: the annotation still fails, but shows the way round.
 */
export const githubFormatter: Formatter = {
  id: 'github',
  description: 'GitHub Actions workflow annotations (::error file=…,line=…::message)',
  extension: 'txt',
  write(result, out, context) {
    const cwd = context.cwd ?? process.cwd();
    const routeOf = routeLookup(result);
    for (const pair of result.pairs) {
      const { gateways } = routeOf(pair.sender, pair.receiver);
      const from = senderLabel(pair.sender, pair.senderCountry);
      for (const finding of pair.findings) {
        const properties: Array<[string, string]> = [
          ['file', relativeFile(finding.location.file, cwd)],
        ];
        if (finding.location.line !== undefined) {
          properties.push(['line', String(finding.location.line)]);
          if (finding.location.column !== undefined) {
            properties.push(['col', String(finding.location.column)]);
          }
        }
        properties.push(['title', finding.ruleId]);
        const routes = finding.severity === 'error' ? routeLines(gateways) : [];
        const message = [
          `${from} → ${finding.receiver}: ${finding.message}`,
          ...(finding.hint ? [`Hint: ${finding.hint}`] : []),
          ...routes,
        ].join('\n');
        const props = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',');
        out.write(`::${command[finding.severity]} ${props}::${escapeData(message)}\n`);
      }
    }
  },
};
