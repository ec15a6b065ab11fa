/**
 * Test helper: `openssl` with the GOST engine and a chosen GOST 28147-89 parameter set.
 * `openssl enc -gost89` takes its parameter set from the engine's CRYPT_PARAMS setting (TC26 Z
 * by default in the engine tested), which only a config file can set.
 */
import { spawnSync } from 'node:child_process';
import { findGostEngine, writeGostConfig } from './openssl.js';

const configs = new Map<string, string>();

function configFor(paramSetOid: string, engine: string): string {
  let file = configs.get(paramSetOid);
  if (!file) {
    file = writeGostConfig(engine, `openssl-gost-${paramSetOid}.cnf`, [
      `CRYPT_PARAMS = ${paramSetOid}`,
    ]);
    configs.set(paramSetOid, file);
  }
  return file;
}

/** Runs openssl with the engine and CRYPT_PARAMS = paramSetOid; throws with stderr on failure. */
export function opensslWithCryptParams(
  paramSetOid: string,
  args: readonly string[],
  input?: Uint8Array,
): Buffer {
  const engine = findGostEngine();
  if (!engine) throw new Error('OpenSSL GOST engine (gost.so) not found');
  const r = spawnSync('openssl', [...args], {
    input,
    env: { ...process.env, OPENSSL_CONF: configFor(paramSetOid, engine) },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr.toString()}`);
  return r.stdout;
}
