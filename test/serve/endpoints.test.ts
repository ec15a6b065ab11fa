import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { AS_OF, startTestService, type TestService } from './service.js';

const RU = 'fixtures/documents/RU/customs-declaration.xml';
const CN = 'fixtures/documents/CN/customs-declaration.xml';
const EU_JSON = 'fixtures/documents/EU/customs-declaration.json';
const TAMPERED = 'fixtures/negative/tampered-content.xml';
const HOSTILE = 'test/hostile/cases/billion-laughs.xml';

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
}

let service: TestService;
let openapi: OpenApi;
const ajv = new Ajv2020({ strict: false, allErrors: true });
/** "METHOD path status" of every response checked against the document. */
const covered = new Set<string>();

beforeAll(async () => {
  service = await startTestService();
  openapi = (await (await fetch(`${service.url}/openapi.json`)).json()) as OpenApi;
  ajv.addSchema(openapi, 'openapi');
});

afterAll(async () => {
  await service.close();
});

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Fetches and checks the response against the OpenAPI document: its status must be documented
 * for the operation, and a JSON body must validate against that response's schema.
 */
async function call(
  method: string,
  path: string,
  init: RequestInit & { route?: string } = {},
): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
  const response = await fetch(`${service.url}${path}`, { method, ...init });
  const text = await response.text();
  const route = init.route ?? path.split('?')[0]!;
  const operation = openapi.paths[route]?.[method.toLowerCase()];
  expect(operation, `${method} ${route} is in the OpenAPI document`).toBeDefined();
  const status = String(response.status);
  expect(Object.keys(operation!.responses), `${method} ${route} documents ${status}`).toContain(
    status,
  );
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!;
  if (type.endsWith('json')) {
    const content = operation!.responses[status]!.content as Record<string, unknown>;
    expect(Object.keys(content), `${method} ${route} ${status} documents ${type}`).toContain(type);
    const ref = `openapi#/${pointer('paths', route, method.toLowerCase(), 'responses', status, 'content', type, 'schema')}`;
    const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    const body: unknown = JSON.parse(text);
    expect(validate(body) ? [] : validate.errors, `${method} ${path} ${status}`).toEqual([]);
  }
  covered.add(`${method} ${route} ${status}`);
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** The CLI names a document by its path; the service by the upload's file name. */
const asUploaded = (stdout: string, path: string): unknown =>
  JSON.parse(stdout.split(JSON.stringify(path)).join(JSON.stringify(path.split('/').pop())));

const xml = (file: string): RequestInit => ({
  headers: { 'content-type': 'application/xml' },
  body: readFileSync(file),
});

