import * as asn1js from 'asn1js';
import { beltKeyUnwrap } from '../crypto/belt/key-wrap.js';
import { beltPbkdf2 } from '../crypto/belt/pbkdf2.js';
import { KeyFormatError } from '../crypto/errors.js';

/**
 * Belarusian password-protected private keys (STB 34.101.78, as bee2's bpki and bee2evp write
 * them): EncryptedPrivateKeyInfo with PBES2, PBKDF2 over hmac-hbelt, and belt-kwp256 key
 * wrapping with a zero header. OpenSSL without the bee2evp engine cannot open these, so they
 * are decrypted here; every other EncryptedPrivateKeyInfo is left to Node.
 */
const OIDS = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacHbelt: '1.2.112.0.2.0.34.101.47.12',
  beltKwp256: '1.2.112.0.2.0.34.101.31.73',
} as const;

function seq(node: asn1js.AsnType | undefined): asn1js.AsnType[] | undefined {
  return node instanceof asn1js.Sequence ? node.valueBlock.value : undefined;
}

function oid(node: asn1js.AsnType | undefined): string | undefined {
  return node instanceof asn1js.ObjectIdentifier ? node.valueBlock.toString() : undefined;
}

/** A DER INTEGER's value when it is a non-negative safe integer, else NaN (refused later). */
function positiveInteger(bytes: Uint8Array): number {
  if (bytes.length === 0 || bytes.length > 6 || ((bytes[0] as number) & 0x80) !== 0) return NaN;
  return bytes.reduce((value, b) => value * 256 + b, 0);
}

function fail(message: string): never {
  throw new KeyFormatError(`encrypted bign private key: ${message}`);
}

/**
 * The PKCS#8 DER inside a belt-protected EncryptedPrivateKeyInfo; undefined when `der` uses
 * another protection scheme. Throws KeyFormatError for a wrong passphrase or a malformed
 * container of this scheme.
 */
export function decryptBeltPrivateKey(der: Uint8Array, passphrase: string): Uint8Array | undefined {
  const parsed = asn1js.fromBER(der);
  const [algorithm, data] = seq(parsed.result) ?? [];
  const [schemeOid, params] = seq(algorithm) ?? [];
  if (oid(schemeOid) !== OIDS.pbes2) return undefined;
  const [kdf, encryption] = seq(params) ?? [];
  const [kdfOid, kdfParams] = seq(kdf) ?? [];
  const [encryptionOid] = seq(encryption) ?? [];
  if (oid(encryptionOid) !== OIDS.beltKwp256) return undefined;
  if (parsed.offset !== der.length || !(data instanceof asn1js.OctetString)) {
    fail('not a DER EncryptedPrivateKeyInfo');
  }
  if (oid(kdfOid) !== OIDS.pbkdf2) fail('key derivation is not PBKDF2');
  const fields = seq(kdfParams) ?? fail('PBKDF2 parameters missing');
  const [salt, count, ...rest] = fields;
  if (!(salt instanceof asn1js.OctetString) || !(count instanceof asn1js.Integer)) {
    fail('PBKDF2 salt or iteration count missing');
  }
  const prf = rest.find((f) => f instanceof asn1js.Sequence);
  if (oid(seq(prf)?.[0]) !== OIDS.hmacHbelt)
    fail('PBKDF2 pseudo-random function is not hmac-hbelt');
  const iterations = positiveInteger(count.valueBlock.valueHexView);
  let key: Uint8Array;
  try {
    key = beltPbkdf2(
      new TextEncoder().encode(passphrase),
      new Uint8Array(salt.valueBlock.valueHexView),
      iterations,
    );
  } catch (error) {
    fail((error as Error).message);
  }
  const plain = beltKeyUnwrap(key, new Uint8Array(data.valueBlock.valueHexView));
  if (!plain) fail('wrong passphrase or damaged key (belt-kwp integrity check failed)');
  return plain;
}
