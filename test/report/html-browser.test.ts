import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatToString } from '../../src/report/index.js';
import { htmlFormatter } from '../../src/report/html.js';
import { runCli } from '../helpers/cli.js';
import { CdpPipe, findChromium } from './cdp-pipe.js';
import { context, matrixResult } from './fixture.js';

const chromium = findChromium();
// Locally a missing browser skips; under CI it must fail (CI installs Debian's `chromium`).
const runs = chromium !== undefined || Boolean(process.env.CI);

describe.skipIf(!runs)('html report in headless Chromium', () => {
  let browser: CdpPipe | undefined;
  let session = '';
  let dir = '';

  beforeAll(async () => {
    if (!chromium) throw new Error('chromium not found: install the Debian package "chromium"');
    dir = mkdtempSync(path.join(tmpdir(), 'corridor-report-'));
    const file = path.join(dir, 'report.html');
    writeFileSync(file, formatToString(htmlFormatter, matrixResult, context));
    browser = CdpPipe.launch(chromium);
    session = await browser.open(pathToFileURL(file).href);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const evaluate = (expression: string): Promise<unknown> => browser!.evaluate(session, expression);

  it('renders the matrix: 9 cell buttons in a 3 × 3 grid, script running under the CSP', async () => {
    expect(await evaluate(`document.querySelectorAll('table.matrix button.cell').length`)).toBe(9);
    expect(await evaluate(`document.querySelectorAll('table.matrix tbody tr').length`)).toBe(3);
    // The filters are revealed by the report's own script: proof that the CSP hash let it run.
    expect(await evaluate(`document.getElementById('filters').hidden`)).toBe(false);
    const widths = (await evaluate(
      `[...document.querySelectorAll('button.cell')].map((b) => b.getBoundingClientRect().width)`,
    )) as number[];
    for (const width of widths) expect(width).toBeGreaterThan(100);
  });

  it('shows a failing cell’s reasons after a real click on it, and hides them on a second', async () => {
    const selector = `button.cell[data-sender="RU"][data-receiver="CN"]`;
    const panelVisible = `(() => { const p = document.getElementById(document.querySelector('${selector}').getAttribute('aria-controls')); return !p.hidden && p.getBoundingClientRect().height > 0; })()`;
    expect(await evaluate(panelVisible)).toBe(false);
    expect(await evaluate(`document.body.innerText.includes('does not accept GOST')`)).toBe(false);

    const box = (await evaluate(
      `(() => { const b = document.querySelector('${selector}'); b.scrollIntoView({ block: 'center' }); const r = b.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
    )) as { x: number; y: number };
    await browser!.click(session, box.x, box.y);

    expect(
      await evaluate(`document.querySelector('${selector}').getAttribute('aria-expanded')`),
    ).toBe('true');
    expect(await evaluate(panelVisible)).toBe(true);
    const text = (await evaluate(`document.body.innerText`)) as string;
    expect(text).toContain('CN does not accept GOST R 34.10-2012 (256) signatures');
    expect(text).toContain('Sign for CN with SM2 or RSA-SHA256');

    await browser!.click(session, box.x, box.y);
    expect(await evaluate(panelVisible)).toBe(false);
  });

  it('shows a hostile message as text: no injected element, no extra script', async () => {
    await evaluate(
      `document.querySelector('button.cell[data-sender="CN"][data-receiver="RU"]').click()`,
    );
    expect(await evaluate(`document.scripts.length`)).toBe(1);
    const shown = (await evaluate(
      `[...document.querySelectorAll('.finding .msg')].map((p) => p.textContent).find((t) => t.includes('certificate-of-origin'))`,
    )) as string;
    expect(shown).toContain('<script>alert("x")</script>');
  });

  it('re-colours cells when filtering by document type and recounts by severity', async () => {
    const status = (sender: string, receiver: string): Promise<unknown> =>
      evaluate(
        `document.querySelector('button.cell[data-sender="${sender}"][data-receiver="${receiver}"]').getAttribute('data-status')`,
      );
    await evaluate(
      `(() => { const s = document.getElementById('filter-type'); s.value = 'waybill'; s.dispatchEvent(new Event('change')); })()`,
    );
    expect(await status('KZ', 'CN')).toBe('fail');
    expect(await status('RU', 'CN')).toBe('none');
    expect(await evaluate(`document.getElementById('tile-fail').textContent`)).toBe('1');

    await evaluate(
      `(() => { const s = document.getElementById('filter-type'); s.value = ''; s.dispatchEvent(new Event('change')); })()`,
    );
    expect(await status('RU', 'CN')).toBe('fail');
    await evaluate(
      `(() => { const box = document.querySelector('input[name="severity"][value="warning"]'); box.click(); })()`,
    );
    expect(
      await evaluate(
        `document.querySelector('button.cell[data-sender="RU"][data-receiver="CN"] .counts').textContent`,
      ),
    ).toBe('1 error');
  });

  it('shows counts in cells, country names, and partial versus total failure apart', async () => {
    const cells = (await evaluate(
      `[...document.querySelectorAll('button.cell')].map((b) => ({ status: b.dataset.status, all: b.classList.contains('all'), ratio: b.querySelector('.ratio')?.textContent ?? '', image: getComputedStyle(b).backgroundImage }))`,
    )) as { status: string; all: boolean; ratio: string; image: string }[];
    for (const cell of cells.filter((c) => c.status !== 'ok'))
      expect(cell.ratio).toMatch(/^\d+\/\d+$/);
    const partial = cells.filter((c) => c.status === 'fail' && !c.all);
    const total = cells.filter((c) => c.status === 'fail' && c.all);
    expect(partial.length).toBeGreaterThan(0);
    expect(total.length).toBeGreaterThan(0);
    for (const cell of partial) expect(cell.image).toContain('repeating-linear-gradient');
    for (const cell of total) expect(cell.image).toBe('none');
    expect(
      await evaluate(`document.querySelector('thead abbr[title="Russia"]')?.textContent`),
    ).toBe('RU');
    expect(await evaluate(`document.querySelector('table.matrix caption').textContent`)).toContain(
      'RU Russia',
    );
    expect(await evaluate(`document.querySelector('.line-summaries').innerText`)).toMatch(
      /RU\s+fails with \d+ of \d+ receivers; mostly \S+/,
    );
  });

  it('prints every reason: under print media all panels with findings and hints are shown', async () => {
    const shown = `[...document.querySelectorAll('.panel')].filter((p) => p.getBoundingClientRect().height > 0).length`;
    await browser!.send('Emulation.setEmulatedMedia', { media: 'screen' }, session);
    expect(await evaluate(shown)).toBeLessThanOrEqual(1);
    await browser!.send('Emulation.setEmulatedMedia', { media: 'print' }, session);
    try {
      const panels = (await evaluate(
        `document.querySelectorAll('.panel:not(.no-findings)').length`,
      )) as number;
      expect(panels).toBeGreaterThan(1);
      expect(await evaluate(shown)).toBe(panels);
      expect(await evaluate(`document.body.innerText.includes('does not accept GOST')`)).toBe(true);
      expect(await evaluate(`getComputedStyle(document.getElementById('filters')).display`)).toBe(
        'none',
      );
      const shot = await browser!.send('Page.captureScreenshot', { format: 'png' }, session);
      expect(String(shot.data).length).toBeGreaterThan(1000);
    } finally {
      await browser!.send('Emulation.setEmulatedMedia', { media: '' }, session);
    }
  });

  it('logs no page errors or CSP violations', () => {
    const problems = browser!.events.filter(
      (event) =>
        event.method === 'Runtime.exceptionThrown' ||
        (event.method === 'Log.entryAdded' &&
          (event.params.entry as { level?: string } | undefined)?.level === 'error'),
    );
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!runs)(
  'html report with a forecast and an unreadable document, in Chromium',
  () => {
    let browser: CdpPipe | undefined;
    let session = '';
    let dir = '';

    beforeAll(async () => {
      if (!chromium) throw new Error('chromium not found: install the Debian package "chromium"');
      dir = mkdtempSync(path.join(tmpdir(), 'corridor-report-'));
      const docs = path.join(dir, 'docs');
      mkdirSync(docs);
      // IN signs RSA PKCS#1 v1.5 with SHA-256, which the EU accepts only until 2028-12-31.
      copyFileSync('fixtures/documents/IN/customs-declaration.json', path.join(docs, 'in.json'));
      copyFileSync('test/hostile/cases/empty.xml', path.join(docs, 'empty.xml'));
      const file = path.join(dir, 'report.html');
      const run = await runCli([
        'matrix',
        '--docs',
        docs,
        '--as-of',
        '2026-12-01',
        '--until',
        '2031-12-01',
        '--no-config',
        '--output',
        `html:${file}`,
      ]);
      expect(run.code).toBe(0);
      browser = CdpPipe.launch(chromium);
      session = await browser.open(pathToFileURL(file).href);
    });

    afterAll(async () => {
      await browser?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const evaluate = (expression: string): Promise<unknown> =>
      browser!.evaluate(session, expression);
    const cell = (sender: string, receiver: string): string =>
      `document.querySelector('button.cell[data-sender="${sender}"][data-receiver="${receiver}"]')`;

    it('shows on the cell the date its status changes before --until, and why in its panel', async () => {
      const badge = (await evaluate(
        `(() => { const f = ${cell('IN', 'EU')}.querySelector('.forecast'); const r = f.getBoundingClientRect(); return { text: f.textContent, visible: r.width > 0 && r.height > 0 }; })()`,
      )) as { text: string; visible: boolean };
      expect(badge).toEqual({ text: '→ fail 2029-01-01', visible: true });
      expect(await evaluate(`${cell('IN', 'EU')}.getAttribute('aria-label')`)).toContain(
        'fail from 2029-01-01',
      );
      // A cell that does not change shows no date.
      expect(await evaluate(`${cell('IN', 'CN')}.querySelector('.forecast')`)).toBe(null);
      await evaluate(`${cell('IN', 'EU')}.click()`);
      const panel = (await evaluate(
        `document.getElementById(${cell('IN', 'EU')}.getAttribute('aria-controls')).innerText`,
      )) as string;
      expect(panel).toContain('Changes by 2031-12-01');
      expect(panel).toMatch(/2029-01-01\s+warn\s+→\s+fail/);
      expect(panel).toContain('signature/algorithm-sunset');
      expect(await evaluate(`document.querySelector('.line-summaries').innerText`)).toMatch(
        /IN\s+fails with \d+ of \d+ receivers; mostly \S+; \d+ receivers? changes? status by 2031-12-01/,
      );
    });

    it('lists the unreadable document once; its cells point there and still count it', async () => {
      expect(await evaluate(`document.querySelectorAll('#unread .unread-doc').length`)).toBe(1);
      expect(await evaluate(`document.querySelector('#unread').innerText`)).toContain(
        'sender and type unknown',
      );
      const stubs = (await evaluate(
        `document.querySelectorAll('.panel .pair.unread').length`,
      )) as number;
      expect(stubs).toBeGreaterThan(1);
      expect(await evaluate(`document.querySelectorAll('.panel .finding').length`)).toBeGreaterThan(
        0,
      );
      expect(
        await evaluate(`[...document.querySelectorAll('.panel .pair.unread .finding')].length`),
      ).toBe(0);
      const counts = (receiver: string): Promise<unknown> =>
        evaluate(`${cell('unknown', receiver)}.querySelector('.counts').textContent`);
      expect(await counts('EU')).toBe('1 error');
      await evaluate(`document.querySelector('input[name="severity"][value="error"]').click()`);
      expect(await counts('EU')).toBe('');
      expect(
        await evaluate(
          `getComputedStyle(document.querySelector('#unread .finding.error')).display`,
        ),
      ).toBe('none');
      await evaluate(`document.querySelector('input[name="severity"][value="error"]').click()`);
      expect(await counts('EU')).toBe('1 error');
    });

    it('prints the forecast and the unreadable document (print-media screenshot)', async () => {
      await browser!.send('Emulation.setEmulatedMedia', { media: 'print' }, session);
      try {
        const text = (await evaluate(`document.body.innerText`)) as string;
        expect(text).toContain('Changes by 2031-12-01');
        expect(text).toContain('Documents that cannot be read');
        expect(
          await evaluate(
            `getComputedStyle(${cell('IN', 'EU')}.querySelector('.forecast')).display`,
          ),
        ).not.toBe('none');
        const shot = await browser!.send('Page.captureScreenshot', { format: 'png' }, session);
        expect(String(shot.data).length).toBeGreaterThan(1000);
      } finally {
        await browser!.send('Emulation.setEmulatedMedia', { media: '' }, session);
      }
    });

    it('logs no page errors or CSP violations', () => {
      const problems = browser!.events.filter(
        (event) =>
          event.method === 'Runtime.exceptionThrown' ||
          (event.method === 'Log.entryAdded' &&
            (event.params.entry as { level?: string } | undefined)?.level === 'error'),
      );
      expect(problems).toEqual([]);
    });
  },
);
