import type { Command } from 'commander';
import { createBaseline } from '../../engine/baseline.js';
import { findDocuments, run } from '../../engine/run.js';
import { loadProfiles } from '../../profiles/load.js';
import { UserError } from '../../util/errors.js';
import { prepareGate, shardOption } from '../gate.js';
import { emit, parseAsOf, parseList } from '../options.js';
import type { CommandResult } from '../result.js';
import { SHIPPED_DOCUMENTS_DIR } from './matrix.js';

interface BaselineCreateOptions {
  output?: string;
  from?: string;
  to: string;
  docs?: string;
  profiles?: string;
  asOf?: string;
  shard?: string;
}

export function registerBaselineCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  const baseline = program
    .command('baseline')
    .description('record known findings so a CI gate fails only on new ones');

  baseline
    .command('create')
    .description(
      'run check (with files) or matrix (without) and write every error and warning as a baseline',
    )
    .argument('[files...]', 'documents to check (default: the matrix over --docs)')
    .requiredOption('-o, --output <file>', 'baseline file to write')
    .option('--from <id>', 'sender profile (check; default: each document’s issuing country)')
    .option('--to <ids>', 'receiver profile ids, comma-separated, or "all" (check)', 'all')
    .option('--docs <dir>', 'documents folder (matrix; default: the shipped fixtures/documents)')
    .option('--profiles <dir>', 'profiles folder (default: the shipped profiles)')
    .option('--as-of <date>', 'evaluate on this date (YYYY-MM-DD; default: today)')
    .addOption(shardOption())
    .action((files: string[], options: BaselineCreateOptions) => {
      const output = options.output;
      if (!output) throw new UserError('baseline create needs -o <file>');
      const isCheck = files.length > 0;
      if (isCheck && options.docs !== undefined) {
        throw new UserError('baseline create: give documents as files or --docs, not both');
      }
      const gate = prepareGate({ shard: options.shard });
      const profiles = loadProfiles(options.profiles);
      const docs = options.docs ?? SHIPPED_DOCUMENTS_DIR;
      const result = run({
        kind: isCheck ? 'check' : 'matrix',
        profiles,
        files: isCheck ? gate.select(files, '.') : gate.select(findDocuments(docs), docs),
        asOf: parseAsOf(options.asOf),
        receivers: !isCheck || options.to === 'all' ? 'all' : parseList(options.to),
        from: isCheck ? options.from : undefined,
      });
      const file = createBaseline(result, output);
      emit(JSON.stringify(file, null, 2), output);
      process.stderr.write(
        `corridor: wrote ${output}: ${file.findings.length} baseline entr${file.findings.length === 1 ? 'y' : 'ies'}\n`,
      );
      done({ exitCode: 0 });
    });
}
