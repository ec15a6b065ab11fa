import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  MAX_INLINED_BYTECODE_SIZE,
  MAX_INLINED_BYTECODE_SIZE_CUMULATIVE,
} from '../../src/cli/jit-policy.js';

describe('batch JIT policy (cli/jit-policy.ts)', () => {
  // setFlagsFromString ignores a flag V8 does not know; node refuses it on its command line,
  // so a V8 that renamed the flag fails here instead of silently losing the setting.
  it('names a flag this V8 accepts', () => {
    const known = spawnSync(process.execPath, [
      `--max-inlined-bytecode-size=${MAX_INLINED_BYTECODE_SIZE}`,
      `--max-inlined-bytecode-size-cumulative=${MAX_INLINED_BYTECODE_SIZE_CUMULATIVE}`,
      '-e',
      '0',
    ]);
    expect(known.status).toBe(0);
    const unknown = spawnSync(process.execPath, ['--max-inlined-bytecode-sizes=60', '-e', '0']);
    expect(unknown.status).not.toBe(0);
  });
});
