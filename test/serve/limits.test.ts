import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { COMPILED_CLI_ENTRY } from '../helpers/compiled-cli.js';
import { tempTree } from '../helpers/tmp.js';
import { AS_OF, startTestService, type TestService } from './service.js';

const RU = readFileSync('fixtures/documents/RU/customs-declaration.xml');
const CN = readFileSync('fixtures/documents/CN/customs-declaration.xml');
const EU_JSON = readFileSync('fixtures/documents/EU/customs-declaration.json');
const HOSTILE = readFileSync('test/hostile/cases/billion-laughs.xml');
const TAMPERED = readFileSync('fixtures/negative/tampered-content.xml');
const MAX_BYTES = 64 * 1024;

/** A POST whose body is written in chunks (no Content-Length): the limit must hold while reading. */
function postChunked(
  url: string,
  chunks: Buffer[],
  type = 'application/xml',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/check`,
      { method: 'POST', headers: { 'content-type': type, 'transfer-encoding': 'chunked' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    // The server may answer 413 and close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const check = (url: string, body: Buffer, query = `to=CN&asOf=${AS_OF}`) =>
  fetch(`${url}/v1/check?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml' },
    body,
  });

function multipart(files: [string, Buffer][]): FormData {
  const form = new FormData();
  for (const [name, bytes] of files) form.append('file', new Blob([bytes]), name);
  return form;
}

describe('limits: size, content type, disconnects, queue', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ limits: { maxBytes: MAX_BYTES } });
  });
  afterAll(async () => {
    await service.close();
  });

  it('413 for an oversized body: declared, streamed without a length, or spread over parts', async () => {
    const big = Buffer.alloc(MAX_BYTES + 1, 0x20);
    const declared = await check(service.url, big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { detail: string }).detail).toContain('--max-bytes');
    const streamed = await postChunked(
      service.url,
      Array.from({ length: 40 }, () => Buffer.alloc(16 * 1024, 0x20)),
    );
    expect(streamed.status).toBe(413);
    const onePart = await fetch(`${service.url}/v1/check`, {
      method: 'POST',
      body: multipart([['big.xml', big]]),
    });
    expect(onePart.status).toBe(413);
    const half = Buffer.alloc(MAX_BYTES / 2 + 10, 0x20);
    const parts = await fetch(`${service.url}/v1/check`, {
      method: 'POST',
      body: multipart([
        ['a.xml', half],
        ['b.xml', half],
      ]),
    });
    expect(parts.status).toBe(413);
    expect((await check(service.url, CN)).status).toBeLessThan(500);
  });

  it('415 for a body that is not XML or JSON, and the next request succeeds', async () => {
    for (const type of ['text/plain', 'image/png', 'application/x-www-form-urlencoded']) {
      const response = await fetch(`${service.url}/v1/check`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: RU,
      });
      expect(response.status, type).toBe(415);
    }
    expect((await check(service.url, RU)).status).toBe(422);
  });

  it('a client that disconnects mid-upload leaves the server serving', async () => {
    for (let i = 0; i < 3; i += 1) {
      await new Promise<void>((resolve) => {
        const req = request(`${service.url}/v1/check`, {
          method: 'POST',
          headers: { 'content-type': 'application/xml', 'content-length': String(RU.length) },
        });
        req.on('error', () => resolve());
        req.on('close', () => resolve());
        req.write(RU.subarray(0, 1000), () => setTimeout(() => req.destroy(), 20));
      });
    }
    const after = await check(service.url, RU);
    expect(after.status).toBe(422);
    expect(((await after.json()) as { pairs: unknown[] }).pairs).toHaveLength(1);
  });

  it('N concurrent requests of mixed documents each get their own complete, correct answer', async () => {
    const cases: { body: Buffer; query: string }[] = [
      { body: RU, query: `to=CN&asOf=${AS_OF}` },
      { body: RU, query: `to=RU,CN,EU&asOf=${AS_OF}` },
      { body: CN, query: `to=CN&asOf=${AS_OF}` },
      { body: EU_JSON, query: `to=EU,RU&asOf=${AS_OF}` },
      { body: HOSTILE, query: `to=CN&asOf=${AS_OF}` },
      { body: TAMPERED, query: `to=RU&asOf=${AS_OF}` },
    ];
    // One at a time first: the reference answers.
    const expected: { status: number; text: string }[] = [];
    for (const c of cases) {
      const response = await check(service.url, c.body, c.query);
      expected.push({ status: response.status, text: await response.text() });
    }
    const n = 30;
    const responses = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const c = cases[i % cases.length]!;
        const response = await check(service.url, c.body, c.query);
        return { i, status: response.status, text: await response.text() };
      }),
    );
    for (const { i, status, text } of responses) {
      const want = expected[i % cases.length]!;
      expect(status, `request ${i}`).toBe(want.status);
      expect(JSON.parse(text), `request ${i}`).toEqual(JSON.parse(want.text));
    }
  });
});

