/**
 * Screenshots the `corridor serve` upload page with an answer on it, in headless Chromium, to
 * look at the design.
 *
 *   npm run serve:screenshot -- [document] [out.png]
 *
 * Starts the service on an ephemeral loopback port, picks the document (default: the shipped
 * RU customs declaration), clicks Check, and captures the whole page once the verdicts show.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startService } from '../src/serve/app.js';
import { CdpPipe, findChromium } from '../test/report/cdp-pipe.js';

async function main(): Promise<void> {
  const [
    document = 'fixtures/documents/RU/customs-declaration.xml',
    output = 'serve-screenshot.png',
  ] = process.argv.slice(2);
  const chromium = findChromium();
  if (!chromium) throw new Error('chromium not found (apt-get install chromium)');
  const service = await startService({
    host: '127.0.0.1',
    port: 0,
    limits: {},
    workers: 1,
    logLevel: 'warn',
  });
  const browser = CdpPipe.launch(chromium);
  try {
    const session = await browser.open(`${service.url}/`, 1280, 900);
    await browser.send('DOM.enable', {}, session);
    const { root } = (await browser.send('DOM.getDocument', {}, session)) as {
      root: { nodeId: number };
    };
    const { nodeId } = await browser.send(
      'DOM.querySelector',
      { nodeId: root.nodeId, selector: '#file' },
      session,
    );
    await browser.send(
      'DOM.setFileInputFiles',
      { nodeId, files: [path.resolve(document)] },
      session,
    );
    await browser.evaluate(session, `document.getElementById('submit').click()`);
    for (let i = 0; i < 600; i += 1) {
      if (await browser.evaluate(session, `document.querySelector('#result section') !== null`))
        break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const height = (await browser.evaluate(
      session,
      `document.documentElement.scrollHeight`,
    )) as number;
    await browser.send(
      'Emulation.setDeviceMetricsOverride',
      { width: 1280, height: Math.min(height, 4000), deviceScaleFactor: 1, mobile: false },
      session,
    );
    const { data } = await browser.send('Page.captureScreenshot', { format: 'png' }, session);
    writeFileSync(output, Buffer.from(String(data), 'base64'));
    console.log(`wrote ${path.resolve(output)}`);
  } finally {
    await browser.close();
    await service.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
