// Runs every benchmark in bench/ in turn (each in its own process, so one's warm caches do
// not flatter another). `npm run bench`, or `npm run bench -- verify` for one of them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  // ab.ts compares two builds on a command line the caller gives: a tool, not a benchmark.
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'ab.ts')
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n== bench/${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${file}`], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
