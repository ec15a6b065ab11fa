import { DOMParser, type Element } from '@xmldom/xmldom';
import { formatToString } from '../../src/report/index.js';
import { describe, expect, it } from 'vitest';
import { junitFormatter } from '../../src/report/junit.js';
import { HOSTILE_MESSAGE, context, documentIds, matrixResult } from './fixture.js';
import { MEMBER_DOCUMENT, memberResult } from './member-fixture.js';
import { ROUTE_CONDITIONS, routedResult } from './routed-fixture.js';

/**
 * The part of the Jenkins xunit plugin's junit-10.xsd (the Surefire/Jenkins JUnit shape) that
 * covers the elements corridor writes, as data: allowed children, required and allowed
 * attributes. `time` on testsuite(s) must match the XSD's SUREFIRE_TIME pattern.
 */
const XSD: Record<
  string,
  { children: string[]; required: string[]; allowed: string[]; text: boolean }
> = {
  testsuites: {
    children: ['testsuite'],
    required: [],
    allowed: ['name', 'time', 'tests', 'failures', 'errors'],
    text: false,
  },
  testsuite: {
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
    required: ['name', 'tests', 'failures', 'errors'],
    allowed: [
      'name',
      'tests',
      'failures',
      'errors',
      'group',
      'time',
      'skipped',
      'timestamp',
      'hostname',
      'id',
      'package',
      'file',
      'log',
      'url',
    ],
    text: false,
  },
  properties: { children: ['property'], required: [], allowed: [], text: false },
  property: { children: [], required: ['name', 'value'], allowed: ['name', 'value'], text: false },
  testcase: {
    children: ['skipped', 'error', 'failure', 'system-out', 'system-err'],
    required: ['name'],
    allowed: ['name', 'time', 'classname', 'group'],
    text: false,
  },
  failure: { children: [], required: [], allowed: ['type', 'message'], text: true },
  error: { children: [], required: [], allowed: ['type', 'message'], text: true },
  skipped: { children: [], required: [], allowed: ['type', 'message'], text: true },
  'system-out': { children: [], required: [], allowed: [], text: true },
  'system-err': { children: [], required: [], allowed: [], text: true },
};
const SUREFIRE_TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$/;

function elements(node: Element): Element[] {
  const out: Element[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) out.push(child as Element);
  }
  return out;
}

function checkAgainstXsd(element: Element, problems: string[]): void {
  const rule = XSD[element.tagName];
  if (!rule) {
    problems.push(`unknown element <${element.tagName}>`);
    return;
  }
  for (const name of rule.required) {
    if (!element.hasAttribute(name)) problems.push(`<${element.tagName}> lacks required @${name}`);
  }
  for (let i = 0; i < element.attributes.length; i += 1) {
    const name = element.attributes.item(i)!.name;
    if (!rule.allowed.includes(name)) problems.push(`<${element.tagName}> has undeclared @${name}`);
  }
  if (['testsuite', 'testsuites'].includes(element.tagName) && element.hasAttribute('time')) {
    if (!SUREFIRE_TIME.test(element.getAttribute('time') ?? '')) problems.push('bad time');
  }
  for (const child of elements(element)) {
    if (!rule.children.includes(child.tagName)) {
      problems.push(`<${child.tagName}> not allowed in <${element.tagName}>`);
    }
    checkAgainstXsd(child, problems);
  }
  if (!rule.text) {
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === child.TEXT_NODE && (child.nodeValue ?? '').trim() !== '') {
        problems.push(`text inside <${element.tagName}>`);
      }
    }
  }
}

function parse(xml: string): Element {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return doc.documentElement!;
}

