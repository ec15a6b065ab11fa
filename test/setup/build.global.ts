/**
 * vitest globalSetup of the suites that run corridor in fresh processes as it ships (the packed
 * package, start-up, lazy loading): builds dist/ once per run as `npm run build` does — tsc
 * (incremental: seconds when dist is current), then the CLI bundle — so those processes run
 * compiled JavaScript current with the source. A fresh process then starts in ~0.4 s instead of
 * ~1.6 s transforming the source tree under tsx.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function run(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`build step failed: node ${args.join(' ')}\n${result.stdout}${result.stderr}`);
  }
}

export default function setup(): void {
  run([join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  run(['--import', 'tsx', 'scripts/bundle.ts']);
}
