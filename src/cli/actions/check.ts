import { checkRuleLevels } from '../../engine/rule-levels.js';
import { RULES } from '../../rules/index.js';
import { existsSync, statSync } from 'node:fs';
import { UserError } from '../../util/errors.js';
import { withLazy } from '../../util/lazy.js';
import type { ReadOptions } from '../../documents/read.js';
import { run } from '../../engine/run.js';
import type { MatrixResult } from '../../engine/types.js';
import { loadProfiles } from '../../profiles/load.js';
import { limitsFromOptions, maxFindingsFromOptions } from '../../security/options.js';
import { withConfig, type ConfigOption } from '../config.js';
import { loadContent } from '../content-option.js';
import { keyMaterial, profileAnchors } from '../key-material.js';
import { documentLimits } from '../../limits.js';
import { prepareGate, type GateOptions } from '../gate.js';
import { parseAsOf, parseFailOn, parseList } from '../options.js';
import { outputTargets, writeOutputs, type OutputOptions } from '../outputs.js';
import type { CommandResult } from '../result.js';

export interface CheckOptions extends GateOptions, OutputOptions {
  maxBytes?: string;
  maxFindingsPerRule?: string;
  /** `--certs` paths: untrusted certificates for finding signers and building paths. */
  certs?: string[];
  /** `--content uri=file`: bytes of detached Reference URIs. */
  content?: string[];
  /** `--crl` paths and `--require-revocation`: offline revocation. */
  crl?: string[];
  requireRevocation?: boolean;
  from?: string;
  to: string;
  profiles?: string;
  doctypes?: string;
  asOf?: string;
  failOn?: string;
  config?: ConfigOption;
}

/**
 * `corridor check`: the given documents, sent to the receivers in `--to`. The code of the
 * algorithm families (GOST, SM2, bign) and libxml2 load when the documents need them: the run
 * is done again once they are loaded (util/lazy.ts), before anything is written.
 */
export async function checkAction(
  files: string[],
  flags: CheckOptions,
  documentTypes: Pick<ReadOptions, 'doctypes' | 'xsd'> = {},
): Promise<CommandResult> {
  const options = withConfig(flags, CONFIGURABLE);
  const targets = outputTargets(options);
  const failOn = parseFailOn(options.failOn, 'error');
  refuseFolders(files);
  const levels = checkRuleLevels(
    options.ruleLevels?.levels ?? {},
    RULES.map((rule) => rule.id),
    `${options.ruleLevels?.file ?? 'config'}: rules`,
  );
  const gate = prepareGate(options);
  // Under withLazy: pkijs loads only for an anchor the plain DER reader leaves to it
  // (cli/program.ts starts check without it).
  const profiles = await withLazy(() => loadProfiles(options.profiles));
  const asOf = parseAsOf(options.asOf);
  // A pass that withLazy discards (a family's code was not loaded yet) leaves its spool too.
  const passes: MatrixResult[] = [];
  const disposeAll = () => {
    for (const pass of passes) pass.spool?.dispose();
  };
  const result = await withLazy(() => {
    const pass = run({
      kind: 'check',
      profiles,
      files: gate.select(files, '.'),
      asOf,
      read: { limits: limitsFromOptions(options), ...documentTypes },
      maxFindingsPerRule: maxFindingsFromOptions(options),
      ruleLevels: levels,
      verify: {
        ...keyMaterial(options, profileAnchors(profiles)),
        content: loadContent(options.content, documentLimits(limitsFromOptions(options)).maxBytes),
      },
      receivers: options.to === 'all' ? 'all' : parseList(options.to),
      from: options.from,
      // Read back from a temporary file by the reports: memory does not grow with the files.
      spoolPairs: true,
      stages: [gate.stage('check')].filter((s) => s !== undefined),
    });
    passes.push(pass);
    return pass;
  }).catch((error: unknown) => {
    disposeAll();
    throw error;
  });
  try {
    gate.report(result);
    await writeOutputs(result, targets, options.docsBaseUri);
  } finally {
    disposeAll();
  }
  return { exitCode: gate.exitCode(result, failOn) };
}

const CONFIGURABLE = ['profiles', 'doctypes', 'asOf', 'failOn', 'maxWarnings', 'baseline'] as const;

/** A folder is a matrix's input: say so instead of "cannot read document". */
function refuseFolders(files: readonly string[]): void {
  if (files.filter((file) => file === '-').length > 1) {
    throw new UserError('standard input (-) can be named once');
  }
  for (const file of files) {
    if (file !== '-' && existsSync(file) && statSync(file).isDirectory()) {
      throw new UserError(
        `${file} is a folder: check takes document files; to evaluate a folder run \`corridor matrix --docs ${file}\``,
      );
    }
  }
}
