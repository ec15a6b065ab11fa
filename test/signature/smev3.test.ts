/**
 * The SMEV 3 transform (`urn://smev-gov-ru/xmldsig/transform`) against real SMEV 3 messages
 * signed by other software (test/vectors/smev3/README.md): requests signed by their senders and
 * responses signed by SMEV itself verify through `corridor verify`, with GOST R 34.10-2012, and
 * any change to the signed element breaks them. The rule-level checks below follow the
 * methodological recommendations' list, as the public Java implementation applies it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smevTransform } from '../../src/signature/smev-transform.js';
import { parseXml } from '../../src/xml/parse.js';
import { runCli } from '../helpers/cli.js';
import { scratchFile } from '../helpers/xmlsec1.js';

const DIR = join(import.meta.dirname, '../vectors/smev3');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.xml'));

interface VerifyJson {
  results: Array<{
    signatures: Array<{
      valid: boolean | null;
      signatureMethod: string;
      scope?: { kind: string; paths: string[] };
      problems: Array<{ ruleId: string }>;
    }>;
  }>;
}

async function verify(path: string): Promise<VerifyJson['results'][number]['signatures']> {
  const run = await runCli(['verify', path, '--format', 'json']);
  return (JSON.parse(run.stdout) as VerifyJson).results[0]?.signatures ?? [];
}

describe('real SMEV 3 messages', () => {
  it('are all here: requests, acknowledgements, and SMEV-signed responses', () => {
    expect(FILES.length).toBe(6); // with send-request-response.xml, added for #13
  });

  it.each(FILES)(
    '%s: every GOST R 34.10-2012 signature verifies, over the element it names',
    async (file) => {
      const signatures = await verify(join(DIR, file));
      expect(signatures.length).toBeGreaterThan(0);
      for (const signature of signatures) {
        expect(signature.problems).toEqual([]);
        expect(signature.valid).toBe(true);
        expect(signature.signatureMethod).toBe(
          'urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256',
        );
        // SMEV signs the payload by Id, not the envelope.
        expect(signature.scope?.kind).toBe('elements');
      }
    },
  );

  it.each(FILES)('%s: one changed character in a signed element breaks it', async (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    // The first letter or digit of text inside the element signed by Id.
    const start = text.indexOf('Id="SIGNED_BY_');
    const at = /(>[^<]*?)([0-9a-zA-Z])/g;
    at.lastIndex = start;
    const hit = at.exec(text);
    if (!hit?.[2]) throw new Error('no text in the signed element');
    const index = hit.index + (hit[1] ?? '').length;
    const changed = `${text.slice(0, index)}${hit[2] === '0' ? '1' : '0'}${text.slice(index + 1)}`;
    expect(changed).not.toBe(text);
    const signatures = await verify(scratchFile('smev-changed.xml', changed));
    expect(signatures.some((s) => s.valid === false)).toBe(true);
  });
});

describe('the SMEV transform, rule by rule', () => {
  const transform = (xml: string) => new TextDecoder().decode(smevTransform(parseXml(xml)));

  it('renames prefixes ns1, ns2… in order of first use and drops unused declarations', () => {
    expect(
      transform(
        '<a:root xmlns:a="urn:a" xmlns:b="urn:b" xmlns:unused="urn:u"><b:x>1</b:x><b:y>2</b:y></a:root>',
      ),
    ).toBe(
      '<ns1:root xmlns:ns1="urn:a"><ns2:x xmlns:ns2="urn:b">1</ns2:x><ns3:y xmlns:ns3="urn:b">2</ns3:y></ns1:root>',
    );
  });

  it('drops whitespace-only text, writes empty elements as start and end tags', () => {
    expect(transform('<r xmlns="urn:r">\n  <e/>\n  <t> x </t>\n</r>')).toBe(
      '<ns1:r xmlns:ns1="urn:r"><ns1:e></ns1:e><ns1:t> x </ns1:t></ns1:r>',
    );
  });

  it('puts qualified attributes first (namespace URI, then local name), unqualified after, declarations before attributes', () => {
    expect(
      transform('<r xmlns="urn:r" xmlns:z="urn:z" xmlns:a="urn:a" b="2" z:k="3" a:m="4" a="1"/>'),
    ).toBe(
      '<ns1:r xmlns:ns1="urn:r" xmlns:ns2="urn:a" xmlns:ns3="urn:z" ns2:m="4" ns3:k="3" a="1" b="2"></ns1:r>',
    );
  });

  it('escapes text and attribute values as the reference (StAX) writer does', () => {
    expect(transform('<r xmlns="urn:r" v="&quot;&lt;&amp;&gt;">a &lt; b &amp; c &gt; d</r>')).toBe(
      '<ns1:r xmlns:ns1="urn:r" v="&quot;&lt;&amp;&gt;">a &lt; b &amp; c &gt; d</ns1:r>',
    );
  });
});
