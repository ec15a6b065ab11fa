import type { MatrixResult } from '../engine/types.js';
import { formatIds, isFormat } from '../report/index.js';
import { UserError } from '../util/errors.js';
import type { OutputTarget } from './config.js';
import { writeResult } from './format-result.js';
import { displayPaths, useColor } from './options.js';
import { stringSink } from '../report/sink.js';
import { appendFileSync } from 'node:fs';

export type { OutputTarget } from './config.js';

/** The output options of `check`, `matrix` and `merge`. */
export interface OutputOptions {
  /** `-f`: the format of the main report (default text). */
  format?: string;
  /** `-o <file>` and `--output <format>:<file>`, repeatable. */
  output?: string[];
  /** `outputs` of corridor.config.json: used when no output flag is given. */
  configOutputs?: OutputTarget[];
  /** `docsBaseUri` of corridor.config.json: where docs/rules/ is published (SARIF helpUri). */
  docsBaseUri?: string;
}

/**
 * The reports one run writes, validated before the run so a typo fails fast (exit 2).
 * `-o <file>` is the `-f` report's file; `--output <format>:<file>` adds a report in that format
 * (`<format>:-` for standard output). With only `--output <format>:<file>` flags, nothing else
 * is written; any output flag replaces the config's `outputs`.
 */
export function outputTargets(options: OutputOptions): OutputTarget[] {
  const typed: OutputTarget[] = [];
  const plain: string[] = [];
  for (const value of options.output ?? []) {
    const match = /^([a-z]+):(.*)$/.exec(value);
    if (match && isFormat(match[1]!)) {
      const file = match[2]!;
      if (file === '') throw new UserError(`--output ${value}: name a file (or "-" for stdout)`);
      typed.push({ format: match[1]!, file: file === '-' ? undefined : file });
    } else {
      plain.push(value);
    }
  }
  if (plain.length > 1) {
    throw new UserError(
      `-o given ${plain.length} plain files (${plain.join(', ')}): name each extra report as --output <format>:<file>`,
    );
  }
  const flagged = options.format !== undefined || (options.output ?? []).length > 0;
  const targets: OutputTarget[] =
    !flagged && options.configOutputs
      ? options.configOutputs
      : options.format !== undefined || plain.length > 0 || typed.length === 0
        ? [{ format: options.format ?? 'text', file: plain[0] }, ...typed]
        : typed;
  for (const target of targets) {
    if (!isFormat(target.format)) {
      throw new UserError(
        `unknown --format "${target.format}" (available: ${formatIds.join(', ')})`,
      );
    }
  }
  if (targets.filter((t) => t.file === undefined).length > 1) {
    throw new UserError('only one report can go to standard output; give the others a file');
  }
  return targets;
}

/**
 * Writes every report of the run: the result is computed once, then formatted per target (each
 * format's module loaded only now, and only for the formats written).
 */
export async function writeOutputs(
  result: MatrixResult,
  targets: readonly OutputTarget[],
  docsBaseUri?: string,
): Promise<void> {
  const files = targets.flatMap((t) => (t.file && t.format !== 'github' ? [t.file] : []));
  for (const target of targets) {
    await writeResult(result, target.format, useColor(target.file), target.file, {
      reportFiles: displayPaths(files),
      docsBaseUri,
    });
    const summary = process.env['GITHUB_STEP_SUMMARY'];
    if (target.format === 'github' && summary) await appendJobSummary(result, summary);
  }
}

/** GitHub's job summary: appended (other steps write theirs too), never replaced. */
async function appendJobSummary(result: MatrixResult, file: string): Promise<void> {
  const { writeJobSummary } = await import('../report/github-summary.js');
  const out = stringSink();
  writeJobSummary(result, out, process.cwd());
  try {
    appendFileSync(file, out.text());
  } catch {
    throw new UserError(`cannot write the job summary to GITHUB_STEP_SUMMARY: ${file}`);
  }
}
