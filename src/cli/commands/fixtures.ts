import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFixtures } from '../../fixtures/generate.js';
import { SHIPPED_PROFILES_DIR } from '../../profiles/load.js';
import { emit } from '../options.js';
import type { CommandResult } from '../result.js';

export const SHIPPED_FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures', import.meta.url));

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
    .action((options: { out?: string; anchors?: string }) => {
      const out = resolve(options.out ?? SHIPPED_FIXTURES_DIR);
      const anchorsDir = resolve(options.anchors ?? join(SHIPPED_PROFILES_DIR, 'anchors'));
      const entries = generateFixtures({ out, anchorsDir, profilesDir: SHIPPED_PROFILES_DIR });
      emit(
        `wrote ${entries.length} documents and manifest.json to ${out}; test CA anchors to ${anchorsDir}`,
        undefined,
      );
      done({ exitCode: 0 });
    });
}
