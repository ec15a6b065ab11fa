import { checkRuleLevels, type RuleLevel } from '../../engine/rule-levels.js';
import { RULES } from '../../rules/index.js';
import type { ReadOptions } from '../../documents/read.js';
import { forecast } from '../../engine/forecast.js';
import { findDocuments, loadDocument, runLazily } from '../../engine/run.js';
import type { MatrixForecast } from '../../engine/types.js';
import type { WorkPool } from '../../engine/pool.js';
import { threadsFor } from '../../engine/pool-threads.js';
import { loadProfiles } from '../../profiles/load.js';
import { UserError } from '../../util/errors.js';
import { withLazy } from '../../util/lazy.js';
import { limitsFromOptions, maxFindingsFromOptions } from '../../security/options.js';
import { withConfig, type ConfigOption } from '../config.js';
import { keyMaterial, profileAnchors } from '../key-material.js';
import { prepareGate, type GateOptions } from '../gate.js';
import { displayPaths, parseAsOf, parseFailOn } from '../options.js';
import { PathList } from '../../util/path-list.js';
import { outputTargets, writeOutputs, type OutputOptions } from '../outputs.js';
import { youngGenerationStep } from '../heap-policy.js';
import { progressBar } from '../progress.js';
import type { CommandResult } from '../result.js';
import { SHIPPED_DOCUMENTS_DIR } from '../shipped.js';

export interface MatrixOptions extends GateOptions, OutputOptions {
  maxBytes?: string;
  maxFindingsPerRule?: string;
  followSymlinks?: boolean;
  /** `--certs` paths: untrusted certificates for finding signers and building paths. */
  certs?: string[];
  /** `--crl` paths and `--require-revocation`: offline revocation. */
  crl?: string[];
  requireRevocation?: boolean;
  profiles?: string;
  doctypes?: string;
  docs?: string;
  asOf?: string;
  failOn?: string;
  config?: ConfigOption;
  /** `--jobs <n|auto>`: worker threads. */
  jobs?: string;
  /** `--until <date>`: also forecast the cells that change status after --as-of, up to it. */
  until?: string;
}

/** `--until`: a date not before `--as-of`, checked before the run. */
function parseUntil(value: string | undefined, asOf: Date): Date | undefined {
  if (value === undefined) return undefined;
  let until: Date;
  try {
    until = parseAsOf(value);
  } catch (error) {
    if (error instanceof UserError)
      throw new UserError(error.message.replace('--as-of', '--until'));
    throw error;
  }
  if (until < asOf) throw new UserError('--until is before --as-of');
  return until;
}

/**
 * `--jobs`: a whole number ≥ 1 (threads that evaluate: this one and n − 1 workers), or auto
 * (engine/pool.ts threadsFor: every core up to 4 from POOL_THRESHOLD documents), the default.
 */
export function parseJobs(value: string | undefined): number | 'auto' {
  if (value === undefined) return 'auto';
  if (value === 'auto') return 'auto';
  if (!/^[1-9]\d{0,2}$/.test(value))
    throw new UserError(`--jobs expects a whole number ≥ 1 or auto, got "${value}"`);
  return Number(value);
}

