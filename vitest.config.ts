import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Suites that spawn external tools or many processes (xmlsec1, OpenSSL + GOST engine, jose,
 * Chromium, CLI start-up, npm pack + install) or run the built CLI: `npm test` runs them,
 * `npm run test:fast` leaves them out.
 */
const SLOW = [
  'test/signature/xmlsec1-interop.test.ts',
  'test/crypto/gost-openssl-interop.test.ts',
  'test/crypto/gost28147/openssl-interop.test.ts',
  'test/jose/jose-interop.test.ts',
  'test/jose/openssl-interop.test.ts',
  'test/report/html-browser.test.ts',
  'test/cli/startup.test.ts',
  'test/cli/lazy-loading.test.ts',
  'test/cli/closed-pipe.test.ts',
  'test/package/package.test.ts',
  'test/hostile/signature-move-fuzz.test.ts', // ~1,400 documents × every receiver
  'test/serve/page-browser.test.ts',
  'test/serve/limits.test.ts',
];

/**
 * Suites that assert a state of the whole process (V8 flags set once per process), which an
 * earlier suite sharing their process may have changed: each runs in a process of its own.
 */
const OWN_PROCESS = ['test/cli/heap-policy.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // vitest's default is one worker fewer than the cores: one on 2 cores, where the suites
    // wait on the processes they spawn (CLI, xmlsec1, OpenSSL, Chromium) for much of their
    // time, so two overlap well. Larger machines keep the default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ['test/setup/eager-crypto.ts'],
    // Every temporary file of the run under one folder, removed at the end.
    globalSetup: ['test/setup/tmpdir.global.ts'],
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts'],
          exclude: [...SLOW, ...OWN_PROCESS],
          // The suites share their worker's module graph instead of importing the source tree
          // (and every algorithm family, test/setup/eager-crypto.ts) again for each file: the
          // run took ~40 % less CPU. Suites restore what they change (spies, cwd, env).
          isolate: false,
          // The fixture corpus, generated once per run (test/setup/corpus.global.ts).
          globalSetup: ['test/setup/corpus.global.ts'],
        },
      },
      { extends: true, test: { name: 'own-process', include: OWN_PROCESS } },
      {
        extends: true,
        test: {
          name: 'slow',
          include: SLOW,
          isolate: false,
          // The package and the fresh CLI processes run dist/, built once for the run.
          globalSetup: ['test/setup/build.global.ts'],
        },
      },
    ],
  },
});
