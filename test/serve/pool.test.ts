import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_DOCUMENTS_DIR } from '../../src/cli/shipped.js';
import { TaskTimeoutError, WorkPool } from '../../src/engine/pool.js';

const RU = readFileSync('fixtures/documents/RU/customs-declaration.xml');

describe('the worker pool (matrix --jobs and serve)', () => {
  it('one worker answers a chunk of a matrix and a service request alike', async () => {
    const pool = new WorkPool({
      workers: 1,
      config: { docsDir: SHIPPED_DOCUMENTS_DIR, limits: {} },
    });
    try {
      const files = [
        'fixtures/documents/RU/customs-declaration.xml',
        'fixtures/documents/CN/customs-declaration.xml',
      ];
      const chunk = await pool.evaluate(files, {
        asOf: '2026-06-01T00:00:00.000Z',
        kind: 'matrix',
        receivers: ['CN', 'RU'],
      });
      expect(chunk).toMatchObject({ ok: true });
      if (!chunk.ok) return;
      // Document order kept.
      expect(chunk.documents.map((d) => d.entry.document)).toEqual(files);
      expect(chunk.documents[0]!.pairs.map((p) => p.receiver)).toEqual(['CN', 'RU']);
      const check = await pool.run({
        kind: 'check',
        documents: [{ name: 'ru.xml', bytes: RU }],
        to: ['CN', 'RU'],
        asOf: '2026-06-01',
        failOn: 'error',
        format: 'json',
      });
      expect(check.ok).toBe(true);
      // The same findings for the same bytes, whichever way they came in.
      const viaCheck = JSON.parse((check as { body: string }).body) as {
        pairs: Array<{ findings: Array<{ ruleId: string }> }>;
      };
      expect(viaCheck.pairs.map((p) => p.findings.map((f) => f.ruleId))).toEqual(
        chunk.documents[0]!.pairs.map((p) => p.findings.map((f) => f.ruleId)),
      );
    } finally {
      await pool.close();
    }
  });

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