describe('corridor serve over HTTP, every response checked against /openapi.json', () => {
  it('GET /openapi.json is OpenAPI 3.1 and documents every endpoint', async () => {
    const { json } = await call('GET', '/openapi.json');
    const doc = json() as OpenApi;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/',
        '/health',
        '/matrix',
        '/openapi.json',
        '/ready',
        '/v1/algorithms',
        '/v1/check',
        '/v1/doctypes',
        '/v1/matrix',
        '/v1/profiles',
        '/v1/profiles/{id}',
        '/v1/verify',
      ].sort(),
    );
  });

  it('GET /health and /ready', async () => {
    expect((await call('GET', '/health')).json()).toEqual({ status: 'ok' });
    const ready = await call('GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', workers: 2 });
  });

  it('POST /v1/check answers the CLI’s JSON, 422 for RU → CN with its reasons', async () => {
    const response = await call('POST', `/v1/check?to=CN&asOf=${AS_OF}&name=${RU}`, xml(RU));
    expect(response.status).toBe(422);
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    const cli = await runCli(['check', RU, '--to', 'CN', '--as-of', AS_OF, '--format', 'json']);
    expect(cli.code).toBe(1);
    expect(response.json()).toEqual(asUploaded(cli.stdout, RU));
    const report = response.json() as {
      pairs: { status: string; findings: { ruleId: string }[] }[];
    };
    expect(report.pairs[0]!.status).toBe('fail');
    expect(report.pairs[0]!.findings.map((f) => f.ruleId)).toContain('signature/method-accepted');
  });

  it('POST /v1/check answers 200 exactly when the CLI exits 0; failOn moves the line', async () => {
    const cli = await runCli(['check', CN, '--to', 'CN', '--as-of', AS_OF, '--format', 'json']);
    const response = await call('POST', `/v1/check?to=CN&asOf=${AS_OF}&name=${CN}`, xml(CN));
    expect(response.status).toBe(cli.code === 0 ? 200 : 422);
    expect(response.json()).toEqual(asUploaded(cli.stdout, CN));
    const never = await call('POST', `/v1/check?to=CN&asOf=${AS_OF}&failOn=never`, xml(RU));
    expect(never.status).toBe(200);
  });

  it('POST /v1/check detects JSON documents as the CLI does', async () => {
    const response = await call('POST', `/v1/check?to=EU&asOf=${AS_OF}`, {
      headers: { 'content-type': 'application/json' },
      body: readFileSync(EU_JSON),
    });
    const report = response.json() as { documents: { documentType: string; sender: string }[] };
    expect(report.documents[0]).toMatchObject({
      documentType: 'customs-declaration',
      sender: 'EU',
    });
  });

  it('POST /v1/check takes several documents as multipart, each under its file name', async () => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(RU)]), 'ru.xml');
    form.append('file', new Blob([readFileSync(CN)]), 'cn.xml');
    form.append('to', 'CN,RU');
    const response = await call('POST', `/v1/check?asOf=${AS_OF}`, { body: form });
    expect(response.status).toBe(422);
    const report = response.json() as { documents: { document: string }[]; pairs: unknown[] };
    expect(report.documents.map((d) => d.document)).toEqual(['ru.xml', 'cn.xml']);
    expect(report.pairs).toHaveLength(4);
  });

  it('POST /v1/check renders every report format, by ?format= or by Accept', async () => {
    const sarif = await call('POST', `/v1/check?to=CN&asOf=${AS_OF}&format=sarif`, xml(RU));
    expect(sarif.headers.get('content-type')).toMatch(/^application\/sarif\+json/);
    expect((sarif.json() as { version: string }).version).toBe('2.1.0');
    const byAccept = async (accept: string) =>
      call('POST', `/v1/check?to=CN&asOf=${AS_OF}`, {
        ...xml(RU),
        headers: { 'content-type': 'application/xml', accept },
      });
    const junit = await byAccept('application/xml');
    expect(junit.text).toMatch(/^<\?xml[^>]*>\s*<testsuites/);
    const html = await byAccept('text/html;q=0.9, text/markdown;q=0.5');
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.text).toContain('Content-Security-Policy');
    const markdown = await byAccept('text/markdown');
    expect(markdown.text).toContain('| ');
    expect((await byAccept('image/png')).status).toBe(406);
    const unknown = await call('POST', `/v1/check?format=pdf`, xml(RU));
    expect(unknown.status).toBe(400);
  });

  it('POST /v1/verify answers the verify JSON: 200 valid, 422 tampered', async () => {
    const valid = await call('POST', `/v1/verify?asOf=${AS_OF}&name=ru.xml`, xml(RU));
    expect(valid.status).toBe(200);
    const output = valid.json() as {
      results: { file: string; signatures: { valid: unknown }[] }[];
    };
    expect(output.results[0]).toMatchObject({ file: 'ru.xml', signatures: [{ valid: true }] });
    const tampered = await call('POST', `/v1/verify?asOf=${AS_OF}`, xml(TAMPERED));
    expect(tampered.status).toBe(422);
    const bad = tampered.json() as { results: { signatures: { valid: unknown }[] }[] };
    expect(bad.results[0]!.signatures[0]!.valid).toBe(false);
  });

  it('GET /v1/profiles, /v1/profiles/{id} (a member state gives its union), /v1/algorithms, /v1/doctypes', async () => {
    const cli = await runCli(['profiles', 'list', '--format', 'json']);
    expect((await call('GET', '/v1/profiles')).json()).toEqual(JSON.parse(cli.stdout));
    const eu = await call('GET', '/v1/profiles/DE', { route: '/v1/profiles/{id}' });
    expect(eu.json()).toMatchObject({ id: 'EU', lineage: ['CORE', 'EU'] });
    for (const anchor of (eu.json() as { anchors: string[] }).anchors)
      expect(anchor.startsWith('/')).toBe(false);
    expect((await call('GET', '/v1/profiles/XX', { route: '/v1/profiles/{id}' })).status).toBe(404);
    const digests = (await call('GET', '/v1/algorithms?kind=digest')).json() as { kind: string }[];
    expect(digests.length).toBeGreaterThan(3);
    expect(new Set(digests.map((a) => a.kind))).toEqual(new Set(['digest']));
    expect((await call('GET', '/v1/algorithms')).json()).toEqual(
      JSON.parse((await runCli(['algorithms', '--format', 'json'])).stdout),
    );
    expect((await call('GET', '/v1/algorithms?kind=magic')).status).toBe(400);
    expect((await call('GET', '/v1/doctypes')).json()).toEqual(
      JSON.parse((await runCli(['doctypes', 'list', '--format', 'json'])).stdout),
    );
  });

  it('GET /v1/matrix is the CLI’s matrix, computed once per date; /matrix is the heatmap', async () => {
    const first = await call('GET', `/v1/matrix?asOf=${AS_OF}`);
    const cli = await runCli(['matrix', '--as-of', AS_OF, '--format', 'json']);
    expect(first.json()).toEqual(JSON.parse(cli.stdout));
    const again = await call('GET', `/v1/matrix?asOf=${AS_OF}&format=json`);
    expect(again.text).toBe(first.text);
    const markdown = await call('GET', `/v1/matrix?asOf=${AS_OF}`, {
      headers: { accept: 'text/markdown' },
    });
    expect(markdown.text).toContain('RU');
    const page = await call('GET', '/matrix');
    expect(page.text).toContain('<table class="matrix');
    expect((await call('GET', '/v1/matrix?asOf=2026-02-30')).status).toBe(400);
  });

  it('GET / is the upload page under a strict CSP with no network assets', async () => {
    const page = await call('GET', '/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toMatch(/script-src 'sha256-[^']+'/);
    expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page.text).toContain('value="CN"');
  });

  it('malformed requests: 400 unknown profile, bad date, empty body; 415; 404', async () => {
    const unknown = await call('POST', '/v1/check?to=ZZ', xml(RU));
    expect(unknown.status).toBe(400);
    expect((unknown.json() as { detail: string }).detail).toContain('unknown receiver profile: ZZ');
    expect((await call('POST', '/v1/check?asOf=2026-13-01', xml(RU))).status).toBe(400);
    const empty = await call('POST', '/v1/check', {
      headers: { 'content-type': 'application/xml' },
    });
    expect(empty.status).toBe(400);
    const text = await call('POST', '/v1/check', {
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    expect((text.json() as { detail: string }).detail).toContain('application/xml');
    expect((await fetch(`${service.url}/v2/nothing`)).status).toBe(404);
  });

  it('a hostile document is refused by design (DTD), and the next request still succeeds', async () => {
    const hostile = await call('POST', `/v1/check?to=CN&asOf=${AS_OF}`, xml(HOSTILE));
    expect(hostile.status).toBe(422);
    const report = hostile.json() as { pairs: { findings: { ruleId: string }[] }[] };
    expect(report.pairs[0]!.findings.map((f) => f.ruleId)).toContain('security/dtd');
    expect((await call('POST', `/v1/check?to=CN&asOf=${AS_OF}`, xml(CN))).status).toBeLessThan(500);
  });

  it('logs carry the request id and never the document content', async () => {
    const marker = 'SECRET-CONSIGNEE-7Q2';
    const body = readFileSync(CN, 'utf8').replace('</', `<!-- ${marker} --></`);
    const response = await call('POST', `/v1/check?to=CN&asOf=${AS_OF}`, {
      headers: { 'content-type': 'application/xml', 'x-request-id': 'trace-42' },
      body,
    });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
    const lines = service.logs.filter((line) => line.includes('"reqId":"trace-42"'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.some((line) => JSON.parse(line).msg === 'check')).toBe(true);
    expect(service.logs.join('\n')).not.toContain(marker);
  });

  it('every documented operation was exercised', () => {
    for (const [route, methods] of Object.entries(openapi.paths))
      for (const method of Object.keys(methods))
        expect(
          [...covered].some((c) => c.startsWith(`${method.toUpperCase()} ${route} `)),
          `${method} ${route}`,
        ).toBe(true);
  });
});