describe('a bounded queue answers 503 with Retry-After', () => {
  it('with one worker and a queue of one, a burst is partly refused and nothing is lost', async () => {
    const service = await startTestService({ workers: 1, maxQueue: 1 });
    try {
      const files: [string, Buffer][] = Array.from({ length: 8 }, (_, i) => [`d${i}.xml`, RU]);
      const burst = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const response = await fetch(`${service.url}/v1/check?asOf=${AS_OF}`, {
            method: 'POST',
            body: multipart(files),
          });
          return {
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
            body: (await response.json()) as { pairs?: unknown[]; status?: number },
          };
        }),
      );
      const refused = burst.filter((r) => r.status === 503);
      const answered = burst.filter((r) => r.status !== 503);
      expect(refused.length).toBeGreaterThan(0);
      expect(answered.length).toBeGreaterThan(0);
      for (const r of refused) {
        expect(Number(r.retryAfter)).toBeGreaterThan(0);
        expect(r.body.status).toBe(503);
      }
      for (const r of answered) {
        expect(r.status).toBe(422);
        expect(r.body.pairs!.length).toBeGreaterThan(8);
      }
      expect((await check(service.url, RU)).status).toBe(422);
    } finally {
      await service.close();
    }
  });
});

describe('start-up and shutdown', () => {
  it('a bad profile stops start-up with the CLI’s message and exit code 2', async () => {
    const dir = tempTree({ 'XX.json': { id: 'XX', kind: 'jurisdiction' } });
    const serve = await runCli(['serve', '--profiles', dir, '--port', '0']);
    const cli = await runCli(['profiles', 'list', '--profiles', dir]);
    expect(serve.code).toBe(2);
    expect(cli.code).toBe(2);
    expect(serve.stderr).toBe(cli.stderr);
    expect(serve.stderr).toMatch(/^corridor: /);
  });

  it('SIGTERM finishes the request in flight, then exits 0', async () => {
    // The compiled CLI (built for the run by test/setup/build.global.ts): its worker starts
    // without the TypeScript loader.
    const script = `const { main } = await import(${JSON.stringify(COMPILED_CLI_ENTRY)});
      process.exitCode = await main(['node', 'corridor', 'serve', '--port', '0', '--workers', '1']);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    const seen = (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const look = () => {
          const match = pattern.exec(log);
          if (match) {
            child.stdout.off('data', look);
            resolve(match);
          }
        };
        child.stdout.on('data', look);
        look();
        void exited.then(() => reject(new Error(`server exited: ${log}`)));
      });
    try {
      const [, url] = await seen(/"url":"(http:\/\/[^"]+)"/);
      const files: [string, Buffer][] = Array.from({ length: 12 }, (_, i) => [`d${i}.xml`, RU]);
      const inFlight = fetch(`${url}/v1/check?asOf=${AS_OF}`, {
        method: 'POST',
        body: multipart(files),
      });
      await seen(/"url":"\/v1\/check[^"]*"[^\n]*"msg":"incoming request"/);
      child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(422);
      const report = (await response.json()) as { documents: unknown[] };
      expect(report.documents).toHaveLength(12);
      expect(await exited).toBe(0);
      expect(log).toContain('"signal":"SIGTERM"');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
