/**
 * Renders a corridor HTML report to PNG with headless Chromium, to look at the design.
 *
 *   npx tsx scripts/report-screenshot.ts [in.json] [out.png] [SENDER,RECEIVER]
 *
 * out.png defaults to corridor-report.png in the system temporary folder, never the checkout.
 *
 * in.json is a MatrixResult (`corridor matrix --format json`); without it the report tests'
 * fixture is used. The optional third argument opens that cell's findings (default: the first
 * failing cell), through the report's `#panel-N` deep link.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MatrixResult } from '../src/engine/types.js';
import { renderHtml } from '../src/report/html.js';
import { receivers, senders, findCell } from '../src/report/summary.js';

async function loadResult(file: string | undefined): Promise<MatrixResult> {
  if (file) return JSON.parse(readFileSync(file, 'utf8')) as MatrixResult;
  const fixture = (await import('../test/report/fixture.js')) as { matrixResult: MatrixResult };
  return fixture.matrixResult;
}

/** The `panel-N` id the HTML gives a cell: cells are numbered row by row from 1. */
function panelId(result: MatrixResult, wanted: string | undefined): string | undefined {
  let index = 0;
  let firstFailing: string | undefined;
  for (const sender of senders(result)) {
    for (const receiver of receivers(result)) {
      const cell = findCell(result, sender, receiver);
      if (!cell) continue;
      index += 1;
      if (wanted === `${sender},${receiver}`) return `panel-${index}`;
      if (!firstFailing && cell.status === 'fail') firstFailing = `panel-${index}`;
    }
  }
  if (wanted) throw new Error(`no cell ${wanted} in the result`);
  return firstFailing;
}

async function main(): Promise<void> {
  const [input, output = path.join(tmpdir(), 'corridor-report.png'), cell] = process.argv.slice(2);
  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) throw new Error(`${chromium} not found (apt-get install chromium)`);

  const result = await loadResult(input);
  const dir = mkdtempSync(path.join(tmpdir(), 'corridor-shot-'));
  try {
    const html = path.join(dir, 'report.html');
    writeFileSync(html, renderHtml(result));
    const panel = panelId(result, cell);
    const url = pathToFileURL(html).href + (panel ? `#${panel}` : '');
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--hide-scrollbars',
        '--window-size=1280,1500',
        // Lets the report's script run (deep link, filters) before the capture.
        '--virtual-time-budget=2000',
        `--screenshot=${path.resolve(output)}`,
        url,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    console.log(`wrote ${path.resolve(output)}${panel ? ` (${panel} open)` : ''}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
