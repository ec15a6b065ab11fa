import * as asn1js from 'asn1js';
import { KeyFormatError } from './errors.js';
import { bytesToBigint } from './sm2/der-signature.js';

function oidOf(block: asn1js.AsnType | undefined): string | undefined {
  return block instanceof asn1js.ObjectIdentifier ? block.valueBlock.toString() : undefined;
}

/** SEC1 ECPrivateKey: SEQUENCE { 1, OCTET STRING d, [0] curve OID?, [1] public key? }. */
export function parseEcPrivateKey(der: Uint8Array): { d: bigint; curveOid?: string } {
  const parsed = asn1js.fromBER(der);
  const seq = parsed.result;
  if (parsed.offset !== der.length || !(seq instanceof asn1js.Sequence)) {
    throw new KeyFormatError('EC private key: not a DER SEQUENCE');
  }
  const [, d, ...rest] = seq.valueBlock.value;
  if (!(d instanceof asn1js.OctetString)) throw new KeyFormatError('EC private key: no scalar');
  let curveOid: string | undefined;
  for (const field of rest) {
    if (field.idBlock.tagClass === 3 && field.idBlock.tagNumber === 0) {
      curveOid = oidOf((field as asn1js.Constructed).valueBlock.value[0]);
    }
  }
  return { d: bytesToBigint(d.valueBlock.valueHexView), ...(curveOid ? { curveOid } : {}) };
}
