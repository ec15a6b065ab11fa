import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormatsModule from 'ajv-formats';
import { formatToString } from '../../src/report/index.js';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, sarifFormatter, type SarifLog } from '../../src/report/sarif.js';
import { createHash } from 'node:crypto';
import { findingIdentity, identityKey } from '../../src/engine/finding-identity.js';
import { ruleMetas } from '../../src/rules/docs.js';
import { check } from '../../src/index.js';
import { CWD, context, expectedCounts, matrixResult, rules } from './fixture.js';
import { MEMBER_DOCUMENT, memberResult } from './member-fixture.js';
import { ROUTE_CONDITIONS, routedResult } from './routed-fixture.js';

// ajv and ajv-formats are CommonJS; under ESM their default exports may arrive wrapped.
type AjvInstance = import('ajv').default;
const AjvClass = ((Ajv as unknown as { default?: unknown }).default ?? Ajv) as new (
  options: object,
) => AjvInstance;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: AjvInstance) => void;

const sarifSchema: unknown = JSON.parse(
  readFileSync(new URL('./schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
);

function sarifValidator() {
  // The OASIS schema is draft-07: the default Ajv class, not Ajv2020. Not strict: the
  // upstream schema uses `enum` without `type` and `default` inside `items`, which strict
  // mode reports as schema-style issues although they are valid draft-07.
  const ajv = new AjvClass({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(sarifSchema as object);
}

const withUri = { ...context, informationUri: 'https://example.org/corridor' };
const log = JSON.parse(formatToString(sarifFormatter, matrixResult, withUri)) as SarifLog;
const run = log.runs[0]!;

describe('sarif formatter', () => {
  it('stays valid with a document that cannot be read (one result for every receiver)', () => {
    const unread = check(['test/hostile/cases/empty.xml'], {
      to: ['KZ', 'CN'],
      asOf: new Date('2026-12-01T00:00:00Z'),
    });
    const sarif = JSON.parse(formatToString(sarifFormatter, unread, context)) as SarifLog;
    const validate = sarifValidator();
    expect(validate(sarif)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(sarif.runs[0]!.results).toHaveLength(1);
    expect(sarif.runs[0]!.results[0]!.properties.receivers).toEqual(['KZ', 'CN']);
  });

  it('is valid against the official SARIF 2.1.0 JSON schema', () => {
    const validate = sarifValidator();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check is not vacuous: it rejects a broken log', () => {
    const validate = sarifValidator();
    const broken = JSON.parse(JSON.stringify(log)) as {
      runs: Array<{ results: Array<Record<string, unknown>> }>;
    };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
    const noDriver = JSON.parse(JSON.stringify(log)) as {
      runs: Array<{ tool: Record<string, unknown> }>;
    };
    delete noDriver.runs[0]!.tool.driver;
    expect(validate(noDriver)).toBe(false);
  });

  it('has the SARIF header and one run of corridor', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({
      name: 'corridor',
      version: '0.1.0',
      informationUri: 'https://example.org/corridor',
    });
  });

  it('lists every registry rule with description, default level and help, plus unknown ids', () => {
    const ids = run.tool.driver.rules.map((rule) => rule.id);
    expect(ids.slice(0, rules.length)).toEqual(rules.map((rule) => rule.id));
    expect(ids).toContain('signature/trusted');
    const method = run.tool.driver.rules[0]!;
    expect(method.shortDescription.text).toBe(rules[0]!.description);
    expect(method.defaultConfiguration.level).toBe('error');
    expect(method.helpUri).toBe(rules[0]!.helpUri);
    expect(method.help.text).toContain(rules[0]!.helpUri);
    const info = run.tool.driver.rules.find((rule) => rule.id === 'data-export/restricted')!;
    expect(info.defaultConfiguration.level).toBe('note');
  });

  it('writes a result per finding with a ruleIndex that points at its rule', () => {
    expect(run.results).toHaveLength(
      expectedCounts.error + expectedCounts.warning + expectedCounts.info,
    );
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    }
    const levels = run.results.map((result) => result.level);
    expect(levels.filter((level) => level === 'error')).toHaveLength(expectedCounts.error);
    expect(levels.filter((level) => level === 'note')).toHaveLength(expectedCounts.info);
  });

  it('locates results: uri relative to cwd, region when known, XML path as logical location', () => {
    const method = run.results.find((result) => result.ruleId === 'signature/method-accepted')!;
    const location = method.locations[0]!;
    expect(location.physicalLocation.artifactLocation.uri).toBe('docs/invoice-ru.xml');
    expect(location.physicalLocation.region).toEqual({ startLine: 12, startColumn: 5 });
    expect(location.logicalLocations).toEqual([
      {
        name: 'ds:SignatureMethod',
        fullyQualifiedName: '/Invoice/ds:Signature/ds:SignedInfo/ds:SignatureMethod',
        kind: 'element',
      },
    ]);
    expect(method.properties).toMatchObject({
      sender: 'RU',
      receiver: 'CN',
      document: 'docs/invoice-ru.xml',
    });

    const noLine = run.results.find((result) => result.ruleId === 'document/type-accepted')!;
    expect(noLine.locations[0]!.physicalLocation.region).toBeUndefined();

    const encoded = run.results.find((result) => result.ruleId === 'signature/trusted')!;
    expect(encoded.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'docs/invoice-cn%3A2024%2Cv2.xml',
    );
  });

  it('uses a file: URI for files outside cwd', () => {
    const outside = JSON.parse(
      formatToString(sarifFormatter, matrixResult, { ...context, cwd: `${CWD}/elsewhere` }),
    ) as SarifLog;
    const uri = outside.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
    expect(uri).toBe(`file://${CWD}/docs/invoice-ru.xml`);
  });

  it('shows what GitHub shows: the hint in the message, help markdown, security severity', () => {
    const withHint = run.results.find((r) => r.properties.hint !== undefined)!;
    expect(withHint.message.text).toContain(`\nHint: ${withHint.properties.hint}`);
    for (const rule of run.tool.driver.rules) {
      expect(rule.help.markdown).toContain(rule.id);
      expect(rule.properties.tags.length).toBeGreaterThan(0);
    }
    const registry = JSON.parse(
      formatToString(sarifFormatter, matrixResult, { ...context, rules: ruleMetas() }),
    ) as SarifLog;
    const rulesOf = registry.runs[0]!.tool.driver.rules;
    const wrapping = rulesOf.find((r) => r.id === 'security/signature-wrapping')!;
    expect(wrapping.properties).toEqual({
      tags: ['security', 'xmldsig'],
      'security-severity': '9.1',
    });
    expect(wrapping.help.markdown).toContain('docs/rules/security/signature-wrapping.md');
    const valid = rulesOf.find((r) => r.id === 'signature/valid')!;
    expect(valid.properties).toEqual({ tags: ['signature'] });
    expect(sarifValidator()(registry)).toBe(true);
  });

  it('fingerprints the baseline identity of each finding', () => {
    const finding = matrixResult.pairs.flatMap((p) => p.findings)[0]!;
    const expected = createHash('sha256')
      .update(identityKey(findingIdentity(finding, CWD)))
      .digest('hex');
    expect(run.results[0]!.partialFingerprints[FINGERPRINT_KEY]).toBe(expected);
  });

  it('gives stable partial fingerprints that ignore line moves but separate receivers', () => {
    const prints = run.results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]);
    for (const print of prints) expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(prints).size).toBe(prints.length);

    const moved = structuredClone(matrixResult);
    moved.pairs[1]!.findings[0]!.location.line = 99;
    moved.pairs[1]!.findings[0]!.message = 'reworded';
    const again = JSON.parse(formatToString(sarifFormatter, moved, context)) as SarifLog;
    expect(again.runs[0]!.results[0]!.partialFingerprints[FINGERPRINT_KEY]).toBe(prints[0]);
  });
});

