import { createHash } from 'node:crypto';
import { formatToString } from '../../src/report/index.js';
import { describe, expect, it } from 'vitest';
import { htmlFormatter } from '../../src/report/html.js';
import { HOSTILE_MESSAGE, checkResult, context, matrixResult } from './fixture.js';
import { memberResult } from './member-fixture.js';

const html = formatToString(htmlFormatter, matrixResult, context);

function count(pattern: RegExp): number {
  return (html.match(pattern) ?? []).length;
}

describe('html formatter', () => {
  it('is one self-contained page: no external URLs, scripts or stylesheets', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(count(/<script>/g)).toBe(1);
    expect(count(/<style>/g)).toBe(1);
  });

  it('pins its inline style and script in a Content-Security-Policy', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    const csp = (meta?.[1] ?? '').replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = (source: string): string => createHash('sha256').update(source).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
  });

  it('shows title, as-of date, profile versions and a legend with text labels', () => {
    expect(html).toContain('<title>corridor matrix report — as of 2025-06-30</title>');
    expect(html).toContain('<time datetime="2025-06-30">2025-06-30</time>');
    expect(html).toContain('<li><b>RU</b>2024.2</li>');
    expect(html).toContain('<li><b>KZ</b>2023.4</li>');
    const legend = /<ul class="legend"[\s\S]*?<\/ul>/.exec(html)![0];
    for (const word of ['ok', 'warn', 'fail']) expect(legend).toContain(`</span>${word} — `);
  });

  it('draws the heatmap: one button per cell, coloured by status class, with counts', () => {
    expect(count(/<button type="button" class="cell /g)).toBe(9);
    expect(count(/class="cell fail/g)).toBe(4);
    expect(count(/class="cell warn/g)).toBe(1);
    expect(count(/class="cell ok/g)).toBe(4);
    const ruCn = /<button[^>]*data-sender="RU" data-receiver="CN"[\s\S]*?<\/button>/.exec(html)![0];
    expect(ruCn).toContain('class="cell fail all"');
    expect(ruCn).toContain('<span class="docs">1 of 1 document fail</span>');
    expect(ruCn).toContain('<span class="counts">1 error · 1 warning</span>');
    expect(ruCn).toContain('aria-label="RU to CN: fail, 1 of 1 document fail, 1 error, 1 warning"');
  });

  it('makes cells accessible disclosure buttons tied to their panels', () => {
    const buttons = html.match(/<button type="button" class="cell [^>]*>/g) ?? [];
    for (const button of buttons) {
      expect(button).toContain('aria-expanded="false"');
      const panel = /aria-controls="(panel-\d+)"/.exec(button)![1]!;
      expect(html).toContain(`id="${panel}"`);
    }
    const headers = html.match(/<th scope="(row|col)"/g) ?? [];
    expect(headers).toHaveLength(3 + 3 + 1);
  });

  it('puts each finding with its hint and filter attributes in the cell panel', () => {
    const panel = /<section class="card panel" id="panel-2"[\s\S]*?<\/section>/.exec(html)![0];
    expect(panel).toContain('RU → CN');
    expect(panel).toContain('data-doctype="invoice"');
    expect(panel).toContain('data-severity="error"');
    expect(panel).toContain('data-severity="warning"');
    expect(panel).toContain('<span class="hint-label">Hint</span>Sign for CN with SM2');
    expect(panel).toContain('<code>/work/project/docs/invoice-ru.xml:12:5</code>');
  });

  it('offers document-type and severity filters', () => {
    const select = /<select id="filter-type">[\s\S]*?<\/select>/.exec(html)![0];
    expect(select.match(/<option/g)).toHaveLength(4);
    for (const type of ['certificate-of-origin', 'invoice', 'waybill']) {
      expect(select).toContain(`<option value="${type}">${type}</option>`);
    }
    expect(count(/<input type="checkbox" name="severity"/g)).toBe(3);
  });

  it('escapes every string from the result: a <script> in a message stays text', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('see &lt;script&gt;alert("x")&lt;/script&gt;\nsecond line, 100% sure');
    expect(html).toContain('&amp; attach the certificate');
    const hostile = structuredClone(matrixResult);
    hostile.profiles = ['"><img src=x onerror=alert(1)>'];
    hostile.profileVersions = { [hostile.profiles[0]!]: '<b>1</b>' };
    hostile.cells[0]!.sender = '"><svg onload=alert(1)>';
    hostile.pairs[0]!.documentType = '"><script>x</script>';
    const out = formatToString(htmlFormatter, hostile, context);
    expect(out).not.toContain('<img src=x');
    expect(out).not.toContain('<svg onload');
    expect(out).not.toContain('<b>1</b>');
    expect(out).toContain('&lt;b&gt;1&lt;/b&gt;');
    expect(out).not.toContain('<script>x');
    expect(out).toContain('data-sender="&quot;&gt;&lt;svg onload=alert(1)&gt;"');
    expect(HOSTILE_MESSAGE).toContain('<script>');
  });

  it('renders a check result too', () => {
    const check = formatToString(htmlFormatter, checkResult, context);
    expect(check).toContain('corridor <span class="kind">check report</span>');
    expect((check.match(/class="cell /g) ?? []).length).toBe(9);
  });
});

describe('html formatter: member-state senders', () => {
  it('names the issuing country in the pair detail of its document, and only there', () => {
    const member = formatToString(htmlFormatter, memberResult, context);
    const types = [...member.matchAll(/<h4><code>([^<]*)<\/code><span class="type">([^<]*)</g)].map(
      (match) => [match[1], match[2]],
    );
    expect(types).toContainEqual(['docs/waybill-kz.json', 'waybill from KZ (KG)']);
    expect(types).toContainEqual(['docs/invoice-ru.xml', 'invoice']);
    expect(types.filter(([, type]) => type?.includes(' from '))).toHaveLength(
      types.filter(([document]) => document === 'docs/waybill-kz.json').length,
    );
    expect(html).not.toContain(' from KZ');
  });
});
