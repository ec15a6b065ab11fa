import { Option, type Command } from 'commander';
import { ALGORITHM_KINDS, type AlgorithmKind } from '../../algorithms/types.js';
import { emit } from '../options.js';
import type { CommandResult } from '../result.js';

export function registerAlgorithmsCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  program
    .command('algorithms')
    .description(
      'list the algorithm registry: ids for profiles, URIs, OIDs, and what this build can verify',
    )
    .addOption(new Option('--kind <kind>', 'algorithm kind').choices(ALGORITHM_KINDS))
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(async (options: { kind?: string; format: string }) => {
      // Loaded when the command runs: the registry loads the schemes that derive `verifiable`.
      const { allAlgorithms } = await import('../../algorithms/registry.js');
      const entries = allAlgorithms(options.kind as AlgorithmKind | undefined);
      if (options.format === 'json') {
        emit(JSON.stringify(entries, null, 2), undefined);
      } else {
        const lines = entries.map(
          (a) =>
            `${a.id.padEnd(26)} ${a.kind.padEnd(16)} ${(a.verifiable ? 'verifiable' : 'recognised').padEnd(11)} ${a.confirmed ? '' : '(unconfirmed) '}${a.uris[0] ?? '(no XML URI)'}${a.uris.length > 1 ? ` +${a.uris.length - 1} alias` : ''}${a.jose ? `  JWS ${a.jose.join(' / ')}${a.joseConfirmed === false ? ' (corridor-defined)' : ''}` : ''}`,
        );
        emit(lines.join('\n'), undefined);
      }
      done({ exitCode: 0 });
    });
}
