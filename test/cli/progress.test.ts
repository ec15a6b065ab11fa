import { describe, expect, it } from 'vitest';
import { progressBar, type ProgressStream } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): ProgressStream & { text: string } {
  const stream = {
    isTTY,
    columns: 80,
    text: '',
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream;
}

describe('progress bar', () => {
  it('draws on a terminal outside CI once the run is long, then clears itself', () => {
    const stream = fakeStream(true);
    let now = 0;
    const tick = progressBar({ stream, env: {}, now: () => now });
    expect(tick).toBeTypeOf('function');
    tick?.(1, 10); // too early: silent
    expect(stream.text).toBe('');
    now = 1000;
    tick?.(5, 10);
    expect(stream.text).toContain('5/10 documents');
    expect(stream.text).toContain('#');
    tick?.(10, 10);
    expect(stream.text.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('is silent when piped or in CI', () => {
    expect(progressBar({ stream: fakeStream(false), env: {} })).toBeUndefined();
    expect(progressBar({ stream: fakeStream(true), env: { CI: 'true' } })).toBeUndefined();
  });

  it('a quick run never draws and leaves nothing behind', () => {
    const stream = fakeStream(true);
    const tick = progressBar({ stream, env: {}, now: () => 0 });
    tick?.(1, 2);
    tick?.(2, 2);
    expect(stream.text).toBe('');
  });
});
