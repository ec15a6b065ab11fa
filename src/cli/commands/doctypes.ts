import { Option, type Command } from 'commander';
import type { CommandResult } from '../result.js';
import { DOCTYPES_OPTION_HELP } from '../doctype-options.js';

export function registerDoctypesCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  const doctypes = program
    .command('doctypes')
    .description('list, show and lint document type definitions (formats corridor reads)');

  doctypes
    .command('list')
    .description('list the document types with kind, root element and schema')
    .option('--doctypes <dir>', DOCTYPES_OPTION_HELP)
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(async (options: { doctypes?: string; format: string }) => {
      const { doctypesListAction } = await import('../actions/doctypes.js');
      done(doctypesListAction(options));
    });

  doctypes
    .command('show')
    .description('print a document type definition as JSON')
    .argument('<id>', 'document type id')
    .option('--doctypes <dir>', DOCTYPES_OPTION_HELP)
    .action(async (id: string, options: { doctypes?: string }) => {
      const { doctypesShowAction } = await import('../actions/doctypes.js');
      done(doctypesShowAction(id, options));
    });

  doctypes
    .command('lint')
    .description('validate definitions (schema, paths, prefixes, roots) and compile their XSDs')
    .argument('[dir]', 'folder of definitions added to the shipped ones')
    .action(async (dir: string | undefined) => {
      const { doctypesLintAction } = await import('../actions/doctypes.js');
      done(await doctypesLintAction(dir));
    });
}
