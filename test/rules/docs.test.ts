import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleDocMarkdown, ruleDocsPath, ruleMetas } from '../../src/rules/docs.js';
import { RULES } from '../../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('docs/rules: one page per rule, generated from the registry', () => {
  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has a current page', (_id, rule) => {
    // Stale or missing: run `npm run docs:rules`.
    expect(readFileSync(ROOT + ruleDocsPath(rule.id), 'utf8')).toBe(ruleDocMarkdown(rule));
  });

  it('gives every security rule a security severity and tag, and no other rule one', () => {
    for (const meta of ruleMetas()) {
      const security = meta.id.startsWith('security/');
      expect(meta.securitySeverity !== undefined, meta.id).toBe(security);
      expect(meta.tags?.includes('security'), meta.id).toBe(security);
    }
  });

  it('makes helpUri absolute only from a published base', () => {
    expect(ruleMetas().every((meta) => meta.helpUri === undefined)).toBe(true);
    const [first] = ruleMetas('https://example.org/corridor/blob/main');
    expect(first?.helpUri).toBe(
      `https://example.org/corridor/blob/main/${ruleDocsPath(first!.id)}`,
    );
  });
});
