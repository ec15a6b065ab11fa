import { Writable } from 'node:stream';
import { startService, type ServeConfig, type Service } from '../../src/serve/app.js';

export interface TestService extends Service {
  /** Every JSON log line written so far. */
  logs: string[];
}

/** Starts `corridor serve` in-process on an ephemeral loopback port, logs captured. */
export async function startTestService(config: Partial<ServeConfig> = {}): Promise<TestService> {
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const service = await startService({
    host: '127.0.0.1',
    port: 0,
    limits: {},
    workers: 2,
    logStream,
    ...config,
  });
  return Object.assign(service, { logs });
}

/** A fixed date, so results do not depend on the day the tests run. */
export const AS_OF = '2026-06-01';
