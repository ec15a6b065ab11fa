import type { Command } from 'commander';
import type { ServeOptions } from '../actions/serve.js';
import { DOCTYPES_OPTION_HELP } from '../doctype-options.js';
import type { CommandResult } from '../result.js';
import { maxBytesOption } from '../../security/options.js';

export function registerServeCommand(
  program: Command,
  done: (result: CommandResult) => void,
): void {
  program
    .command('serve')
    .description(
      'run the checks as an HTTP service: POST /v1/check, /v1/verify, an upload page at /, OpenAPI at /openapi.json',
    )
    .option('--port <port>', 'TCP port (0: any free port)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--profiles <dir>', 'profiles folder (default: the shipped profiles)')
    .option('--doctypes <dir>', DOCTYPES_OPTION_HELP)
    .option(
      '--docs <dir>',
      'documents folder of GET /v1/matrix (default: the shipped fixtures/documents)',
    )
    .option('--workers <n>', 'worker threads (default: CPU cores − 1, at least 1)')
    .option('--max-queue <n>', 'requests waiting for a worker before 503 (default: 16 per worker)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or silent', 'info')
    .addOption(maxBytesOption())
    .action(async (options: ServeOptions) => {
      const { serveAction } = await import('../actions/serve.js');
      done(await serveAction(options));
    });
}
