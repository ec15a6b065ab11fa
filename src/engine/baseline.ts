import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentKey, findingIdentity, identityKey } from './finding-identity.js';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { UserError } from '../util/errors.js';
import { TOOL } from '../version.js';
import { statusOf } from './evaluate.js';
import type { PairStage } from './pair-stage.js';
import { eachPair, type BaselineEntry, type Finding, type MatrixResult } from './types.js';
import { compareText } from '../util/collate.js';

export const BASELINE_SCHEMA_ID = 'urn:corridor:baseline:1';
const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/baseline.schema.json', import.meta.url));

export interface BaselineFile {
  $schema: typeof BASELINE_SCHEMA_ID;
  version: 1;
  tool: { name: 'corridor'; version: string };
  createdAsOf?: string;
  findings: BaselineEntry[];
}

/** A baseline as read, with the folder its document paths are relative to. */
export interface Baseline {
  file: string;
  dir: string;
  entries: BaselineEntry[];
}

// Document paths are stored relative to the baseline file (engine/finding-identity.ts).
const entryKey = identityKey;

/** Info findings never gate, so they are neither recorded nor suppressed. */
const gating = (finding: Finding): boolean => finding.severity !== 'info';

const findingEntry = findingIdentity;

/** The baseline for a result, to be written to `baselineFile`. */
export function createBaseline(result: MatrixResult, baselineFile: string): BaselineFile {
  const recorder = baselineRecorder(baselineFile);
  for (const pair of eachPair(result)) recorder.apply(pair);
  return recorder.baseline(result.asOf);
}

/**
 * Records the baseline of a run as its pairs stream past (a pair stage that changes nothing), so
 * `baseline create` holds the baseline's entries, never the pairs.
 */
export function baselineRecorder(
  baselineFile: string,
): PairStage & { baseline(asOf: string): BaselineFile } {
  const baseDir = dirname(resolve(baselineFile));
  const entries = new Map<string, BaselineEntry>();
  return {
    apply(pair) {
      for (const finding of pair.findings) {
        if (!gating(finding)) continue;
        const entry = findingEntry(finding, baseDir);
        const key = entryKey(entry);
        const known = entries.get(key);
        if (known) known.count++;
        else entries.set(key, { ...entry, count: 1 });
      }
      return pair;
    },
    baseline(asOf) {
      const findings = [...entries.values()].sort(
        (a, b) =>
          compareText(a.document, b.document) ||
          compareText(a.sender, b.sender) ||
          compareText(a.receiver, b.receiver) ||
          compareText(a.ruleId, b.ruleId) ||
          compareText(a.path ?? '', b.path ?? ''),
      );
      return {
        $schema: BASELINE_SCHEMA_ID,
        version: 1,
        tool: TOOL,
        createdAsOf: asOf,
        findings,
      };
    },
  };
}

let validator: ValidateFunction | undefined;

export function readBaseline(file: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'not valid JSON' : 'cannot read file';
    throw new UserError(`--baseline ${file}: ${reason}`);
  }
  validator ??= new Ajv2020({ allErrors: false, strict: false }).compile(
    JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object,
  );
  if (!validator(value)) {
    const error = validator.errors?.[0];
    throw new UserError(
      `--baseline ${file}: not a corridor baseline (${error?.instancePath || '/'} ${error?.message ?? ''})`.trim(),
    );
  }
  const baseline = value as BaselineFile;
  return { file, dir: dirname(resolve(file)), entries: baseline.findings };
}

/**
 * Drops known findings as pairs stream past; the pair's status follows, and cells and routes are
 * built from what remains. `complete`: the run evaluated everything the baseline could describe
 * (an unsharded matrix), so every unmatched entry is stale; otherwise only entries for a
 * document → receiver pair this run evaluated are judged, so a check of a few files or one
 * shard does not call the rest stale. Memory is the baseline's size, not the run's.
 */
export function baselineStage(baseline: Baseline, options: { complete: boolean }): PairStage {
  const remaining = new Map(baseline.entries.map((e) => [entryKey(e), { ...e }]));
  const target = (document: string, receiver: string) => JSON.stringify([document, receiver]);
  // The document → receiver pairs the baseline names, and which of them this run evaluated.
  const named = new Set(baseline.entries.map((e) => target(e.document, e.receiver)));
  const evaluated = new Set<string>();
  let suppressed = 0;
  return {
    apply(pair) {
      const key = target(documentKey(pair.document, baseline.dir), pair.receiver);
      if (named.has(key)) evaluated.add(key);
      const findings = pair.findings.filter((finding) => {
        if (!gating(finding)) return true;
        const known = remaining.get(entryKey(findingEntry(finding, baseline.dir)));
        if (!known || known.count === 0) return true;
        known.count--;
        suppressed++;
        return false;
      });
      return findings.length === pair.findings.length
        ? pair
        : { ...pair, findings, status: statusOf(findings) };
    },
    finish(result) {
      const stale = [...remaining.values()].filter(
        (entry) =>
          entry.count > 0 &&
          (options.complete || evaluated.has(target(entry.document, entry.receiver))),
      );
      return { ...result, baseline: { suppressed, stale } };
    },
  };
}

export function describeEntry(entry: BaselineEntry): string {
  return `${entry.ruleId} ${entry.sender} → ${entry.receiver} ${entry.document}${entry.path ? ` ${entry.path}` : ''}${entry.count > 1 ? ` (×${entry.count})` : ''}`;
}