describe('sarif formatter: gateway routes', () => {
  const routedLog = JSON.parse(formatToString(sarifFormatter, routedResult, withUri)) as SarifLog;
  const results = routedLog.runs[0]!.results;
  const of = (sender: string, receiver: string) =>
    results.filter((r) => r.properties.sender === sender && r.properties.receiver === receiver);

  it('is still valid against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    expect(validate(routedLog)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('names the gateway in the error message and carries the routes as properties', () => {
    const error = of('RU', 'CN').find((r) => r.level === 'error')!;
    expect(error.message.text.split('\n')).toEqual([
      'RU → CN: CN does not accept GOST R 34.10-2012 (256) signatures (accepts: SM2, RSA-SHA256) ' +
        '(↪ reachable via TTP-EAEU)',
      'Hint: Sign for CN with SM2 or RSA-SHA256, or route the document through a gateway that re-signs it.',
    ]);
    for (const result of of('RU', 'CN')) {
      expect(result.properties.route).toBe('gateway');
      expect(result.properties.routes).toEqual([{ via: 'TTP-EAEU', conditions: ROUTE_CONDITIONS }]);
    }
    const warning = of('RU', 'CN').find((r) => r.level === 'warning')!;
    expect(warning.message.text).not.toContain('↪');
  });

  it('marks other pairs direct or none without routes, and keeps fingerprints', () => {
    for (const result of of('KZ', 'CN')) {
      expect(result.properties.route).toBe('none');
      expect(result.properties.routes).toBeUndefined();
      expect(result.message.text).not.toContain('↪');
    }
    expect(of('RU', 'KZ')[0]!.properties.route).toBe('direct');
    const print = (l: SarifLog) => l.runs[0]!.results.map((r) => r.partialFingerprints);
    expect(print(routedLog)).toEqual(print(log));
    for (const result of run.results) expect(result.properties.route).toBeUndefined();
  });
});

describe('sarif formatter: member-state senders', () => {
  const memberLog = JSON.parse(formatToString(sarifFormatter, memberResult, withUri)) as SarifLog;
  const results = memberLog.runs[0]!.results;
  const issued = results.filter((r) => r.properties.document === MEMBER_DOCUMENT);

  it('is still valid against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    expect(validate(memberLog)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('names the issuing country in the message and as a property, sender stays the profile', () => {
    expect(issued.map((r) => r.message.text.split('\n')[0])).toEqual([
      'KZ (KG) → CN: CN requires waybills to be encrypted; the payload is plain',
      'KZ (KG) → CN: KZ restricts export of personal data in waybills',
    ]);
    for (const result of issued) {
      expect(result.properties.sender).toBe('KZ');
      expect(result.properties.senderCountry).toBe('KG');
    }
    const others = results.filter((r) => r.properties.document !== MEMBER_DOCUMENT);
    expect(others.length).toBeGreaterThan(0);
    for (const result of others) {
      expect(result.properties.senderCountry).toBeUndefined();
      expect(result.message.text).toMatch(/^[A-Z]{2} → /);
    }
  });

  it('keeps the fingerprints: the country is for the reader, not the identity', () => {
    const print = (l: SarifLog) => l.runs[0]!.results.map((r) => r.partialFingerprints);
    expect(print(memberLog)).toEqual(print(log));
  });
});