/** `corridor matrix`: every document under `--docs` against every profile. */
export async function matrixAction(
  flags: MatrixOptions,
  documentTypes: Pick<ReadOptions, 'doctypes' | 'xsd'> = {},
): Promise<CommandResult> {
  const options = withConfig(flags, CONFIGURABLE);
  const targets = outputTargets(options);
  const failOn = parseFailOn(options.failOn, 'never');
  const levels = checkRuleLevels(
    options.ruleLevels?.levels ?? {},
    RULES.map((rule) => rule.id),
    `${options.ruleLevels?.file ?? 'config'}: rules`,
  );
  const gate = prepareGate(options);
  const asOf = parseAsOf(options.asOf);
  const until = parseUntil(options.until, asOf);
  const docs = options.docs ?? SHIPPED_DOCUMENTS_DIR;
  // Packed: a run holds the list to its end (issue #14, flat memory).
  const files = PathList.from(displayPaths(gate.select(findDocuments(docs), docs)));
  const jobs = parseJobs(options.jobs);
  const threads = threadsFor(jobs, files.length);
  const limits = limitsFromOptions(options);
  const maxFindingsPerRule = maxFindingsFromOptions(options);
  // The workers start before this thread loads its profiles: their start overlaps its own.
  // The pool module (and piscina) is loaded only for them: a one-thread run never needs it.
  const pooling = threads > 1 ? await import('../../engine/pool.js') : undefined;
  const pool = pooling?.matrixPool(
    { profilesDir: options.profiles, doctypesDir: options.doctypes, limits },
    threads,
  );
  // Under withLazy: pkijs loads only for a certificate or CRL the plain DER reader leaves to it
  // (cli/program.ts starts matrix without it).
  const profiles = await stopPoolOnError(pool, () =>
    withLazy(() => loadProfiles(options.profiles)),
  );
  // Certificates, CRLs (plain data: they cross to worker threads) and who may sign the CRLs.
  const material = await stopPoolOnError(pool, () =>
    withLazy(() => keyMaterial(options, profileAnchors(profiles))),
  );
  const common = {
    kind: 'matrix' as const,
    profiles,
    files,
    asOf,
    maxFindingsPerRule,
    ruleLevels: levels,
    receivers: 'all' as const,
    onDocument: afterEachDocument(progressBar(), youngGenerationStep()),
    // The text grid prints cells and counts, never a pair: pairs are counted and dropped. The
    // other formats read them back from a temporary file: memory stays flat however many
    // documents. The baseline judges each pair as it passes.
    keepPairs: !targets.every((t) => t.format === 'text'),
    spoolPairs: true,
    stages: [gate.stage('matrix')].filter((s) => s !== undefined),
  };
  const single = {
    ...common,
    read: {
      limits,
      within: docs,
      followSymlinks: options.followSymlinks === true,
      ...documentTypes,
    },
    verify: material,
  };
  const raw =
    pooling && pool
      ? await pooling
          .runInPool(
            single,
            {
              asOf: asOf.toISOString(),
              kind: 'matrix',
              receivers: 'all',
              maxFindingsPerRule,
              ruleLevels: levels,
              ...material,
              within: docs,
              followSymlinks: options.followSymlinks === true,
            },
            pool,
          )
          .finally(() => pool.destroy())
      : await runLazily(single);
  // The spool goes whatever happens after the run: a forecast or a report that fails too.
  try {
    gate.report(raw);
    // The forecast reads every document again and holds them (as `corridor forecast` does): only
    // when asked. Rule levels apply on every date; the baseline does not hide future changes.
    const result = until
      ? {
          ...raw,
          forecast: await withLazy(() =>
            matrixForecast(
              Array.from(files, (file) =>
                loadDocument(
                  file,
                  {
                    limits,
                    within: docs,
                    followSymlinks: options.followSymlinks === true,
                    ...documentTypes,
                  },
                  asOf,
                  material,
                ),
              ),
              { profiles, asOf, until, levels },
            ),
          ),
        }
      : raw;
    await writeOutputs(result, targets, options.docsBaseUri);
    return { exitCode: gate.exitCode(result, failOn) };
  } finally {
    raw.spool?.dispose();
  }
}

/** Runs `work`; if it throws, the pool's threads stop first (they would keep the process alive). */
async function stopPoolOnError<R>(pool: WorkPool | undefined, work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    void pool?.destroy();
    throw error;
  }
}

function matrixForecast(
  documents: Parameters<typeof forecast>[0],
  options: {
    profiles: Parameters<typeof forecast>[1]['profiles'];
    asOf: Date;
    until: Date;
    levels: Readonly<Record<string, RuleLevel>>;
  },
): MatrixForecast {
  const { profiles, levels } = options;
  const { until, changes } = forecast(documents, {
    profiles,
    from: options.asOf,
    until: options.until,
    ruleLevels: levels,
  });
  return { until, changes };
}

const CONFIGURABLE = [
  'profiles',
  'doctypes',
  'docs',
  'asOf',
  'failOn',
  'maxWarnings',
  'baseline',
] as const;

/** One callback for `run`'s onDocument from several, any of them absent. */
function afterEachDocument(
  ...steps: Array<((done: number, total: number) => void) | undefined>
): ((done: number, total: number) => void) | undefined {
  const present = steps.filter((step) => step !== undefined);
  if (present.length === 0) return undefined;
  return (done, total) => {
    for (const step of present) step(done, total);
  };
}
