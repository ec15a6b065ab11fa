import type { Command } from 'commander';
import { maxBytesOption } from '../../security/options.js';
import { contentOption } from '../content-option.js';
import { certsOption, crlOption, requireRevocationOption } from '../key-options.js';
import { applyJitPolicy } from '../jit-policy.js';
import { applyVerifyHeapPolicy } from '../heap-policy.js';
import type { CommandResult } from '../result.js';
import type { VerifyCommandOptions } from '../actions/verify.js';

/**
 * `corridor verify`: the options here, the work in actions/verify.ts, imported only when the
 * command runs — it loads every verifier (XMLDSig, JWS, PKI), which `--help` and the other
 * commands should not pay for.
 */
export function registerVerifyCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  program
    .command('verify')
    .description(
      'verify the signatures of documents, XMLDSig or JWS/CT (cryptography and, with --trust, chain)',
    )
    .argument('<files...>', 'signed XML or JSON documents')
    .option('--key <pem>', 'public key or certificate (PEM) to verify with; repeatable', collect)
    .option('--trust <pem>', 'trust anchor certificates (PEM); repeatable', collect)
    .option('--as-of <date>', 'evaluate trust on this date (YYYY-MM-DD; default: today)')
    .option('-f, --format <format>', 'output format: text or json', 'text')
    .addOption(maxBytesOption())
    .addOption(certsOption())
    .addOption(contentOption())
    .addOption(crlOption())
    .addOption(requireRevocationOption())
    .action(async (files: string[], options: VerifyCommandOptions) => {
      applyJitPolicy();
      const step = applyVerifyHeapPolicy();
      const { runVerify } = await import('../actions/verify.js');
      const { withLazy } = await import('../../util/lazy.js');
      // The GOST, SM2 and bign code loads when a key or a signature needs it (util/lazy.ts).
      const result = await withLazy(() => runVerify(files, options, step));
      const stream = result.exitCode === 2 ? process.stderr : process.stdout;
      stream.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
      done({ exitCode: result.exitCode });
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
