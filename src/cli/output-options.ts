import { Option } from 'commander';

// Declared apart from outputs.ts so that `--help` does not load the formatters.

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export const outputOption = (): Option =>
  new Option(
    '-o, --output <file>',
    'write the -f report to a file; --output <format>:<file> writes one more report in that format (repeatable; <format>:- for stdout)',
  ).argParser(collect);

export const configOption = (): Option =>
  new Option(
    '--config <file>',
    'config file (default: the first corridor.config.json in this folder or a parent)',
  );

export const noConfigOption = (): Option =>
  new Option('--no-config', 'ignore corridor.config.json');
