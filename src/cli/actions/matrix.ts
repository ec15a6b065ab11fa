import type { ReadOptions } from '../../documents/read.js';
import { findDocuments, run } from '../../engine/run.js';
import { loadProfiles } from '../../profiles/load.js';
import { limitsFromOptions } from '../../security/options.js';
import { writeResult } from '../format-result.js';
import { prepareGate, type GateOptions } from '../gate.js';
import { displayPaths, parseAsOf, parseFailOn, useColor } from '../options.js';
import { progressBar } from '../progress.js';
import type { CommandResult } from '../result.js';
import { SHIPPED_DOCUMENTS_DIR } from '../shipped.js';

export interface MatrixOptions extends GateOptions {
  maxBytes?: string;
  profiles?: string;
  doctypes?: string;
  docs?: string;
  asOf?: string;
  format: string;
  output?: string;
  failOn?: string;
}

/** `corridor matrix`: every document under `--docs` against every profile. */
export function matrixAction(
  options: MatrixOptions,
  documentTypes: Pick<ReadOptions, 'doctypes' | 'xsd'> = {},
): CommandResult {
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
    receivers: 'all',
    onDocument: progressBar(),
  });
  const result = gate.apply(raw, { profiles, asOf });
  writeResult(result, options.format, useColor(options.output), options.output);
  return { exitCode: gate.exitCode(result, parseFailOn(options.failOn, 'never')) };
}
