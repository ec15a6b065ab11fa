import { formatToString } from '../../src/report/index.js';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubFormatter } from '../../src/report/github.js';
import { context, documentIds, expectedCounts, matrixResult } from './fixture.js';
import { MEMBER_DOCUMENT, memberResult } from './member-fixture.js';
import { ROUTE_CONDITIONS, routedResult } from './routed-fixture.js';

/** Reads a workflow command back the way the runner does, undoing the documented escapes. */
function parseCommand(line: string): {
  command: string;
  props: Record<string, string>;
  message: string;
} {
  const match = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (text: string): string =>
    text
      .replace(/%0D/g, '\r')
      .replace(/%0A/g, '\n')
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%25/g, '%');
  const props: Record<string, string> = {};
  for (const part of (match[2] ?? '').split(',').filter(Boolean)) {
    const eq = part.indexOf('=');
    props[part.slice(0, eq)] = unescape(part.slice(eq + 1));
  }
  return { command: match[1]!, props, message: unescape(match[3]!) };
}

describe('github formatter', () => {
  const lines = formatToString(githubFormatter, matrixResult, context).trimEnd().split('\n');
  const commands = lines.map(parseCommand);

  it('writes one annotation per finding, mapping info to notice', () => {
    expect(lines).toHaveLength(expectedCounts.error + expectedCounts.warning + expectedCounts.info);
    expect(commands.filter((c) => c.command === 'error')).toHaveLength(expectedCounts.error);
    expect(commands.filter((c) => c.command === 'warning')).toHaveLength(expectedCounts.warning);
    expect(commands.filter((c) => c.command === 'notice')).toHaveLength(expectedCounts.info);
  });

  it('gives file relative to cwd, line and col when known, and the rule id as title', () => {
    const first = commands[0]!;
    expect(first.props).toEqual({
      file: documentIds.DOC_RU,
      line: '12',
      col: '5',
      title: 'signature/method-accepted',
    });
    const noLine = commands.find((c) => c.props.title === 'encryption/required')!;
    expect(noLine.props).toEqual({ file: documentIds.DOC_WB, title: 'encryption/required' });
  });

  it('escapes %, CR, LF in the message and also : and , in properties', () => {
    for (const line of lines) {
      const message = line.slice(line.indexOf('::', 2) + 2);
      expect(message).not.toMatch(/[\r\n]/);
      expect(message.replace(/%(25|0D|0A)/g, '')).not.toContain('%');
    }
    const comma = lines.find((line) => line.includes('invoice-cn'))!;
    expect(comma).toContain('file=docs/invoice-cn%3A2024%2Cv2.xml,');
    const hostile = commands.find((c) => c.props.title === 'document/type-accepted')!;
    expect(hostile.message).toContain('see <script>alert("x")</script>\nsecond line, 100% sure');
    expect(hostile.message).toContain('\nHint: Send it as');
    expect(escapeData('50%\r\nnext')).toBe('50%25%0D%0Anext');
    expect(escapeProperty('a: b, 5%')).toBe('a%3A b%2C 5%25');
  });
});

describe('github formatter: gateway routes', () => {
  const lines = formatToString(githubFormatter, routedResult, context).trimEnd().split('\n');
  const commands = lines.map(parseCommand);
  const of = (sender: string, receiver: string) =>
    commands.filter((c) => c.message.startsWith(`${sender} → ${receiver}: `));

  it('adds the gateway and its conditions under the error of a routed pair', () => {
    expect(lines).toHaveLength(expectedCounts.error + expectedCounts.warning + expectedCounts.info);
    const error = of('RU', 'CN').find((c) => c.command === 'error')!;
    expect(error.message.split('\n')).toEqual([
      'RU → CN: CN does not accept GOST R 34.10-2012 (256) signatures (accepts: SM2, RSA-SHA256)',
      'Hint: Sign for CN with SM2 or RSA-SHA256, or route the document through a gateway that re-signs it.',
      `↪ via TTP-EAEU: ${ROUTE_CONDITIONS.join('; ')}`,
    ]);
  });

  it('keeps the annotation on one line with the condition text escaped', () => {
    const line = lines.find((l) => l.includes('TTP-EAEU'))!;
    expect(line).toContain('%0A↪ via TTP-EAEU');
    expect(line).toContain('100%25 <checked>');
  });

  it('leaves warnings of the routed pair and unrouted failures as they were', () => {
    const warning = of('RU', 'CN').find((c) => c.command === 'warning')!;
    expect(warning.message).not.toContain('↪');
    for (const c of of('KZ', 'CN')) expect(c.message).not.toContain('↪');
    const plain = formatToString(githubFormatter, matrixResult, context);
    expect(plain).not.toContain('↪');
  });
});

describe('github formatter: member-state senders', () => {
  const commands = formatToString(githubFormatter, memberResult, context)
    .trimEnd()
    .split('\n')
    .map(parseCommand);

  it('names the issuing country after the sender profile, only for its document', () => {
    const issued = commands.filter((c) => c.props.file === MEMBER_DOCUMENT);
    expect(issued.map((c) => c.message.split('\n')[0])).toEqual([
      'KZ (KG) → CN: CN requires waybills to be encrypted; the payload is plain',
      'KZ (KG) → CN: KZ restricts export of personal data in waybills',
    ]);
    const others = commands.filter((c) => c.props.file !== MEMBER_DOCUMENT);
    expect(others.length).toBeGreaterThan(0);
    for (const c of others) expect(c.message).toMatch(/^[A-Z]{2} → [A-Z]{2}: /);
  });
});
