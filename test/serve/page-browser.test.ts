import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CdpPipe, findChromium } from '../report/cdp-pipe.js';
import { startTestService, type TestService } from './service.js';

const chromium = findChromium();
// Locally a missing browser skips; under CI it must fail (CI installs Debian's `chromium`).
const runs = chromium !== undefined || Boolean(process.env.CI);

const RU = path.resolve('fixtures/documents/RU/customs-declaration.xml');
const HOSTILE = path.resolve('test/hostile/cases/billion-laughs.xml');

describe.skipIf(!runs)('the upload page in headless Chromium', () => {
  let service: TestService;
  let browser: CdpPipe | undefined;
  let session = '';

  beforeAll(async () => {
    if (!chromium) throw new Error('chromium not found: install the Debian package "chromium"');
    service = await startTestService({ workers: 1 });
    browser = CdpPipe.launch(chromium);
    session = await browser.open(`${service.url}/`);
    await browser.send('DOM.enable', {}, session);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  const evaluate = (expression: string): Promise<unknown> => browser!.evaluate(session, expression);

  /** Sets the file input as a user picking a file would (a `change` event follows). */
  async function pick(file: string): Promise<void> {
    const { root } = (await browser!.send('DOM.getDocument', {}, session)) as {
      root: { nodeId: number };
    };
    const { nodeId } = await browser!.send(
      'DOM.querySelector',
      { nodeId: root.nodeId, selector: '#file' },
      session,
    );
    await browser!.send('DOM.setFileInputFiles', { nodeId, files: [file] }, session);
  }

  /** Clicks Check for real and waits until the page has rendered an answer. */
  async function submit(): Promise<string> {
    const box = (await evaluate(
      `(() => { const r = document.getElementById('submit').getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
    )) as { x: number; y: number };
    await evaluate(`document.getElementById('result').replaceChildren()`);
    await browser!.click(session, box.x, box.y);
    for (let i = 0; i < 600; i += 1) {
      const text = (await evaluate(`document.getElementById('result').innerText`)) as string;
      if (text) return text;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('no answer rendered');
  }

  it('runs its script under the CSP: the page is interactive', async () => {
    expect(await evaluate(`document.body.dataset.ready`)).toBe('true');
    expect(await evaluate(`document.getElementById('submit').disabled`)).toBe(true);
    expect(
      (await evaluate(`document.querySelectorAll('input[name=to]').length`)) as number,
    ).toBeGreaterThan(5);
    expect(await evaluate(`document.getElementById('from').value`)).toBe('');
  });

  it('a shipped RU declaration sent to every receiver: CN rejects it, with the reason and hint', async () => {
    await pick(RU);
    expect(await evaluate(`document.getElementById('chosen').textContent`)).toContain(
      'customs-declaration.xml',
    );
    const text = await submit();
    expect(text).toContain('customs-declaration from RU');
    const cn = `document.querySelector('.receiver[data-receiver="CN"]')`;
    expect(await evaluate(`${cn}.dataset.status`)).toBe('fail');
    const cnText = (await evaluate(`${cn}.textContent`)) as string;
    expect(cnText).toContain('rejected');
    expect(cnText).toContain('CN does not accept GOST R 34.10-2012');
    expect(cnText).toContain('Sign for CN with SM2');
    expect(
      await evaluate(`document.querySelector('.receiver[data-receiver="RU"]').dataset.status`),
    ).not.toBe('fail');
    expect(await evaluate(`document.querySelector('.banner.refused')`)).toBeNull();
  });

  it('only the chosen receivers are checked', async () => {
    await evaluate(
      `document.querySelectorAll('input[name=to]').forEach((b) => { b.checked = b.value === 'CN'; })`,
    );
    await submit();
    expect(
      await evaluate(
        `[...document.querySelectorAll('.receiver')].map((c) => c.dataset.receiver).join()`,
      ),
    ).toBe('CN');
    await evaluate(
      `document.querySelectorAll('input[name=to]').forEach((b) => { b.checked = true; })`,
    );
  });

  it('a hostile document (entity expansion) is refused clearly, shown as text', async () => {
    await pick(HOSTILE);
    const text = await submit();
    const banner = (await evaluate(
      `document.querySelector('.banner.refused').innerText`,
    )) as string;
    expect(banner).toContain('Refused');
    expect(banner).toMatch(/document type declarations are refused/);
    expect(text).not.toContain('Checking…');
    // Only the page's own script ran: nothing from the document became markup.
    expect(await evaluate(`document.scripts.length`)).toBe(1);
  });
});
