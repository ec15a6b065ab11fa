import { describe, expect, it } from 'vitest';
import { loadProfiles, ProfileError } from '../../src/profiles/load.js';
import { loadProfileDescriptions } from '../../src/profiles/read.js';
import { runCli } from '../helpers/cli.js';
import { tempTree } from '../helpers/tmp.js';

/**
 * `profiles list` and `profiles show` skip parsing trust anchors as certificates (the parser
 * alone costs ~200 ms of start-up); every other command, and `profiles lint`, still refuses a
 * PEM whose content is not a certificate. A missing or non-PEM anchor stops every command.
 */
const pem = (der: Buffer) =>
  `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;

const withAnchor = (anchor: string) =>
  tempTree({
    'AA.json': {
      id: 'AA',
      name: 'Alpha',
      kind: 'jurisdiction',
      version: '1',
      signature: { trustAnchors: [{ file: 'anchors/a.pem' }] },
    },
    'anchors/a.pem': anchor,
  });

// A DER SEQUENCE holding one INTEGER: well-formed ASN.1, not a certificate.
const notACertificate = withAnchor(pem(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x05])));

describe('trust anchors: parsed where a command uses them', () => {
  it('loadProfiles refuses an anchor that is not a certificate, with file and pointer', () => {
    let problems: string[] = [];
    try {
      loadProfiles(notACertificate);
    } catch (error) {
      if (!(error instanceof ProfileError)) throw error;
      problems = error.problems.map((p) => `${p.file.split('/').pop()}#${p.pointer}`);
    }
    expect(problems).toEqual(['AA.json#/signature/trustAnchors']);
  });

  it('profile descriptions load without parsing it', () => {
    const set = loadProfileDescriptions(notACertificate);
    expect(set.profiles.get('AA')?.anchors).toHaveLength(1);
  });

  it('a missing or non-PEM anchor still stops the descriptions too', () => {
    expect(() => loadProfileDescriptions(withAnchor('not a PEM file'))).toThrow(
      /trustAnchors\/0\/file: trust anchor file not found or unreadable: a\.pem/,
    );
  });

  it('the CLI: list and show answer, lint and matrix exit 2 naming the anchor', async () => {
    const list = await runCli(['profiles', 'list', '--profiles', notACertificate]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^AA\s+jurisdiction/m);
    expect((await runCli(['profiles', 'show', 'AA', '--profiles', notACertificate])).code).toBe(0);

    const lint = await runCli(['profiles', 'lint', notACertificate]);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toMatch(/AA\.json#\/signature\/trustAnchors: .*a\.pem/);
    const matrix = await runCli(['matrix', '--profiles', notACertificate]);
    expect(matrix.code).toBe(2);
    expect(matrix.stderr).toMatch(/AA\.json#\/signature\/trustAnchors/);
  });
});
