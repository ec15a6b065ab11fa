import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baselineStage } from '../../src/engine/baseline.js';
import { PairSpool, pairLine } from '../../src/engine/pair-spool.js';
import { run } from '../../src/engine/run.js';
import { eachPair, totalsOf, type PairResult } from '../../src/engine/types.js';
import { formatters, getFormatter } from '../../src/report/all.js';
import { formatToString } from '../../src/report/index.js';
import { generatedCorpus, generatedMatrixOptions } from '../helpers/generated-corpus.js';

describe('a run that spools its pairs to a temporary file', () => {
  const { out } = generatedCorpus();
  const options = generatedMatrixOptions();
  const context = { rules: [], color: false, cwd: out };

  it('writes every format byte for byte as a run that keeps its pairs, and removes its files', () => {
    const kept = run(options);
    const spooled = run({ ...options, spoolPairs: true });
    const spool = spooled.spool!;
    try {
      expect(spooled.pairs).toEqual([]);
      expect(spool.count).toBe(kept.pairs.length);
      expect([...eachPair(spooled)]).toEqual(kept.pairs);
      expect(spooled.cells).toEqual(kept.cells);
      expect(spooled.totals).toEqual(totalsOf(kept));
      for (const kind of ['matrix', 'check'] as const)
        for (const formatter of formatters) {
          const written = formatToString(formatter, { ...spooled, kind }, context);
          expect(written, `${kind} ${formatter.id}`).toBe(
            formatToString(formatter, { ...kept, kind }, context),
          );
        }
    } finally {
      spool.dispose();
    }
    expect(existsSync(spool.dir)).toBe(false);
  });

  it('is not split by cell for the formats that walk its pairs in order', () => {
    const spooled = run({ ...options, spoolPairs: true });
    const spool = spooled.spool!;
    try {
      for (const id of ['csv', 'sarif', 'github', 'json']) {
        formatToString(getFormatter(id)!, spooled, context);
        expect(readdirSync(spool.dir), id).toEqual(['pairs.json']);
      }
      // A format that prints cells splits it.
      formatToString(getFormatter('junit')!, spooled, context);
      expect(readdirSync(spool.dir).length).toBeGreaterThan(1);
    } finally {
      spool.dispose();
    }
  });

  it('judges each pair as it passes (rule levels, then the baseline), the same in memory', () => {
    const kept = run(options);
    const someError = kept.pairs.flatMap((p) => p.findings).find((f) => f.severity === 'error')!;
    const ruleLevels = { [someError.ruleId]: 'warning' as const };
    const known = kept.pairs.find((p) => p.findings.some((f) => f.severity === 'warning'))!;
    const baseline = {
      file: `${out}/baseline.json`,
      dir: out,
      entries: [
        ...known.findings
          .filter((f) => f.severity !== 'info')
          .map((f) => ({
            ruleId: f.ruleId,
            sender: f.sender,
            receiver: f.receiver,
            document: f.document.startsWith(`${out}/`)
              ? f.document.slice(out.length + 1)
              : f.document,
            ...(f.location.path ? { path: f.location.path } : {}),
            count: 1,
          })),
        // Never produced: stale in a complete run.
        { ruleId: 'signature/valid', sender: 'XX', receiver: 'YY', document: 'gone.xml', count: 1 },
      ],
    };
    const spooled = run({
      ...options,
      ruleLevels,
      spoolPairs: true,
      stages: [baselineStage(baseline, { complete: true })],
    });
    try {
      const pairs: PairResult[] = [...eachPair(spooled)];
      expect(pairs.flatMap((p) => p.findings).some((f) => f.ruleId === someError.ruleId)).toBe(
        true,
      );
      for (const pair of pairs)
        for (const finding of pair.findings)
          if (finding.ruleId === someError.ruleId) expect(finding.severity).not.toBe('error');
      expect(spooled.baseline?.suppressed).toBeGreaterThan(0);
      expect(spooled.baseline?.stale.map((e) => e.document)).toContain('gone.xml');
      const after = pairs.find(
        (p) => p.document === known.document && p.receiver === known.receiver,
      )!;
      expect(after.findings.length).toBeLessThan(known.findings.length);
      expect(spooled.totals?.findings.error).toBeLessThan(totalsOf(kept).findings.error);
      // The same stages on a run that keeps its pairs: the same pairs, cells and outcome.
      const inMemory = run({
        ...options,
        ruleLevels,
        stages: [baselineStage(baseline, { complete: true })],
      });
      expect(pairs).toEqual(inMemory.pairs);
      expect(spooled.cells).toEqual(inMemory.cells);
      expect(spooled.baseline).toEqual(inMemory.baseline);
    } finally {
      spooled.spool?.dispose();
    }
  });
});

