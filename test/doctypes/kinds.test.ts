import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReadOptions } from '../../src/documents/read.js';
import { loadXsdEngine } from '../../src/doctypes/xsd.js';
import { run } from '../../src/engine/run.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

/**
 * Transit and e-commerce declarations are kinds of their own: a receiver judges them by the
 * rules it has for that kind (or says it does not take them), not by a goods declaration's.
 */
const vector = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../vectors/doctypes/${path}`, import.meta.url)), 'utf8');
let read: ReadOptions;
beforeAll(async () => {
  read = { xsd: await loadXsdEngine() };
});

const check = (files: Record<string, string>, receivers: string[], from: string) => {
  const dir = tempTree(files);
  return run({
    kind: 'check',
    profiles: loadProfiles(),
    files: Object.keys(files).map((f) => `${dir}/${f}`),
    asOf: new Date('2026-12-01T00:00:00Z'),
    receivers,
    from,
    read,
  }).pairs;
};
const rules = (pair: { findings: Array<{ ruleId: string; message: string }> } | undefined) =>
  (pair?.findings ?? []).filter((f) => f.ruleId.startsWith('document/'));

describe('model kinds beyond the goods declaration', () => {
  it('a CEB311 order is an e-commerce declaration: CN judges it without asking for a commodity code, RU does not take it', () => {
    const [cn, ru] = check(
      { 'ceb311.xml': vector('chinaport-data-signature/CEB311Message.xml') },
      ['CN', 'RU'],
      'CN',
    );
    expect(cn?.documentType).toBe('e-commerce-declaration');
    // The public sample's order lines have no commodity code, and none is required of an order.
    expect(
      rules(cn)
        .map((f) => f.message)
        .join('\n'),
    ).not.toContain('commodityCode');
    expect(rules(cn).filter((f) => f.ruleId === 'document/receiver-rules')).toEqual([]);
    expect(rules(ru).map((f) => f.ruleId)).toContain('document/type-accepted');
    expect(rules(ru).find((f) => f.ruleId === 'document/type-accepted')?.message).toContain(
      'RU does not accept e-commerce-declaration documents',
    );
  });

  it('CN still asks an e-commerce declaration for what it needs: an order without its date fails', () => {
    const text = vector('chinaport-data-signature/CEB311Message.xml').replace(
      /<ceb:appTime>20160308112701<\/ceb:appTime>/g,
      '',
    );
    const [cn] = check({ 'no-date.xml': text }, ['CN'], 'CN');
    const found = rules(cn).filter((f) => f.ruleId === 'document/receiver-rules');
    expect(found.map((f) => f.message).join('\n')).toContain('/issueDate is required');
  });

  it('a CC015C is a transit declaration: the EU takes it (no invoice values asked), RU does not', () => {
    const text = vector('hmrc-transit-movements-validator/cc015c-valid-2.xml');
    const [eu, ru] = check({ 'cc015c.xml': text }, ['EU', 'RU'], 'EU');
    expect(eu?.documentType).toBe('transit-declaration');
    const euRules = rules(eu);
    expect(euRules.map((f) => f.ruleId)).not.toContain('document/type-accepted');
    expect(euRules.map((f) => f.message).join('\n')).not.toMatch(/invoicedValue|core-required/);
    expect(rules(ru).map((f) => f.ruleId)).toContain('document/type-accepted');
  });
});

describe('doctypes list', () => {
  it('keeps its columns aligned however long a kind is (e-commerce-declaration)', async () => {
    const run = await runCli(['doctypes', 'list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const rootColumn = (line: string) => line.indexOf(' {') + 1;
    const header = lines[0]!.indexOf('ROOT');
    expect(lines.some((line) => line.includes('e-commerce-declaration'))).toBe(true);
    for (const line of lines.slice(1)) expect(rootColumn(line), line).toBe(header);
  });
});
