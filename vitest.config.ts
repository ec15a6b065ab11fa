import { defineConfig } from 'vitest/config';

/**
 * Suites that spawn external tools or many processes (xmlsec1, OpenSSL + GOST engine, jose,
 * Chromium, CLI start-up, npm pack + install): `npm test` runs them, `npm run test:fast` leaves them out.
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
  'test/package/package.test.ts',
  'test/hostile/signature-move-fuzz.test.ts', // ~1,400 documents × every receiver
  'test/serve/page-browser.test.ts',
  'test/serve/limits.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
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
          exclude: SLOW,
          // The fixture corpus, generated once per run (test/setup/corpus.global.ts).
          globalSetup: ['test/setup/corpus.global.ts'],
        },
      },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
