/**
 * The README's CLI reference stays true to `--help`: every command and subcommand the CLI
 * offers is named there as `corridor <command>`, and every long option it prints appears in it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** The lines of one section ("Options:", "Commands:") of a commander help text. */
function section(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => line.trim() === title);
  if (start < 0) return [];
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && !line.startsWith(' ')) break;
    body.push(line);
  }
  return body;
}

function subcommands(help: string): string[] {
  return section(help, 'Commands:')
    .map((line) => /^ {2}([a-z][\w-]*)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'help');
}

function longOptions(help: string): string[] {
  return (
    section(help, 'Options:')
      // The flags column ends where the description starts, after two or more spaces.
      .map((line) => /--[a-z][\w-]*/.exec(line.trimStart().split(/\s{2,}/)[0] ?? '')?.[0])
      .filter((option): option is string => option !== undefined)
      .filter((option) => option !== '--help' && option !== '--version')
  );
}

async function helpOf(path: string[]): Promise<string> {
  const run = await runCli([...path, '--help']);
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('README CLI reference', () => {
  it('names every command and every long option that --help prints', async () => {
    const missing: string[] = [];
    const queue: string[][] = subcommands(await helpOf([])).map((name) => [name]);
    let seen = 0;
    let options = 0;
    while (queue.length > 0) {
      const path = queue.shift()!;
      seen += 1;
      const help = await helpOf(path);
      if (!README.includes(`corridor ${path.join(' ')}`))
        missing.push(`corridor ${path.join(' ')}`);
      for (const option of longOptions(help)) {
        options += 1;
        if (!README.includes(option)) missing.push(`${path.join(' ')} ${option}`);
      }
      for (const name of subcommands(help)) queue.push([...path, name]);
    }
    expect(seen).toBeGreaterThan(12);
    expect(options).toBeGreaterThan(80);
    expect(missing).toEqual([]);
  });
});
