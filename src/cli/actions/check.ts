import type { ReadOptions } from '../../documents/read.js';
import { run } from '../../engine/run.js';
import { loadProfiles } from '../../profiles/load.js';
import { limitsFromOptions } from '../../security/options.js';
import { writeResult } from '../format-result.js';
import { prepareGate, type GateOptions } from '../gate.js';
import { parseAsOf, parseFailOn, parseList, useColor } from '../options.js';
import type { CommandResult } from '../result.js';

export interface CheckOptions extends GateOptions {
  maxBytes?: string;
  from?: string;
  to: string;
  profiles?: string;
  doctypes?: string;
  asOf?: string;
  format: string;
  output?: string;
  failOn?: string;
}

/** `corridor check`: the given documents, sent to the receivers in `--to`. */
export function checkAction(
  files: string[],
  options: CheckOptions,
  documentTypes: Pick<ReadOptions, 'doctypes' | 'xsd'> = {},
): CommandResult {
  const gate = prepareGate(options);
  const profiles = loadProfiles(options.profiles);
  const asOf = parseAsOf(options.asOf);
  const raw = run({
    kind: 'check',
    profiles,
    files: gate.select(files, '.'),
    asOf,
    read: { limits: limitsFromOptions(options), ...documentTypes },
    receivers: options.to === 'all' ? 'all' : parseList(options.to),
    from: options.from,
  });
  const result = gate.apply(raw, { profiles, asOf });
  writeResult(result, options.format, useColor(options.output), options.output);
  return { exitCode: gate.exitCode(result, parseFailOn(options.failOn, 'error')) };
}
