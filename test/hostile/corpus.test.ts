/**
 * The hostile corpus (scripts/make-hostile-corpus.ts, JSON cases from
 * scripts/hostile-json-cases.ts): every case through the check data path in-process and
 * through the CLI (`verify`, `check`), against the outcome written next to it in
 * expected.json. No case crashes, hangs (each test has a generous time bound), or exits 2,
 * and only the controls — whose signed canonical content is a shipped sample's — verify.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { messageProblems } from '../helpers/messages.js';
import {
  AS_OF,
  CASES_DIR,
  RECEIVER,
  caseFiles,
  combinedVerdict,
  evaluateBytes,
  loadCases,
  securityIds,
  trustArgs,
} from './corpus.js';

const cases = loadCases();
/** A valid signature over part of the document: verify accepts it, check refuses the rest. */
const partlySigned = (c: (typeof cases)[number]): boolean => c.attack === 'unsigned content';
/** Per-case bound: a hang fails its case instead of stalling the suite. */
const CASE_TIMEOUT_MS = 30_000;

describe('hostile corpus', () => {
  it('has at least 100 cases, each file listed once, every attack class present', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(cases.map((c) => c.file).sort()).toEqual(caseFiles());
    const attacks = new Set(cases.map((c) => c.attack));
    for (const attack of [
      'signature wrapping',
      'CVE-2025-29774',
      'CVE-2025-29775',
      'KeyValue-only',
      'RetrievalMethod',
      'external reference (SSRF)',
      'DTD',
      'entity expansion',
      'XXE',
      'XInclude',
      'HMAC',
      'truncated base64',
      'wrong namespace',
      'encoding',
      'BOM',
      'limit',
      'not a document',
      'JSON number',
      'duplicate member',
      'JWS shape',
      'JWS header',
      'prototype pollution',
    ]) {
      expect(attacks, attack).toContain(attack);
    }
    // Only controls may expect a valid signature, and signatures over part of the document
    // (signed scope): valid over what they cover, refused by check for what they leave out.
    for (const c of cases) {
      if (c.expect.valid === true && !partlySigned(c)) expect(c.control, c.file).toBe(true);
    }
  });

  describe.each(cases)('$file ($attack)', (c) => {
    const path = join(CASES_DIR, c.file);

    it(
      'in-process: verdict and rule ids as expected',
      () => {
        const outcome = evaluateBytes(path, readFileSync(path));
        expect(outcome.valid).toBe(c.expect.valid);
        const ids = outcome.findings.map((f) => f.ruleId);
        for (const id of c.expect.ruleIds) expect(ids).toContain(id);
        // Exactly the security rules the case argues for: none missing, none spurious.
        expect(securityIds(ids)).toEqual(securityIds(c.expect.ruleIds));
        if (c.control) expect(ids).not.toContain('signature/valid');
        // Refusals too name a message their rule defines, with its data.
        expect(messageProblems(outcome.findings)).toEqual([]);
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'CLI verify: same verdict, never a crash',
      async () => {
        const run = await runCli([
          'verify',
          path,
          '--format',
          'json',
          '--as-of',
          AS_OF,
          ...trustArgs(),
        ]);
        expect(run.code, run.stderr).toBe(c.control || partlySigned(c) ? 0 : 1);
        const output = JSON.parse(run.stdout) as {
          results: Array<{ signatures: Array<{ valid: boolean | null; trusted: boolean | null }> }>;
        };
        const signatures = output.results[0]?.signatures ?? [];
        expect(combinedVerdict(signatures.map((s) => s.valid))).toBe(c.expect.valid);
        if (c.control) expect(signatures.every((s) => s.trusted === true)).toBe(true);
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'CLI check: the expected rule ids, exit 0 or 1',
      async () => {
        const run = await runCli(['check', path, '--to', RECEIVER, '--as-of', AS_OF, '-f', 'json']);
        expect([0, 1], run.stderr).toContain(run.code);
        const output = JSON.parse(run.stdout) as {
          pairs: Array<{ findings: Array<{ ruleId: string }> }>;
        };
        const ids = output.pairs.flatMap((p) => p.findings.map((f) => f.ruleId));
        for (const id of c.expect.ruleIds) expect(ids).toContain(id);
        expect(securityIds(ids)).toEqual(securityIds(c.expect.ruleIds));
        if (!c.control) expect(run.code).toBe(1);
      },
      CASE_TIMEOUT_MS,
    );
  });

  it('one check run over the whole corpus goes on document after document', async () => {
    const files = cases.map((c) => join(CASES_DIR, c.file));
    const run = await runCli(['check', ...files, '--to', RECEIVER, '--as-of', AS_OF, '-f', 'json']);
    expect(run.code, run.stderr).toBe(1);
    const output = JSON.parse(run.stdout) as {
      pairs: Array<{ document: string; status: string; findings: Array<{ ruleId: string }> }>;
    };
    expect(output.pairs).toHaveLength(cases.length);
    for (const c of cases) {
      const pair = output.pairs.find((p) => p.document === join(CASES_DIR, c.file));
      const ids = pair?.findings.map((f) => f.ruleId) ?? [];
      if (c.control) expect(ids, c.file).not.toContain('signature/valid');
      else expect(pair?.status, c.file).toBe('fail');
    }
  });
});
