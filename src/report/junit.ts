import type { Finding, GatewayRoute, MatrixResult, PairResult } from '../engine/types.js';
import { reachableVia, routeLines, type PairRoute } from './cell-routes.js';
import { escapeAttribute, escapeText } from './markup-escape.js';
import { pairSender, reportRows, type ReportRows, type UnreadDocument } from './rows.js';
import { plural, position, type CellPairs } from './summary.js';
import { lineWriter } from './sink.js';
import type { Formatter } from './types.js';

/**
 * JUnit XML in the Jenkins/Surefire shape: one `<testsuite>` per sender→receiver pair, one
 * `<testcase>` per document (named `doc (from EU (DE))` when a member state issued it); error
 * findings are the `<failure>`, warnings and notes go to `<system-out>` so CI dashboards show
 * them without failing the case. A pair that fails directly but reaches its receiver through a
 * gateway still fails (the direct exchange does not work); its failure message names the gateway
 * and the suite's properties carry the route.
 */
export const junitFormatter: Formatter = {
  id: 'junit',
  description: 'JUnit XML: a testsuite per sender→receiver pair, a testcase per document',
  extension: 'xml',
  write(result, out) {
    const rows = reportRows(result);
    const { index } = rows;
    const suites: Array<{ sender: string; receiver: string; pairs: SuitePairs }> = [];
    let tests = 0;
    let failures = 0;
    for (const sender of index.senders) {
      for (const receiver of index.receivers) {
        // A document that cannot be read is one testcase of its own suite, not one per pair.
        const pairs = suitePairs(index.pairs(sender, receiver), rows);
        if (pairs.count === 0) continue;
        tests += pairs.count;
        failures += pairs.failing;
        suites.push({ sender, receiver, pairs });
      }
    }
    const unread = rows.unread;
    tests += unread.length;
    failures += unread.filter((document) => hasErrors(document.pair)).length;
    const line = lineWriter(out);
    line('<?xml version="1.0" encoding="UTF-8"?>');
    line(
      `<testsuites name="corridor ${escapeAttribute(result.kind)}" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    );
    for (const { sender, receiver, pairs } of suites) {
      const route = rows.route(sender, receiver);
      writeSuite(result, line, `${sender}→${receiver}`, { sender, receiver, route }, pairs);
    }
    if (unread.length > 0) writeUnreadSuite(result, line, unread);
    line('</testsuites>');
    line('');
  },
};

function hasErrors(pair: PairResult): boolean {
  return pair.findings.some((finding) => finding.severity === 'error');
}

/** A cell's pairs but those of documents that cannot be read, and how many (fail). */
interface SuitePairs extends Iterable<PairResult> {
  count: number;
  failing: number;
}

/**
 * A cell's pairs are read, not held (a spooled result streams): without unreadable documents
 * the cell's own counts serve; with them, one pass counts what remains.
 */
function suitePairs(cell: CellPairs, rows: ReportRows): SuitePairs {
  if (rows.unread.length === 0)
    return { [Symbol.iterator]: () => cell[Symbol.iterator](), ...countsOf(cell.stats) };
  const readable: Iterable<PairResult> = {
    *[Symbol.iterator]() {
      for (const pair of cell) if (!rows.isUnread(pair)) yield pair;
    },
  };
  let count = 0;
  let failing = 0;
  for (const pair of readable) {
    count += 1;
    if (hasErrors(pair)) failing += 1;
  }
  return { [Symbol.iterator]: () => readable[Symbol.iterator](), count, failing };
}

const countsOf = ({ count, failing }: CellPairs['stats']) => ({ count, failing });

interface SuitePair {
  sender: string;
  receiver: string;
  route: PairRoute;
}

function writeSuite(
  result: MatrixResult,
  line: (text: string) => void,
  name: string,
  { sender, receiver, route }: SuitePair,
  pairs: SuitePairs,
): void {
  const attrs =
    `name="${escapeAttribute(name)}" tests="${pairs.count}" failures="${pairs.failing}" errors="0" ` +
    `skipped="0" time="0" timestamp="${escapeAttribute(result.asOf)}"`;
  const properties = [
    ['sender', sender],
    ['receiver', receiver],
    ['asOf', result.asOf],
    ['senderProfileVersion', result.profileVersions[sender] ?? ''],
    ['receiverProfileVersion', result.profileVersions[receiver] ?? ''],
    ...routeProperties(route),
  ]
    .map(
      ([key, value]) =>
        `      <property name="${escapeAttribute(key ?? '')}" value="${escapeAttribute(value ?? '')}"/>`,
    )
    .join('\n');
  line(`  <testsuite ${attrs}>`);
  line('    <properties>');
  line(properties);
  line('    </properties>');
  for (const pair of pairs) line(testcase(name, pair, route.gateways));
  line('  </testsuite>');
}

const UNREAD_SUITE = 'documents that cannot be read';

/**
 * One testcase per document that cannot be read, named with what is known of it; the
 * receivers it was evaluated for are a property of the suite and a line of the failure.
 */
function writeUnreadSuite(
  result: MatrixResult,
  line: (text: string) => void,
  unread: readonly UnreadDocument[],
): void {
  const failing = unread.filter((document) => hasErrors(document.pair)).length;
  line(
    `  <testsuite name="${escapeAttribute(UNREAD_SUITE)}" tests="${unread.length}" failures="${failing}" errors="0" ` +
      `skipped="0" time="0" timestamp="${escapeAttribute(result.asOf)}">`,
  );
  line('    <properties>');
  line(`      <property name="asOf" value="${escapeAttribute(result.asOf)}"/>`);
  line('    </properties>');
  for (const document of unread) {
    const receivers = `receivers: ${document.receivers.join(', ')}`;
    line(
      testcase(
        UNREAD_SUITE,
        document.pair,
        [],
        `${document.document} (${document.about})`,
        receivers,
      ),
    );
  }
  line('  </testsuite>');
}

/** `route`, and for a gateway route its ids and each gateway's conditions. */
function routeProperties({ route, gateways }: PairRoute): Array<[string, string]> {
  if (!route) return [];
  const properties: Array<[string, string]> = [['route', route]];
  if (gateways.length > 0) {
    properties.push(['routeVia', gateways.map((gateway) => gateway.via).join(' ')]);
    for (const gateway of gateways) {
      properties.push([`routeConditions:${gateway.via}`, gateway.conditions.join('; ')]);
    }
  }
  return properties;
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

function testcase(
  classname: string,
  pair: PairResult,
  gateways: readonly GatewayRoute[],
  // The Surefire schema has no testcase properties, so the issuing member state goes in the name.
  name = pair.senderCountry ? `${pair.document} (from ${pairSender(pair)})` : pair.document,
  /** A first line of the failure (or, without errors, of the output). */
  preface?: string,
): string {
  const open = `    <testcase classname="${escapeAttribute(classname)}" name="${escapeAttribute(name)}" time="0"`;
  const errors = pair.findings.filter((finding) => finding.severity === 'error');
  const others = pair.findings.filter((finding) => finding.severity !== 'error');
  if (errors.length === 0 && others.length === 0) return `${open}/>`;
  const body: string[] = [];
  if (errors.length > 0) {
    const first = errors[0];
    const headline =
      errors.length === 1 && first
        ? first.message
        : `${plural(errors.length, 'error')}: ${first?.message ?? ''}`;
    const routed = gateways.length > 0;
    const message = routed ? `${headline} (${reachableVia(gateways)})` : headline;
    const type = first?.ruleId ?? 'corridor';
    const details = [
      ...(preface ? [preface] : []),
      ...errors.map(describe),
      ...routeLines(gateways),
    ];
    body.push(
      `      <failure message="${escapeAttribute(message)}" type="${escapeAttribute(type)}">` +
        escapeText(details.join('\n')) +
        '</failure>',
    );
  }
  if (others.length > 0) {
    const lines = [...(preface && errors.length === 0 ? [preface] : []), ...others.map(describe)];
    body.push(`      <system-out>${escapeText(lines.join('\n'))}</system-out>`);
  }
  return [`${open}>`, ...body, '    </testcase>'].join('\n');
}
