import { startService } from '../../serve/app.js';
import { limitsFromOptions } from '../../security/options.js';
import { UserError } from '../../util/errors.js';
import type { CommandResult } from '../result.js';

export interface ServeOptions {
  port: string;
  host: string;
  profiles?: string;
  doctypes?: string;
  docs?: string;
  workers?: string;
  maxQueue?: string;
  logLevel: string;
  maxBytes?: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * `corridor serve`: starts the service and resolves when it has stopped. SIGTERM or SIGINT stop
 * it gracefully: no new requests, those in flight finish, then exit 0.
 */
export async function serveAction(options: ServeOptions): Promise<CommandResult> {
  if (!LOG_LEVELS.includes(options.logLevel))
    throw new UserError(
      `--log-level expects one of ${LOG_LEVELS.join(', ')}, got "${options.logLevel}"`,
    );
  const service = await startService({
    host: options.host,
    port: count('--port', options.port, 0),
    profilesDir: options.profiles,
    doctypesDir: options.doctypes,
    docsDir: options.docs,
    limits: limitsFromOptions(options),
    workers: options.workers === undefined ? undefined : count('--workers', options.workers, 1),
    maxQueue:
      options.maxQueue === undefined ? undefined : count('--max-queue', options.maxQueue, 1),
    logLevel: options.logLevel,
  }).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
      throw new UserError(`cannot listen on ${options.host}:${options.port} (${code})`);
    throw error;
  });
  service.app.log.info(
    { url: service.url, workers: service.pool.workers, profiles: service.profiles.profiles.size },
    'listening',
  );
  // For people and scripts whatever the log level: stdout carries only the JSON log lines.
  process.stderr.write(
    `corridor serve: listening on ${service.url} (${service.pool.workers} workers, ${service.profiles.profiles.size} profiles)\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      service.app.log.info({ signal }, 'stopping: finishing requests in flight');
      service.close().then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return { exitCode: 0 };
}

function count(name: string, value: string, min: number): number {
  const n = Number(value);
  if (
    !/^\d+$/.test(value) ||
    !Number.isSafeInteger(n) ||
    n < min ||
    (name === '--port' && n > 65535)
  )
    throw new UserError(
      `${name} expects a whole number${min > 0 ? ` ≥ ${min}` : ''}, got "${value}"`,
    );
  return n;
}
