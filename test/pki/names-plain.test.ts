import { describe, expect, it } from 'vitest';
import { parseWithPkijs } from '../../src/pki/certificate.js';
import { readPlainName } from '../../src/pki/der-certificate.js';
import { asn1NameToString, nameToString } from '../../src/pki/names.js';
import { knownCertificates } from './helpers.js';

/** Subject and issuer DER of every certificate shipped with corridor or its tests. */
function knownNames(): Uint8Array[] {
  const found = new Map<string, Uint8Array>();
  for (const der of knownCertificates()) {
    let names: Uint8Array[];
    try {
      const cert = parseWithPkijs(der);
      names = [cert.subjectDer, cert.issuerDer];
    } catch {
      continue;
    }
    for (const name of names) found.set(Buffer.from(name).toString('hex'), name);
  }
  return [...found.values()];
}

/** A function's result, or the message of what it throws. */
function outcome<T>(run: () => T): { value: T } | { error: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { error: String(error) };
  }
}

function tlv(tag: number, content: readonly number[]): number[] {
  if (content.length < 128) return [tag, content.length, ...content];
  return [tag, 0x81, content.length, ...content];
}

/** Name { SET { SEQUENCE { 2.5.4.3, value } } } with the value's tag and content. */
function commonName(tag: number, content: readonly number[]): Uint8Array {
  const atv = tlv(0x30, [...tlv(0x06, [0x55, 0x04, 0x03]), ...tlv(tag, content)]);
  return Uint8Array.from(tlv(0x30, tlv(0x31, atv)));
}

const utf8 = (text: string) => [...Buffer.from(text, 'utf8')];

describe('nameToString read straight from the DER', () => {
  it('gives every shipped name the string asn1js gives, damaged names too', () => {
    const names = knownNames();
    expect(names.length).toBeGreaterThan(30);
    let seed = 20261204;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    let plain = 0;
    for (const name of names) {
      if (readPlainName(name)) plain++;
      expect(nameToString(name)).toBe(asn1NameToString(name));
      for (let round = 0; round < 30; round++) {
        let damaged = Uint8Array.from(name);
        const kind = next(3);
        if (kind === 0) damaged[next(damaged.length)] = next(256);
        else if (kind === 1) {
          const at = next(damaged.length);
          damaged[at] = (damaged[at] as number) ^ (1 << next(8));
        } else damaged = damaged.slice(0, next(damaged.length));
        expect(outcome(() => nameToString(damaged))).toEqual(
          outcome(() => asn1NameToString(damaged)),
        );
      }
    }
    // The test PKI's names (PrintableString, UTF8String) take the plain path.
    expect(plain).toBeGreaterThan(names.length / 2);
  });

  it('reads values as asn1js does: UTF-8, BOM, bad UTF-8, Latin-1, escapes, other types', () => {
    const cases = [
      commonName(0x0c, utf8('Пример, ООО "Тест"')),
      commonName(0x0c, utf8('\uFEFFbom')),
      commonName(0x0c, [0x41, 0xc3, 0x28, 0x42]), // invalid UTF-8
      commonName(0x0c, [0xed, 0xa0, 0x80]), // an encoded surrogate
      commonName(0x0c, [0xc0, 0xaf]), // overlong
      commonName(0x13, utf8('#lead and trail ')),
      commonName(0x14, [0x41, 0xe9, 0xff, 0x00]),
      commonName(0x16, utf8('a+b=c;d<e>f\\g')),
      commonName(0x12, utf8('12 34')),
      commonName(0x1a, utf8('visible')),
      commonName(0x1e, [0x04, 0x1f, 0x00, 0x41]), // BMPString
      commonName(0x13, []), // empty
      commonName(0x02, [0x01]), // not a string: #hex
      commonName(0x0c, utf8('x'.repeat(200))),
    ];
    for (const der of cases) expect(nameToString(der)).toBe(asn1NameToString(der));
    expect(nameToString(commonName(0x0c, utf8('Пример, ООО')))).toBe('CN=Пример\\, ООО');
    expect(readPlainName(commonName(0x0c, utf8('Пример')))).toBeDefined();
  });
});
