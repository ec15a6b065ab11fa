/**
 * Load test of `corridor serve` with autocannon, on loopback only, bounded in time, stopping by
 * itself. `npm run bench -- serve` (SERVE_BENCH_SECONDS=60 by default, SERVE_BENCH_CONNECTIONS=8,
 * SERVE_BENCH_WORKERS=2).
 *
 * 1. Mixed traffic for the whole period: valid documents (200), failing ones (422), hostile ones
 *    (entity expansion, a truncated document, a tampered signature: 422) and JSON. Reports
 *    requests/s, p50/p99 latency, status codes, and errors, timeouts, body mismatches and
 *    dropped connections, which must all be 0; the server's RSS is sampled every 5 s so that a
 *    leak shows as a slope.
 * 2. One document, one connection: the p50 of a check over HTTP next to the wall time of
 *    `corridor check` in a fresh process for the same document and receiver.
 *
 * The server runs as the installed CLI does (`bin/corridor.js serve`, compiled dist/), built
 * first, in its own process, so the load generator does not share its event loop.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.SERVE_BENCH_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SERVE_BENCH_CONNECTIONS ?? 8);
const WORKERS = process.env.SERVE_BENCH_WORKERS ?? '2';
const AS_OF = '2026-06-01';

const file = (path: string) => readFileSync(`${ROOT}${path}`);
const xml = { 'content-type': 'application/xml' };
const MIX: { name: string; path: string; body: Buffer; headers: Record<string, string> }[] = [
  {
    name: 'valid CN → CN',
    path: `/v1/check?to=CN&asOf=${AS_OF}`,
    body: file('fixtures/documents/CN/customs-declaration.xml'),
    headers: xml,
  },
  {
    name: 'failing RU → CN',
    path: `/v1/check?to=CN&asOf=${AS_OF}`,
    body: file('fixtures/documents/RU/customs-declaration.xml'),
    headers: xml,
  },
  {
    name: 'JSON EU → all',
    path: `/v1/check?asOf=${AS_OF}`,
    body: file('fixtures/documents/EU/customs-declaration.json'),
    headers: { 'content-type': 'application/json' },
  },
  {
    name: 'hostile: entity expansion',
    path: `/v1/check?to=RU&asOf=${AS_OF}`,
    body: file('test/hostile/cases/billion-laughs.xml'),
    headers: xml,
  },
  {
    name: 'hostile: truncated',
    path: `/v1/check?to=RU&asOf=${AS_OF}`,
    body: file('test/hostile/cases/truncated-document.xml'),
    headers: xml,
  },
  {
    name: 'hostile: tampered',
    path: `/v1/verify?asOf=${AS_OF}`,
    body: file('test/hostile/cases/tampered-content-RU-customs-declaration.xml'),
    headers: xml,
  },
];

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** A complete answer: a JSON report (check) or verify output, never a problem document. */
function complete(body: string | Buffer | undefined): boolean {
  try {
    const value = JSON.parse(String(body)) as { pairs?: unknown[]; results?: unknown[] };
    return Array.isArray(value.pairs) || Array.isArray(value.results);
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  console.log('building dist/ (npm run build)…');
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
  const server = spawn(
    process.execPath,
    [
      'bin/corridor.js',
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--workers',
      WORKERS,
      '--log-level',
      'warn',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error('server did not start')), 60_000);
      server.stderr.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        const match = /listening on (http:\/\/\S+)/.exec(text);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const pid = server.pid!;
    // Warm-up: every worker has read its profiles, compiled what the mix needs, and its heap
    // has grown to its working size, so that the run shows growth, not start-up.
    await autocannon({ url, connections: CONNECTIONS, duration: 15, requests: requestsOf() });

    const samples: { t: number; rss: number }[] = [{ t: 0, rss: rssMiB(pid) }];
    const started = Date.now();
    const sampler = setInterval(
      () => samples.push({ t: (Date.now() - started) / 1000, rss: rssMiB(pid) }),
      5000,
    );
    const mixed = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      timeout: 30,
      requests: requestsOf(),
      verifyBody: complete,
    });
    clearInterval(sampler);
    samples.push({ t: SECONDS, rss: rssMiB(pid) });

    const statuses = Object.fromEntries(
      Object.entries(mixed.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]),
    );
    const half = samples.filter((s) => s.t <= SECONDS / 2);
    const late = samples.filter((s) => s.t > SECONDS / 2);
    const mean = (xs: { rss: number }[]) => xs.reduce((a, s) => a + s.rss, 0) / xs.length;
    console.log(`\nmixed traffic: ${MIX.map((m) => m.name).join(', ')}`);
    console.log(
      `  ${SECONDS} s, ${CONNECTIONS} connections, ${WORKERS} workers: ${mixed.requests.total} requests, ${mixed.requests.average.toFixed(1)} req/s`,
    );
    console.log(
      `  latency p50 ${mixed.latency.p50} ms, p99 ${mixed.latency.p99} ms, max ${mixed.latency.max} ms`,
    );
    console.log(`  status codes ${JSON.stringify(statuses)}`);
    const bad = {
      errors: mixed.errors,
      timeouts: mixed.timeouts,
      mismatches: mixed.mismatches,
      resets: mixed.resets,
      '5xx': mixed['5xx'],
    };
    console.log(`  errors/timeouts/mismatches/resets/5xx: ${JSON.stringify(bad)}`);
    console.log(`  server RSS MiB every 5 s: ${samples.map((s) => s.rss.toFixed(0)).join(' ')}`);
    console.log(
      `  server RSS MiB: start ${samples[0]!.rss.toFixed(0)}, first half mean ${mean(half).toFixed(0)}, second half mean ${mean(late).toFixed(0)}, end ${samples.at(-1)!.rss.toFixed(0)}, max ${Math.max(...samples.map((s) => s.rss)).toFixed(0)}`,
    );

    // One document, one connection: service latency next to a CLI process.
    const one = MIX[1]!;
    const single = await autocannon({
      url,
      connections: 1,
      duration: Math.min(10, SECONDS),
      requests: [{ method: 'POST', path: one.path, headers: one.headers, body: one.body }],
      verifyBody: complete,
    });
    if (single.mismatches > 0 || single.errors > 0)
      throw new Error('one-document run: bad answers');
    const cliTimes: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const start = process.hrtime.bigint();
      const run = spawnSync(
        process.execPath,
        [
          'bin/corridor.js',
          'check',
          'fixtures/documents/RU/customs-declaration.xml',
          '--to',
          'CN',
          '--as-of',
          AS_OF,
          '--format',
          'json',
        ],
        { cwd: ROOT, stdio: 'ignore' },
      );
      if (run.status !== 1) throw new Error(`corridor check exited ${run.status}, expected 1`);
      cliTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    cliTimes.sort((a, b) => a - b);
    const cliMedian = cliTimes[Math.floor(cliTimes.length / 2)]!;
    console.log(`\none document (${one.name}), one connection:`);
    console.log(
      `  service p50 ${single.latency.p50} ms (p99 ${single.latency.p99} ms, ${single.requests.total} requests)`,
    );
    console.log(
      `  corridor check process wall time, median of 7: ${cliMedian.toFixed(0)} ms (min ${cliTimes[0]!.toFixed(0)}) → ${(cliMedian / Math.max(single.latency.p50, 0.1)).toFixed(0)}× the service p50`,
    );
    const failed = Object.entries(bad).filter(([, n]) => n > 0);
    if (failed.length > 0) {
      console.error(`FAILED: ${failed.map(([k, n]) => `${n} ${k}`).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    server.kill('SIGTERM');
  }
}

function requestsOf(): autocannon.Request[] {
  return MIX.map((m) => ({ method: 'POST', path: m.path, headers: m.headers, body: m.body }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
