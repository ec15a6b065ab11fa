/**
 * Rule metadata as ESLint has it: every rule carries `meta` (description, docs URL, message
 * templates), and every finding names one of its rule's messages, with data for each of the
 * template's placeholders and the template rendered as its text. Checked on the shipped
 * corpus, on two dates, and on the engine's own messages (time budget, findings cap).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matrix } from '../../src/index.js';
import { evaluatePair } from '../../src/engine/evaluate.js';
import { declaration, profile, signature, verification } from './builders.js';
import { RULES } from '../../src/rules/index.js';
import { placeholders, renderMessage } from '../../src/rules/messages.js';
import { messageProblems } from '../helpers/messages.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('rule meta', () => {
  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    '%s has a description, its docs page and message templates',
    (id, rule) => {
      expect(rule.meta.description.length).toBeGreaterThan(10);
      expect(rule.meta.docs.url).toBe(`docs/rules/${id}.md`);
      expect(existsSync(ROOT + rule.meta.docs.url)).toBe(true);
      const messages = Object.entries(rule.meta.messages);
      // Its own messages, besides the shared findings-cap summary.
      expect(messages.length).toBeGreaterThan(1);
      for (const [messageId, template] of messages) {
        expect(messageId, id).toMatch(/^[a-z][\w/-]*$/i);
        expect(template.trim().length, `${id} ${messageId}`).toBeGreaterThan(0);
        // Every `{{` opens a well-formed placeholder.
        expect(template.split('{{').length - 1, `${id} ${messageId}`).toBe(
          [...template.matchAll(/\{\{\s*[\w-]+\s*\}\}/g)].length,
        );
      }
    },
  );

  it('renders placeholders from data and leaves one without data as written', () => {
    expect(renderMessage('{{a}} and {{ b }}', { a: 'x{{b}}', b: 2 })).toBe('x{{b}} and 2');
    expect(renderMessage('{{a}} {{c}}', { a: '1' })).toBe('1 {{c}}');
    expect(placeholders('{{a}} {{b}} {{a}}')).toEqual(['a', 'b']);
  });
});

describe('findings carry a message id their rule defines, with its data', () => {
  it.each(['2026-12-01', '2031-06-01'])('on the shipped corpus as of %s', (day) => {
    const result = matrix({ asOf: new Date(`${day}T00:00:00Z`) });
    const findings = result.pairs.flatMap((pair) => pair.findings);
    expect(findings.length).toBeGreaterThan(100);
    expect(messageProblems(findings)).toEqual([]);
    expect(new Set(findings.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(8);
  });

  it("on the engine's own messages: the time budget and the findings cap", () => {
    const signatures = [1, 2, 3, 4, 5].map((i) => signature({ signatureMethod: `urn:x:m${i}` }));
    const document = declaration({}, { signatures });
    const verifications = signatures.map(() => verification());
    const subject = { document, verifications, senderId: 'AA' };
    const asOf = new Date('2026-06-01T00:00:00Z');
    const capped = evaluatePair({ ...subject, maxFindingsPerRule: 2 }, profile(), asOf);
    const summary = capped.findings.find((f) => f.messageId === 'moreFindings');
    expect(summary?.ruleId).toBe('signature/method-accepted');
    expect(summary?.data).toMatchObject({ count: '3', max: '2' });
    const late = evaluatePair({ ...subject, timeBudgetMs: -1 }, profile(), asOf);
    expect(late.findings.map((f) => [f.ruleId, f.messageId])).toEqual([
      ['security/limit', 'timeBudget'],
    ]);
    expect(messageProblems([...capped.findings, ...late.findings])).toEqual([]);
  });
});
