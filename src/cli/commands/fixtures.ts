import type { Command } from 'commander';
import type { CommandResult } from '../result.js';

export function registerFixturesCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  const fixtures = program.command('fixtures').description('the sample corpus of signed documents');
  fixtures
    .command('generate')
    .description(
      'regenerate the signed sample documents, negative samples, TEST ONLY keys and manifest',
    )
    .option('--out <dir>', 'fixtures folder (default: the shipped fixtures/)')
    .option(
      '--anchors <dir>',
      'where to write the test CA certificates (default: profiles/anchors)',
    )
    .action(async (options: { out?: string; anchors?: string }) => {
      const { fixturesGenerateAction } = await import('../actions/fixtures.js');
      done(fixturesGenerateAction(options));
    });
}
