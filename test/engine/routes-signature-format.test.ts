import { describe, expect, it } from 'vitest';
import { attachRoutes } from '../../src/engine/routes.js';
import { buildCells } from '../../src/engine/cells.js';
import type { Finding, PairResult } from '../../src/engine/types.js';
import type { ProfileSet } from '../../src/profiles/load.js';
import { profile } from '../rules/builders.js';

/**
 * AA → RR fails on a signature finding; GW serves AA, takes its documents and re-signs with
 * RSA-SHA256, which RR accepts. Whether the gateway route exists depends on which finding.
 */
const receiver = profile({ id: 'RR', signature: { methods: [{ algorithm: 'rsa-sha256' }] } });
const gateway = profile({
  id: 'GW',
  kind: 'gateway',
  gateway: { serves: ['AA'], reissues: [{ algorithm: 'rsa-sha256' }] },
});
const profiles: ProfileSet = {
  dir: '/profiles',
  profiles: new Map([
    ['RR', receiver],
    ['GW', gateway],
  ]),
};

function routeOf(ruleId: string) {
  const finding: Finding = {
    ruleId,
    severity: 'error',
    messageId: 'm',
    message: 'm',
    location: { file: 'decl.json', path: '/signature' },
    sender: 'AA',
    receiver: 'RR',
    document: 'decl.json',
  };
  const pair: PairResult = {
    document: 'decl.json',
    documentType: 'customs-declaration',
    sender: 'AA',
    receiver: 'RR',
    status: 'fail',
    findings: [finding],
  };
  const hop: PairResult = { ...pair, receiver: 'GW', status: 'ok', findings: [] };
  const cells = buildCells([pair, hop]);
  const routed = attachRoutes(cells, profiles, new Date('2026-06-01T00:00:00Z'));
  return routed.find((c) => c.receiver === 'RR')?.route;
}

describe('gateway routes and signature formats', () => {
  it('a refused algorithm is what a re-signing gateway fixes', () => {
    expect(routeOf('signature/method-accepted')).toBe('gateway');
  });

  it('a refused signature syntax is not: the gateway re-signs in the document’s own syntax', () => {
    expect(routeOf('signature/format-accepted')).toBe('none');
  });
});
