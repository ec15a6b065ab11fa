import type { Finding, MatrixResult, PairResult } from '../engine/types.js';
import { escapeAttribute, escapeText } from './markup-escape.js';
import { position, receivers, senders, pairsOf, plural } from './summary.js';
import type { Formatter } from './types.js';

/**
 * JUnit XML in the Jenkins/Surefire shape: one `<testsuite>` per sender→receiver pair, one
 * `<testcase>` per document; error findings are the `<failure>`, warnings and notes go to
 * `<system-out>` so CI dashboards show them without failing the case.
 */
export const junitFormatter: Formatter = {
  id: 'junit',
  description: 'JUnit XML: a testsuite per sender→receiver pair, a testcase per document',
  extension: 'xml',
  format(result) {
    const suites: string[] = [];
    let tests = 0;
    let failures = 0;
    for (const sender of senders(result)) {
      for (const receiver of receivers(result)) {
        const pairs = pairsOf(result, sender, receiver);
        if (pairs.length === 0) continue;
        const failing = pairs.filter(hasErrors).length;
        tests += pairs.length;
        failures += failing;
        suites.push(suite(result, `${sender}→${receiver}`, sender, receiver, pairs, failing));
      }
    }
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="corridor ${escapeAttribute(result.kind)}" tests="${tests}" failures="${failures}" errors="0" time="0">`,
      ...suites,
      '</testsuites>',
      '',
    ].join('\n');
  },
};

function hasErrors(pair: PairResult): boolean {
  return pair.findings.some((finding) => finding.severity === 'error');
}

function suite(
  result: MatrixResult,
  name: string,
  sender: string,
  receiver: string,
  pairs: PairResult[],
  failing: number,
): string {
  const attrs =
    `name="${escapeAttribute(name)}" tests="${pairs.length}" failures="${failing}" errors="0" ` +
    `skipped="0" time="0" timestamp="${escapeAttribute(result.asOf)}"`;
  const properties = [
    ['sender', sender],
    ['receiver', receiver],
    ['asOf', result.asOf],
    ['senderProfileVersion', result.profileVersions[sender] ?? ''],
    ['receiverProfileVersion', result.profileVersions[receiver] ?? ''],
  ]
    .map(
      ([key, value]) =>
        `      <property name="${escapeAttribute(key ?? '')}" value="${escapeAttribute(value ?? '')}"/>`,
    )
    .join('\n');
  return [
    `  <testsuite ${attrs}>`,
    '    <properties>',
    properties,
    '    </properties>',
    ...pairs.map((pair) => testcase(name, pair)),
    '  </testsuite>',
  ].join('\n');
}

function describe(finding: Finding): string {
  const where = [finding.location.file + (position(finding) ? `:${position(finding)}` : '')];
  if (finding.location.path) where.push(finding.location.path);
  const lines = [
    `[${finding.severity}] ${finding.ruleId}: ${finding.message}`,
    `  at ${where.join(' ')}`,
  ];
  if (finding.hint) lines.push(`  hint: ${finding.hint}`);
  return lines.join('\n');
}

function testcase(classname: string, pair: PairResult): string {
  const open = `    <testcase classname="${escapeAttribute(classname)}" name="${escapeAttribute(pair.document)}" time="0"`;
  const errors = pair.findings.filter((finding) => finding.severity === 'error');
  const others = pair.findings.filter((finding) => finding.severity !== 'error');
  if (errors.length === 0 && others.length === 0) return `${open}/>`;
  const body: string[] = [];
  if (errors.length > 0) {
    const first = errors[0];
    const message =
      errors.length === 1 && first
        ? first.message
        : `${plural(errors.length, 'error')}: ${first?.message ?? ''}`;
    const type = first?.ruleId ?? 'corridor';
    body.push(
      `      <failure message="${escapeAttribute(message)}" type="${escapeAttribute(type)}">` +
        escapeText(errors.map(describe).join('\n')) +
        '</failure>',
    );
  }
  if (others.length > 0) {
    body.push(`      <system-out>${escapeText(others.map(describe).join('\n'))}</system-out>`);
  }
  return [`${open}>`, ...body, '    </testcase>'].join('\n');
}
