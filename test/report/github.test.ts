import { formatToString } from '../../src/report/index.js';
import { describe, expect, it } from 'vitest';
import {
  escapeData,
  escapeProperty,
  GITHUB_MAX_ANNOTATIONS,
  githubFormatter,
} from '../../src/report/github.js';
import type { MatrixResult } from '../../src/engine/types.js';
import { context, documentIds, matrixResult } from './fixture.js';
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

/** Distinct (document, location, rule) of a result: the annotations it should give. */
function groupCount(result: MatrixResult): number {
  const keys = result.pairs.flatMap((pair) =>
    pair.findings.map((f) =>
      JSON.stringify([
        f.location.file,
        f.location.line,
        f.location.column,
        f.location.path,
        f.ruleId,
      ]),
    ),
  );
  return new Set(keys).size;
}

describe('github formatter', () => {
  const lines = formatToString(githubFormatter, matrixResult, context).trimEnd().split('\n');
  const commands = lines.map(parseCommand);

  it('writes one annotation per (document, location, rule), errors first, info as notice', () => {
    expect(lines).toHaveLength(groupCount(matrixResult));
    const ranks = commands.map((c) => ['error', 'warning', 'notice'].indexOf(c.command));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(commands.filter((c) => c.command === 'notice').length).toBeGreaterThan(0);
    // Every finding is in exactly one annotation, under its receiver.
    const findings = matrixResult.pairs.flatMap((p) => p.findings);
    const named = commands.flatMap((c) =>
      c.message
        .split('\n')
        .flatMap((l) => /^\S+(?: \(\S+\))? → ([^:]+): /.exec(l)?.[1]?.split(', ') ?? []),
    );
    expect(named).toHaveLength(findings.length);
  });

  it('lists the receivers of one place and rule in one annotation', () => {
    const grouped = commands.find((c) => c.props.title === 'signature/key-size (2 receivers)')!;
    expect(grouped.command).toBe('warning');
    expect(grouped.message.split('\n')).toEqual([
      expect.stringMatching(/^CN → RU: RSA key of 2048 bits: RU prefers 3072 bits/),
      'CN → KZ: RSA key of 2048 bits: KZ prefers 3072 bits',
      'Hint: Re-issue the signing key with 3072 bits.',
    ]);
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
    // The document's newline is escaped visibly; corridor's own line breaks (Hint) stay.
    expect(hostile.message).toContain('see <script>alert("x")</script>\\nsecond line, 100% sure');
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
    expect(lines).toHaveLength(groupCount(routedResult));
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

describe('github formatter: GitHub limits', () => {
  it('caps at GITHUB_MAX_ANNOTATIONS, errors first, with a notice counting the rest and naming the report', () => {
    const pair = matrixResult.pairs.find((p) => p.findings.length > 0)!;
    const many: MatrixResult = {
      ...matrixResult,
      pairs: [
        {
          ...pair,
          findings: Array.from({ length: 120 }, (_, i) => ({
            ...pair.findings[0]!,
            severity: i % 3 === 0 ? ('error' as const) : ('warning' as const),
            location: { ...pair.findings[0]!.location, line: i + 1 },
          })),
        },
      ],
    };
    const out = formatToString(githubFormatter, many, {
      ...context,
      reportFiles: ['corridor.sarif'],
    })
      .trimEnd()
      .split('\n')
      .map(parseCommand);
    expect(out).toHaveLength(GITHUB_MAX_ANNOTATIONS + 1);
    expect(out.slice(0, 40).every((c) => c.command === 'error')).toBe(true);
    const notice = out[GITHUB_MAX_ANNOTATIONS]!;
    expect(notice.command).toBe('notice');
    expect(notice.message).toContain(
      '70 more annotations not shown (0 errors, 70 warnings, 0 notices',
    );
    expect(notice.message).toContain('corridor.sarif');
  });
});
