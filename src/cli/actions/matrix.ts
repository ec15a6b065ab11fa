import type { ReadOptions } from '../../documents/read.js';
import { findDocuments, run } from '../../engine/run.js';
import { loadProfiles } from '../../profiles/load.js';
import { limitsFromOptions, maxFindingsFromOptions } from '../../security/options.js';
import { withConfig, type ConfigOption } from '../config.js';
import { loadCertificates } from '../key-material.js';
import { prepareGate, type GateOptions } from '../gate.js';
import { displayPaths, parseAsOf, parseFailOn } from '../options.js';
import { outputTargets, writeOutputs, type OutputOptions } from '../outputs.js';
import { progressBar } from '../progress.js';
import type { CommandResult } from '../result.js';
import { SHIPPED_DOCUMENTS_DIR } from '../shipped.js';

export interface MatrixOptions extends GateOptions, OutputOptions {
  maxBytes?: string;
  maxFindingsPerRule?: string;
  /** `--certs` paths: untrusted certificates for finding signers and building paths. */
  certs?: string[];
  profiles?: string;
  doctypes?: string;
  docs?: string;
  asOf?: string;
  failOn?: string;
  config?: ConfigOption;
}

/** `corridor matrix`: every document under `--docs` against every profile. */
export function matrixAction(
  flags: MatrixOptions,
  documentTypes: Pick<ReadOptions, 'doctypes' | 'xsd'> = {},
): CommandResult {
  const options = withConfig(flags, CONFIGURABLE);
  const targets = outputTargets(options);
  const failOn = parseFailOn(options.failOn, 'never');
  const gate = prepareGate(options);
  const profiles = loadProfiles(options.profiles);
  const asOf = parseAsOf(options.asOf);
  const docs = options.docs ?? SHIPPED_DOCUMENTS_DIR;
  const raw = run({
    kind: 'matrix',
    profiles,
    files: displayPaths(gate.select(findDocuments(docs), docs)),
    asOf,
    read: { limits: limitsFromOptions(options), ...documentTypes },
    maxFindingsPerRule: maxFindingsFromOptions(options),
    verify: { certificates: loadCertificates(options.certs) },
    receivers: 'all',
    onDocument: progressBar(),
    // The text grid prints cells and counts, never a pair: pairs are counted and dropped, so
    // memory stays flat however many documents. A baseline filters pairs: they are kept then.
    keepPairs: !(targets.every((t) => t.format === 'text') && options.baseline === undefined),
  });
  const result = gate.apply(raw, { profiles, asOf });
  writeOutputs(result, targets, options.docsBaseUri);
  return { exitCode: gate.exitCode(result, failOn) };
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
