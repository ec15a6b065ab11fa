import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/engine/worker-exec-argv.js';

describe("a pool worker's Node options", () => {
  it('keep the parent’s options but its inline script, in every spelling', () => {
    const script = 'await main()';
    for (const parent of [
      ['--import', 'x.mjs', '--input-type=module', '-e', script],
      ['--import', 'x.mjs', '--input-type', 'module', '--eval', script],
      ['--import', 'x.mjs', `--eval=${script}`],
      ['--import', 'x.mjs', '-p', script],
      ['--import', 'x.mjs', '--print', script],
      ['--import', 'x.mjs', '-pe', script],
    ])
      expect(workerExecArgv('/pkg/dist/engine/pool-worker.js', parent), parent.join(' ')).toEqual([
        '--import',
        'x.mjs',
      ]);
  });

  it('pass a file-run process’s options through unchanged', () => {
    const parent = ['--max-old-space-size=512', '-r', 'dotenv/config', '--enable-source-maps'];
    expect(workerExecArgv('/pkg/dist/engine/pool-worker.js', parent)).toEqual(parent);
  });

  it('from source, load the TypeScript loader and nothing else', () => {
    expect(
      workerExecArgv('/repo/src/engine/pool-worker.ts', ['--input-type=module', '-e', 'x']),
    ).toEqual(['--import', 'tsx']);
  });
});