describe('junit formatter', () => {
  const xml = formatToString(junitFormatter, matrixResult, context);
  const root = parse(xml);
  const suites = elements(root).filter((element) => element.tagName === 'testsuite');

  it('is well-formed XML that fits the element/attribute subset of Jenkins junit-10.xsd', () => {
    expect(root.tagName).toBe('testsuites');
    const problems: string[] = [];
    checkAgainstXsd(root, problems);
    expect(problems).toEqual([]);
  });

  it('the XSD subset check catches a misplaced element and a missing attribute', () => {
    const problems: string[] = [];
    checkAgainstXsd(
      parse('<testsuites><testcase/><testsuite name="x" tests="1"/></testsuites>'),
      problems,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        '<testcase> not allowed in <testsuites>',
        '<testsuite> lacks required @failures',
      ]),
    );
  });

  it('has one testsuite per sender→receiver pair and one testcase per document', () => {
    expect(suites).toHaveLength(9);
    const ruCn = suites.find((suite) => suite.getAttribute('name') === 'RU→CN')!;
    const cases = elements(ruCn).filter((element) => element.tagName === 'testcase');
    expect(cases.map((c) => [c.getAttribute('classname'), c.getAttribute('name')])).toEqual([
      ['RU→CN', documentIds.DOC_RU],
    ]);
    const cnKz = suites.find((suite) => suite.getAttribute('name') === 'CN→KZ')!;
    expect(cnKz.getAttribute('tests')).toBe('2');
    expect(cnKz.getAttribute('failures')).toBe('1');
    expect(root.getAttribute('tests')).toBe(String(matrixResult.pairs.length));
    expect(root.getAttribute('failures')).toBe('4');
  });

  it('puts error findings in <failure> and warnings in <system-out>', () => {
    const ruCn = suites.find((suite) => suite.getAttribute('name') === 'RU→CN')!;
    const testcase = elements(ruCn).find((element) => element.tagName === 'testcase')!;
    const [failure, out] = elements(testcase);
    expect(failure?.tagName).toBe('failure');
    expect(failure?.getAttribute('type')).toBe('signature/method-accepted');
    expect(failure?.textContent).toContain('docs/invoice-ru.xml:12:5');
    expect(failure?.textContent).not.toContain('algorithm-sunset');
    expect(out?.tagName).toBe('system-out');
    expect(out?.textContent).toContain('signature/algorithm-sunset');

    const ruKz = suites.find((suite) => suite.getAttribute('name') === 'RU→KZ')!;
    const warnOnly = elements(ruKz).find((element) => element.tagName === 'testcase')!;
    expect(elements(warnOnly).map((element) => element.tagName)).toEqual(['system-out']);
    const ok = suites.find((suite) => suite.getAttribute('name') === 'RU→RU')!;
    expect(elements(elements(ok).find((e) => e.tagName === 'testcase')!)).toEqual([]);
  });

  it('escapes markup in messages so the XML keeps its structure', () => {
    expect(xml).not.toContain('<script>');
    const cnRu = suites.find((suite) => suite.getAttribute('name') === 'CN→RU')!;
    const failure = cnRu.getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toBe(HOSTILE_MESSAGE);
    expect(failure.textContent).toContain('<script>alert("x")</script>');
  });

  it('replaces characters XML 1.0 forbids instead of emitting an unparsable file', () => {
    const bad = structuredClone(matrixResult);
    bad.pairs[1]!.findings[0]!.message = 'bell \u0007 and NUL \u0000';
    const parsed = parse(formatToString(junitFormatter, bad, context));
    expect(parsed.getElementsByTagName('failure')[0]!.getAttribute('message')).toBe(
      'bell \ufffd and NUL \ufffd',
    );
  });
});

describe('junit formatter: gateway routes', () => {
  const root = parse(formatToString(junitFormatter, routedResult, context));
  const suite = (name: string): Element =>
    elements(root).find((element) => element.getAttribute('name') === name)!;
  const properties = (name: string): Array<[string, string]> =>
    Array.from(suite(name).getElementsByTagName('property')).map((property) => [
      property.getAttribute('name') ?? '',
      property.getAttribute('value') ?? '',
    ]);

  it('still fits the junit-10.xsd subset', () => {
    const problems: string[] = [];
    checkAgainstXsd(root, problems);
    expect(problems).toEqual([]);
  });

  it('keeps a routed pair failing, naming the gateway in the failure message and text', () => {
    expect(suite('RU→CN').getAttribute('failures')).toBe('1');
    expect(root.getAttribute('failures')).toBe('4');
    const failure = suite('RU→CN').getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toBe(
      'CN does not accept GOST R 34.10-2012 (256) signatures (accepts: SM2, RSA-SHA256) ' +
        '(↪ reachable via TTP-EAEU)',
    );
    expect(failure.textContent).toContain(`↪ via TTP-EAEU: ${ROUTE_CONDITIONS.join('; ')}`);
  });

  it('records the route as suite properties, conditions unescaped after parsing', () => {
    expect(properties('RU→CN')).toEqual(
      expect.arrayContaining([
        ['route', 'gateway'],
        ['routeVia', 'TTP-EAEU'],
        ['routeConditions:TTP-EAEU', ROUTE_CONDITIONS.join('; ')],
      ]),
    );
    expect(properties('KZ→CN')).toContainEqual(['route', 'none']);
    expect(properties('RU→KZ')).toContainEqual(['route', 'direct']);
    expect(properties('KZ→CN').map(([name]) => name)).not.toContain('routeVia');
  });

  it('does not mention a route for failures without one, nor when the result has none', () => {
    const failure = suite('KZ→CN').getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).not.toContain('↪');
    const plain = parse(formatToString(junitFormatter, matrixResult, context));
    const names = Array.from(plain.getElementsByTagName('property')).map((p) =>
      p.getAttribute('name'),
    );
    expect(names).not.toContain('route');
    expect(
      Array.from(plain.getElementsByTagName('failure')).some((f) => f.textContent?.includes('↪')),
    ).toBe(false);
  });
});

describe('junit formatter: member-state senders', () => {
  const root = parse(formatToString(junitFormatter, memberResult, context));
  const names = (suite: string): string[] =>
    Array.from(root.getElementsByTagName('testsuite'))
      .filter((element) => element.getAttribute('name') === suite)
      .flatMap((element) => Array.from(element.getElementsByTagName('testcase')))
      .map((testcase) => testcase.getAttribute('name') ?? '');

  it('still fits the junit-10.xsd subset', () => {
    const problems: string[] = [];
    checkAgainstXsd(root, problems);
    expect(problems).toEqual([]);
  });

  it('names the issuing country in the testcase of its document, and only there', () => {
    for (const receiver of ['RU', 'CN', 'KZ']) {
      expect(names(`KZ→${receiver}`)).toEqual([`${MEMBER_DOCUMENT} (from KZ (KG))`]);
    }
    expect(names('RU→CN')).toEqual([documentIds.DOC_RU]);
  });
});
