import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_DOCUMENTS_DIR } from '../../src/cli/shipped.js';
import { TaskTimeoutError, WorkPool } from '../../src/serve/pool.js';

const RU = readFileSync('fixtures/documents/RU/customs-declaration.xml');

describe('the request worker pool', () => {
  it('stops a task past its deadline, replaces the worker, and keeps serving', async () => {
    // A deadline far below what verifying twenty GOST signatures takes: the backstop must fire.
    const pool = new WorkPool({
      workers: 1,
      deadlineMs: 0.05,
      config: { docsDir: SHIPPED_DOCUMENTS_DIR, limits: {} },
    });
    try {
      const documents = Array.from({ length: 20 }, (_, i) => ({ name: `d${i}.xml`, bytes: RU }));
      await expect(
        pool.run({ kind: 'check', documents, to: ['CN'], failOn: 'error', format: 'json' }),
      ).rejects.toBeInstanceOf(TaskTimeoutError);
      // No documents, no deadline: the replacement worker answers.
      const next = await pool.run({
        kind: 'check',
        documents: [],
        to: ['CN'],
        asOf: '2026-06-01',
        failOn: 'error',
        format: 'json',
      });
      expect(next).toMatchObject({ ok: true, failed: false });
    } finally {
      await pool.close();
    }
  });
});
