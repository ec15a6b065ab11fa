import { relative } from 'node:path';
import { formatProblem, loadProfiles } from '../../profiles/load.js';
import { lintProfiles, type UnconfirmedFact } from '../../profiles/lint.js';
import { UserError } from '../../util/errors.js';
import { safeText } from '../../util/safe-text.js';
import { emit } from '../options.js';
import type { CommandResult } from '../result.js';

// Apart from profiles.ts: `profiles list` and `show` do without the certificate parser.

/** `corridor profiles lint [dir] [--format text|json]`. */
export function profilesLintAction(
  dir: string | undefined,
  options: { format?: string } = {},
): CommandResult {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UserError(`unknown --format "${format}" for profiles lint (text or json)`);
  }
  const set = loadProfiles(dir);
  const report = lintProfiles(set);
  const stated = report.unconfirmed.filter((f) => !f.inheritedFrom);
  if (format === 'json') {
    emit(
      JSON.stringify(
        {
          profiles: set.profiles.size,
          errors: report.errors,
          unconfirmed: report.unconfirmed.map((f) => ({ ...f, file: relative('.', f.file) })),
        },
        null,
        2,
      ),
      undefined,
    );
  } else {
    const lines = report.errors.map((p) => `error  ${formatProblem(p)}`);
    // Each fact once, where its file states it; profiles that inherit it are named after it.
    for (const fact of stated) lines.push(unconfirmedLine(fact, report.unconfirmed));
    lines.push(
      `${set.profiles.size} profiles, ${report.errors.length} errors, ${report.unconfirmed.length} unconfirmed facts (marked "confirmed": false; ${stated.length} stated in their own files, the rest inherited)`,
    );
    emit(lines.join('\n'), undefined);
  }
  return { exitCode: report.errors.length > 0 ? 2 : 0 };
}

function unconfirmedLine(fact: UnconfirmedFact, all: readonly UnconfirmedFact[]): string {
  const heirs = all
    .filter(
      (f) => f.inheritedFrom?.profile === fact.profile && f.inheritedFrom.pointer === fact.pointer,
    )
    .map((f) => f.profile);
  const inherited = heirs.length > 0 ? `  [inherited by ${heirs.join(', ')}]` : '';
  const source = fact.source ? ` (${fact.source})` : '';
  // Profile text (a --profiles folder may come from anyone): one line, controls made visible.
  return safeText(
    `unconfirmed  ${fact.profile}  ${fact.pointer}  ${fact.subject}${source}${fact.note ? `: ${fact.note}` : ''}${inherited}`,
  );
}
