import { baselineStage, describeEntry, readBaseline, type Baseline } from '../engine/baseline.js';
import type { PairStage } from '../engine/pair-stage.js';
import { selectShard, type Shard } from '../engine/shard.js';
import { totalsOf, type MatrixResult } from '../engine/types.js';
import { UserError } from '../util/errors.js';
import { exitCodeFor, type FailOn } from './options.js';

/** The CI-gate options `check` and `matrix` share. */
export interface GateOptions {
  maxWarnings?: string;
  baseline?: string;
  shard?: string;
}

export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    throw new UserError(`--max-warnings expects a whole number ≥ 0, got "${value}"`);
  }
  return Number(value);
}

export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UserError(`--shard expects i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${value}"`);
  }
  return { index, count };
}

export interface Gate {
  shard?: Shard;
  /** The files of this shard (all files without --shard). */
  select(files: readonly string[], base: string): string[];
  /** The baseline (if any) as a stage of the run: it drops known findings as pairs pass. */
  stage(kind: MatrixResult['kind']): PairStage | undefined;
  /** Reports what the baseline suppressed and its stale entries on stderr. */
  report(result: MatrixResult): void;
  exitCode(result: MatrixResult, failOn: FailOn): number;
}

/** Parses and reads every gate option up front, so a bad option fails before the run. */
export function prepareGate(options: GateOptions): Gate {
  const maxWarnings = parseMaxWarnings(options.maxWarnings);
  const shard = parseShard(options.shard);
  const baseline: Baseline | undefined =
    options.baseline === undefined ? undefined : readBaseline(options.baseline);
  return {
    shard,
    select: (files, base) => (shard ? selectShard(files, shard, base) : [...files]),
    // A sharded or `check` run sees part of the corpus: only what it evaluated can be stale.
    stage: (kind) =>
      baseline ? baselineStage(baseline, { complete: kind === 'matrix' && !shard }) : undefined,
    report: (result) => {
      if (baseline) reportBaseline(result, baseline);
    },
    exitCode: (result, failOn) => {
      const warnings = totalsOf(result).findings.warning;
      const tooMany = maxWarnings !== undefined && warnings > maxWarnings;
      if (tooMany) {
        process.stderr.write(
          `corridor: ${warnings} ${warnings === 1 ? 'warning exceeds' : 'warnings exceed'} --max-warnings ${maxWarnings}\n`,
        );
      }
      return tooMany ? 1 : exitCodeFor(result, failOn);
    },
  };
}

function reportBaseline(result: MatrixResult, baseline: Baseline): void {
  const outcome = result.baseline;
  if (!outcome) return;
  const lines = [
    `corridor: baseline ${baseline.file}: ${outcome.suppressed} known finding${outcome.suppressed === 1 ? '' : 's'} suppressed`,
  ];
  if (outcome.stale.length > 0) {
    lines.push(
      `corridor: ${outcome.stale.length} stale baseline entr${outcome.stale.length === 1 ? 'y' : 'ies'} (no longer produced; remove them or re-create the baseline):`,
      ...outcome.stale.map((entry) => `  ${describeEntry(entry)}`),
    );
  }
  process.stderr.write(`${lines.join('\n')}\n`);
}
