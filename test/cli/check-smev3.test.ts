/**
 * `corridor check` on SMEV 3 messages (issue #12): a real one, signed by software nobody on
 * this project wrote (test/vectors/smev3), whose payload is a Rosreestr request — no customs
 * document type — and the shipped SMEV 3-style fixture carrying an ESADout_CU.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const path = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

interface CheckJson {
  documents: Array<{ documentType: string; sender: string }>;
  pairs: Array<{
    receiver: string;
    status: string;
    findings: Array<{
      ruleId: string;
      severity: string;
      message: string;
      location?: { path: string; line?: number };
    }>;
  }>;
}

async function check(file: string): Promise<CheckJson> {
  const run = await runCli([
    'check',
    path(file),
    '--to',
    'RU',
    '--as-of',
    '2026-12-01',
    '-f',
    'json',
  ]);
  return JSON.parse(run.stdout) as CheckJson;
}

describe('check on SMEV 3 messages', () => {
  it('a real SMEV 3 request: the unknown type named is its payload’s, not the envelope’s; its signature covers that payload', async () => {
    const result = await check('test/vectors/smev3/send-request-request-1.1-rosreestr.xml');
    const [pair] = result.pairs;
    const unknown = pair?.findings.find((f) => f.ruleId === 'document/readable');
    expect(unknown?.message).toContain(
      'root element {urn://x-artefacts-rosreestr-gov-ru/virtual-services/egrn-statement/1.1.2}Request inside soap11-envelope → ru-smev3-message',
    );
    expect(unknown?.message).not.toContain('}Envelope');
    expect(unknown?.location).toMatchObject({
      path: '/SOAP-ENV:Envelope/SOAP-ENV:Body/ns3:SendRequestRequest/ns3:SenderProvidedRequestData/MessagePrimaryContent/req:Request',
      line: 6,
    });
    const rules = new Set(pair?.findings.map((f) => f.ruleId));
    // The caller's GOST 2012 signature verifies; over SenderProvidedRequestData it covers the
    // whole payload, so RU's scope "document" is met. Its 2020 certificate has expired.
    expect(rules.has('signature/valid')).toBe(false);
    expect(rules.has('signature/unsigned-content')).toBe(false);
    expect(rules.has('signature/certificate-validity')).toBe(true);
  });

  it('the SMEV 3-style fixture: RU is evaluated on the ESADout_CU payload and accepts it', async () => {
    const result = await check('fixtures/documents/RU/esadout-cu-smev3.xml');
    expect(result.documents[0]).toMatchObject({
      documentType: 'customs-declaration',
      sender: 'RU',
    });
    const [pair] = result.pairs;
    expect(pair).toMatchObject({ receiver: 'RU', status: 'ok' });
    // Only information: the FTS schema is not shipped.
    expect(pair?.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual([
      'info document/schema-valid',
    ]);
  });
});
