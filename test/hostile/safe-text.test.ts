/**
 * Issue #15, item 5: values from documents, certificates and file names reached the terminal
 * and line-oriented outputs raw — ESC/OSC sequences, U+202E, newlines — so a crafted name
 * could print a `::error` workflow command or a fake "signature 1: VALID, trusted" line. One
 * helper (src/util/safe-text.ts) escapes them visibly in text, verify, github, csv and markdown.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderVerifyText } from '../../src/report/verify.js';
import { safeText } from '../../src/util/safe-text.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

const FAKE = '\n::error file=x.xml::pwned\nok.xml signature 1: VALID gost2012, trusted';
const HOSTILE_NAME = `bad\u001b]0;owned\u0007\u202e${FAKE}.xml`;
const SAMPLE = fileURLToPath(
  new URL('../../fixtures/negative/wrong-taxpayer-id.xml', import.meta.url),
);

describe('safe text', () => {
  it('escapes controls, bidi and newlines visibly, and leaves other text alone', () => {
    expect(safeText('a\nb\r\tc\u001b[31m\u0007\u009b')).toBe('a\\nb\\r\\tc\\x1b[31m\\x07\\x9b');
    expect(safeText('exe.\u202etxt \u2066x\u2069 \u200b \u2028')).toBe(
      'exe.\\u202etxt \\u2066x\\u2069 \\u200b \\u2028',
    );
    expect(safeText('Привет, 中文, café – ok')).toBe('Привет, 中文, café – ok');
  });

  it('verify text: a certificate subject cannot print a line of its own', () => {
    const text = renderVerifyText({
      results: [
        {
          file: 'doc.xml',
          signatures: [
            {
              valid: false,
              signatureMethod: '',
              digestMethods: [],
              canonicalization: '',
              keySource: 'x509',
              signer: { subject: `CN=evil${FAKE}\u202e`, keyAlgorithm: 'ec', keyBits: 256 },
              trusted: false,
              problems: [{ ruleId: 'signature/valid', message: 'bad\u001b[2K' }],
            },
          ],
        },
      ],
    } as Parameters<typeof renderVerifyText>[0]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^doc\.xml signature 1: INVALID /);
    expect(lines[0]).toContain('CN=evil\\n::error file=x.xml::pwned\\nok.xml signature 1: VALID');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u001b\u202e]/);
  });

  it('a hostile file name stays on its line in verify, text, github, csv and markdown', async () => {
    const dir = tempTree({});
    const file = join(dir, HOSTILE_NAME);
    copyFileSync(SAMPLE, file);
    const outputs: Record<string, string> = {};
    outputs['verify'] = (await runCli(['verify', file, '--format', 'text'])).stdout;
    for (const format of ['text', 'github', 'csv', 'markdown']) {
      const run = await runCli([
        'check',
        file,
        '--to',
        'RU',
        '--as-of',
        '2026-12-01',
        '-f',
        format,
      ]);
      expect(run.code, `${format}: ${run.stderr}`).toBe(1);
      outputs[format] = run.stdout;
    }
    for (const [format, out] of Object.entries(outputs)) {
      // eslint-disable-next-line no-control-regex
      expect(out, format).not.toMatch(/[\u001b\u0007\u202e]/);
      expect(out, format).toContain('\\x1b]0;owned\\x07\\u202e\\n');
      // No line of the output starts with what the name smuggled in.
      for (const line of out.split(/\r?\n/)) {
        expect(line, format).not.toMatch(/^::error file=x\.xml/);
        expect(line, format).not.toMatch(/^ok\.xml signature 1/);
      }
    }
  });
});
