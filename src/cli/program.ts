import { applyHeapPolicy, applyMatrixHeapPolicy } from './heap-policy.js';
import { applyJitPolicy } from './jit-policy.js';
import { Command, CommanderError } from 'commander';
import { ProfileError } from '../profiles/profile-error.js';
import { UserError } from '../util/errors.js';
import { TOOL } from '../version.js';
import type { CommandResult } from './result.js';

/**
 * Commands that load the code of the GOST, SM2 and bign families (and libxml2) only when a
 * document or key needs it (util/lazy.ts: check and verify run their work under withLazy,
 * matrix each document on one thread), or never need it. Every other command loads all of it
 * before its action: they read many documents, or hand certificates to worker threads.
 */
const LAZY_COMMANDS = new Set([
  'check',
  'matrix',
  'verify',
  'profiles list',
  'algorithms',
  'doctypes list',
  'doctypes show',
  'doctypes lint',
  'merge',
]);

/**
 * Commands that start without pkijs (pki/pkijs.ts): `verify`, `check` and `matrix` read every
 * certificate and CRL under withLazy, which loads it when one needs it (~80 ms saved when none
 * does: the shipped anchors and most signers are read by the plain DER reader); the others read
 * none. Every other command loads it before its action, as its static import did.
 */
const WITHOUT_PKIJS = new Set([
  'verify',
  'check',
  'matrix',
  'profiles list',
  'profiles show',
  'algorithms',
  'doctypes list',
  'doctypes lint',
]);

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Declares commands on the program: each calls `done` with its result when it has run. */
export type RegisterCommands = (program: Command, done: (result: CommandResult) => void) => void;

/**
 * Runs the CLI with the commands `registerCommands` declares (cli/main.ts: all of them) and
 * resolves to the exit code: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration
 * or unreadable input. User errors print a message, never a stack.
 */
export async function runProgram(
  argv: string[],
  registerCommands: RegisterCommands,
): Promise<number> {
  applyHeapPolicy();
  let exitCode = 0;
  const done = (result: CommandResult) => {
    exitCode = result.exitCode;
  };
  const program = new Command()
    .name('corridor')
    .description('Interoperability conformance checker for cross-border signed e-documents')
    .version(TOOL.version)
    .showHelpAfterError()
    .exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });

  registerCommands(program, done);
  for (const command of program.commands) command.exitOverride();
  program.hook('preAction', async (_program, action) => {
    const path = commandPath(action);
    if (path === 'matrix') applyMatrixHeapPolicy();
    if (path === 'matrix' || path === 'check') applyJitPolicy();
    if (!WITHOUT_PKIJS.has(path)) {
      const { PKIJS } = await import('../pki/pkijs.js');
      await PKIJS.load();
    }
    if (LAZY_COMMANDS.has(path)) return;
    const { loadCrypto } = await import('../crypto/schemes/index.js');
    await loadCrypto();
  });

  try {
    await program.parseAsync(argv);
    // A family's code needed and never loaded would mean a wrong verdict: never silently.
    const { unresolvedLazy } = await import('../util/lazy.js');
    const missing = unresolvedLazy();
    if (missing.length > 0) {
      process.stderr.write(`corridor: internal error: ${missing.join(', ')} not loaded\n`);
      return 2;
    }
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
        ? 0
        : 2;
    }
    if (error instanceof UserError) {
      process.stderr.write(`corridor: ${error.message}\n`);
      const details =
        error instanceof ProfileError && error.problems.length === 1 ? [] : error.details;
      for (const line of details) process.stderr.write(`  ${line}\n`);
      return 2;
    }
    throw error;
  }
}
