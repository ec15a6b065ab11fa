import { baselineRecorder } from '../../engine/baseline.js';
import { findDocuments, run } from '../../engine/run.js';
import { loadProfiles } from '../../profiles/load.js';
import { writeJson } from '../../report/json-stream.js';
import { UserError } from '../../util/errors.js';
import { withConfig, type ConfigOption } from '../config.js';
import { prepareGate } from '../gate.js';
import { parseAsOf, parseList } from '../options.js';
import { openOutput } from '../output.js';
import type { CommandResult } from '../result.js';
import { SHIPPED_DOCUMENTS_DIR } from '../shipped.js';

export interface BaselineCreateOptions {
  output?: string;
  from?: string;
  to: string;
  docs?: string;
  profiles?: string;
  asOf?: string;
  shard?: string;
  config?: ConfigOption;
}

/** `corridor baseline create`: check (with files) or matrix (without), every finding recorded. */
export function baselineCreateAction(files: string[], flags: BaselineCreateOptions): CommandResult {
  // A config's docs folder is the matrix default; files on the command line make it a check.
  const options = withConfig(
    flags,
    files.length > 0 ? ['profiles', 'doctypes', 'asOf'] : ['profiles', 'doctypes', 'docs', 'asOf'],
  );
  const output = options.output;
  if (!output) throw new UserError('baseline create needs -o <file>');
  const isCheck = files.length > 0;
  if (isCheck && options.docs !== undefined) {
    throw new UserError('baseline create: give documents as files or --docs, not both');
  }
  const gate = prepareGate({ shard: options.shard });
  const profiles = loadProfiles(options.profiles);
  const docs = options.docs ?? SHIPPED_DOCUMENTS_DIR;
  // Pairs are recorded as they stream past and dropped: memory is the baseline's entries.
  const recorder = baselineRecorder(output);
  const result = run({
    kind: isCheck ? 'check' : 'matrix',
    profiles,
    files: isCheck ? gate.select(files, '.') : gate.select(findDocuments(docs), docs),
    asOf: parseAsOf(options.asOf),
    receivers: !isCheck || options.to === 'all' ? 'all' : parseList(options.to),
    from: isCheck ? options.from : undefined,
    keepPairs: false,
    stages: [recorder],
  });
  const file = recorder.baseline(result.asOf);
  const out = openOutput(output);
  writeJson(out, file);
  out.close();
  process.stderr.write(
    `corridor: wrote ${output}: ${file.findings.length} baseline entr${file.findings.length === 1 ? 'y' : 'ies'}\n`,
  );
  return { exitCode: 0 };
}