describe('the pair spool', () => {
  // Messages that quote what separates records in the file (escaped there: JSON strings hold no
  // raw newline), and records longer than one read, so a boundary falls across two reads.
  const pairs: PairResult[] = Array.from({ length: 40 }, (_, n) => ({
    document: `d${n}.xml`,
    documentType: 'licence',
    sender: n % 3 === 0 ? 'EU' : 'RU',
    receiver: n % 2 === 0 ? 'KZ' : 'CN',
    status: n % 4 === 0 ? 'fail' : 'ok',
    findings:
      n % 4 === 0
        ? [
            {
              ruleId: 'document/receiver-rules',
              severity: 'error',
              messageId: 'x',
              message: `quoted ",\n    {" and },\n    { ${'é'.repeat(n * 1500)}`,
              location: { file: `d${n}.xml` },
              sender: 'EU',
              receiver: 'KZ',
              document: `d${n}.xml`,
            },
          ]
        : [],
  }));

  /** Every cell the pairs above fall in. */
  const CELLS = [
    ['EU', 'KZ'],
    ['EU', 'CN'],
    ['RU', 'KZ'],
    ['RU', 'CN'],
  ] as const;

  it('gives back every pair, whole cells, and the JSON report of the pairs it holds', () => {
    const spool = new PairSpool();
    try {
      for (const pair of pairs) spool.add(pair);
      expect([...spool]).toEqual(pairs);
      expect([...spool.cell('EU', 'KZ')]).toEqual(
        pairs.filter((p) => p.sender === 'EU' && p.receiver === 'KZ'),
      );
      expect(spool.cell('EU', 'KZ').stats.failing).toBe(4); // n = 0, 12, 24, 36
      expect([...spool.cell('XX', 'KZ')]).toEqual([]);
      const result = {
        kind: 'matrix' as const,
        tool: { name: 'corridor' as const, version: '0' },
        asOf: '2026-12-01',
        profiles: [],
        profileVersions: {},
        documents: [],
        cells: [],
        pairs,
      };
      const json = getFormatter('json')!;
      const context = { rules: [], color: false };
      const written = formatToString(json, { ...result, pairs: [], spool }, context);
      expect(written).toBe(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      spool.dispose();
    }
  });

  it('is split by cell on the first read of a cell, not when a cell is named', () => {
    const spool = new PairSpool();
    try {
      for (const pair of pairs) spool.add(pair);
      const cell = spool.cell('EU', 'KZ');
      expect(readdirSync(spool.dir)).toEqual(['pairs.json']);
      expect(cell.stats.count).toBe(7); // n = 0, 6, 12, …, 36
      expect(readdirSync(spool.dir).length).toBe(5); // the spool and its 4 cells
    } finally {
      spool.dispose();
    }
  });

  it('splits itself in the pass a scan of every pair makes, even when the scan stops early', () => {
    const inCell = (sender: string, receiver: string) =>
      pairs.filter((p) => p.sender === sender && p.receiver === receiver);
    const whole = new PairSpool();
    const early = new PairSpool();
    try {
      for (const pair of pairs) {
        whole.add(pair);
        early.add(pair);
      }
      expect(whole.scanSplitting((all) => [...all])).toEqual(pairs);
      expect(readdirSync(whole.dir).length).toBe(5);
      expect([...whole.cell('RU', 'CN')]).toEqual(inCell('RU', 'CN'));
      // Split already: the scan is a pass of its own.
      expect(whole.scanSplitting((all) => [...all].length)).toBe(pairs.length);
      const first = early.scanSplitting((all) => {
        for (const pair of all) return pair;
        return undefined;
      });
      expect(first).toEqual(pairs[0]);
      for (const [sender, receiver] of CELLS)
        expect([...early.cell(sender, receiver)]).toEqual(inCell(sender, receiver));
      expect(early.cell('EU', 'KZ').stats.failing).toBe(4);
    } finally {
      whole.dispose();
      early.dispose();
    }
  });

  it('finds a record boundary that straddles two reads, at every offset', () => {
    // The spool is read 64 KiB at a time: the first pair's line is sized so that the boundary
    // after it (",\n    {", 7 bytes) starts 0 to 7 bytes before the end of the first read.
    const base = pairs[4]!;
    const withMessage = (message: string): PairResult => ({
      ...base,
      findings: [{ ...base.findings[0]!, message }],
    });
    const unit = Buffer.byteLength(pairLine(withMessage('')));
    for (let before = 0; before <= 7; before++) {
      const first = withMessage('x'.repeat(65536 - before - unit));
      expect(Buffer.byteLength(pairLine(first))).toBe(65536 - before);
      const spool = new PairSpool();
      try {
        for (const pair of [first, pairs[1]!, first]) spool.add(pair);
        expect([...spool], `${before}`).toEqual([first, pairs[1], first]);
      } finally {
        spool.dispose();
      }
    }
  });

  it('writes an empty pairs array when it holds none', () => {
    const spool = new PairSpool();
    try {
      expect([...spool]).toEqual([]);
      const out: string[] = [];
      expect(spool.writeJsonAt({ write: (chunk) => out.push(chunk) }, '  ')).toBe(true);
      expect(out.join('')).toBe('[]');
    } finally {
      spool.dispose();
    }
  });

  it('splits records of any size by cell, in order, a record past its staging buffer too', () => {
    // 400,000 UTF-16 units: up to 1.2 MB of UTF-8, more than the split gathers before a write.
    const big: PairResult = {
      ...pairs[0]!,
      document: 'big.xml',
      findings: [{ ...pairs[0]!.findings[0]!, message: 'ж'.repeat(400_000) }],
    };
    const all = [...pairs, big, ...pairs, big];
    const spool = new PairSpool();
    try {
      for (const pair of all) spool.add(pair);
      for (const [sender, receiver] of CELLS)
        expect([...spool.cell(sender, receiver)], `${sender} ${receiver}`).toEqual(
          all.filter((p) => p.sender === sender && p.receiver === receiver),
        );
    } finally {
      spool.dispose();
    }
  });

  it('copies its file to a byte sink unchanged, records larger than its buffers included', () => {
    // One record of 300,000 UTF-16 units (600 KB of UTF-8): past the write buffer and several
    // reads; multi-byte characters fall across the read boundaries.
    const big: PairResult = {
      ...pairs[0]!,
      document: 'big.xml',
      findings: [{ ...pairs[0]!.findings[0]!, message: 'ж'.repeat(300_000) }],
    };
    const spool = new PairSpool();
    try {
      for (const pair of [...pairs, big, ...pairs]) spool.add(pair);
      const text: string[] = [];
      expect(spool.writeJsonAt({ write: (chunk) => text.push(chunk) }, '  ')).toBe(true);
      const bytes: Buffer[] = [];
      const byteSink = {
        write: (chunk: string) => bytes.push(Buffer.from(chunk)),
        // The spool reuses its buffer once the call returns: a sink keeps a copy.
        writeBytes: (chunk: Uint8Array) => bytes.push(Buffer.from(chunk)),
      };
      expect(spool.writeJsonAt(byteSink, '  ')).toBe(true);
      expect(Buffer.concat(bytes).toString('utf8')).toBe(text.join(''));
      expect(JSON.parse(text.join(''))).toEqual([...pairs, big, ...pairs]);
    } finally {
      spool.dispose();
    }
  });
});
