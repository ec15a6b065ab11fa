/**
 * Test helper: runs the `openssl` CLI, optionally with OpenSSL's GOST engine
 * (Debian package libengine-gost-openssl) loaded through an openssl.cnf written to a temp dir,
 * so tests never depend on the machine's global OpenSSL configuration.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OpensslResult {
  /** Exit status; -1 when openssl could not be started. */
  status: number;
  stdout: Buffer;
  stderr: string;
}

export interface OpensslOptions {
  /** Bytes (or text) written to openssl's stdin. */
  input?: Uint8Array | string;
  /** Load the GOST engine (through a generated openssl.cnf). */
  gost?: boolean;
  /** Working directory for relative file arguments. */
  cwd?: string;
}

let availability: boolean | undefined;
let engineFile: string | null | undefined;
let gostConf: string | undefined;
let scratch: string | undefined;

/** A per-process temporary directory for key, certificate and data files. */
export function tempDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'corridor-openssl-'));
  return scratch;
}

function spawn(
  args: readonly string[],
  opts: OpensslOptions,
  env: NodeJS.ProcessEnv,
): OpensslResult {
  const r = spawnSync('openssl', [...args], {
    input: opts.input,
    cwd: opts.cwd,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) return { status: -1, stdout: Buffer.alloc(0), stderr: String(r.error) };
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** True when an `openssl` binary can be run. */
export function hasOpenssl(): boolean {
  availability ??= spawn(['version'], {}, process.env).status === 0;
  return availability;
}

/** Path of the GOST engine's gost.so, or null. Looks in OpenSSL's ENGINESDIR, then /usr/lib. */
export function findGostEngine(): string | null {
  if (engineFile !== undefined) return engineFile;
  engineFile = null;
  if (!hasOpenssl()) return engineFile;
  const candidates: string[] = [];
  const dirLine = spawn(['version', '-e'], {}, process.env).stdout.toString('utf8');
  const m = /ENGINESDIR:\s*"([^"]+)"/.exec(dirLine);
  if (m?.[1]) candidates.push(join(m[1], 'gost.so'));
  // Debian/Ubuntu multiarch layout: /usr/lib/<triplet>/engines-3/gost.so
  for (const base of ['/usr/lib', '/usr/lib64', '/usr/local/lib']) {
    if (!existsSync(base)) continue;
    candidates.push(join(base, 'engines-3', 'gost.so'));
    for (const sub of readdirSync(base)) candidates.push(join(base, sub, 'engines-3', 'gost.so'));
  }
  engineFile = candidates.find((c) => existsSync(c)) ?? null;
  return engineFile;
}

function gostConfigFile(engine: string): string {
  gostConf ??= writeGostConfig(engine, 'openssl-gost.cnf');
  return gostConf;
}

/** Writes an OpenSSL config that loads the GOST engine, with extra `[gost_section]` lines. */
export function writeGostConfig(
  engine: string,
  name: string,
  gostSettings: readonly string[] = [],
): string {
  const file = join(tempDir(), name);
  writeFileSync(
    file,
    [
      'openssl_conf = openssl_def',
      '[openssl_def]',
      'engines = engine_section',
      '[engine_section]',
      'gost = gost_section',
      '[gost_section]',
      'engine_id = gost',
      `dynamic_path = ${engine}`,
      'default_algorithms = ALL',
      ...gostSettings,
      '',
    ].join('\n'),
  );
  return file;
}

/** Runs `openssl args…`. With `gost: true` the GOST engine is loaded (throws if absent). */
export function runOpenssl(args: readonly string[], opts: OpensslOptions = {}): OpensslResult {
  if (!opts.gost) return spawn(args, opts, process.env);
  const engine = findGostEngine();
  if (!engine) throw new Error('OpenSSL GOST engine (gost.so) not found');
  return spawn(args, opts, { ...process.env, OPENSSL_CONF: gostConfigFile(engine) });
}

/** Runs openssl with the GOST engine; throws with openssl's stderr when it fails. */
export function opensslGost(args: readonly string[], input?: Uint8Array | string): Buffer {
  const r = runOpenssl(args, { input, gost: true });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

let engineWorks: boolean | undefined;

/** True when openssl runs with the GOST engine loaded (checked by a Streebog digest). */
export function hasGostEngine(): boolean {
  if (engineWorks === undefined) {
    engineWorks = findGostEngine() !== null;
    if (engineWorks) {
      engineWorks = runOpenssl(['dgst', '-md_gost12_256'], { input: '', gost: true }).status === 0;
    }
  }
  return engineWorks;
}

/**
 * Whether engine-dependent tests may be skipped: only outside CI. Under CI (`CI` set) they
 * must run, so a missing engine makes them fail instead of silently passing.
 */
export function skipWithoutGostEngine(): boolean {
  return !process.env.CI && !hasGostEngine();
}
