import { bigintToBytes, bytesToBigint, decodeDerRs, type RsPair } from '../sm2/der-signature.js';

/**
 * ECDSA SignatureValues that other stacks write off the XMLDSig layout (RFC 9231 §2.3.6: r‖s,
 * each exactly the size of the group order): DER `SEQUENCE { r, s }` (X.509 habit), or r‖s
 * with halves trimmed of leading zeros or zero-padded (older Java, xmlsec's
 * `enveloped-ecdsa-java-bug`). Returns the standard r‖s and a description of the deviation;
 * undefined when the value is the standard layout already or cannot be read either way.
 * The caller verifies the result and reports the deviation: it is never silently valid.
 */
export function lenientEcdsaRs(
  signature: Uint8Array,
  orderBits: number,
): { rs: Uint8Array; layout: string } | undefined {
  const size = Math.ceil(orderBits / 8);
  if (size === 0 || signature.length === 2 * size) return undefined;
  const der = decodeDerRs(signature);
  if (der) {
    const rs = fixed(der, size);
    return rs && { rs, layout: 'DER SEQUENCE { r, s } instead of r‖s' };
  }
  if (signature.length % 2 !== 0 || signature.length === 0) return undefined;
  const half = signature.length / 2;
  const rs = fixed(
    { r: bytesToBigint(signature.subarray(0, half)), s: bytesToBigint(signature.subarray(half)) },
    size,
  );
  return (
    rs && {
      rs,
      layout: `r‖s of ${signature.length} octets instead of ${2 * size} for a ${orderBits}-bit curve`,
    }
  );
}

function fixed({ r, s }: RsPair, size: number): Uint8Array | undefined {
  try {
    const out = new Uint8Array(2 * size);
    out.set(bigintToBytes(r, size), 0);
    out.set(bigintToBytes(s, size), size);
    return out;
  } catch {
    return undefined; // a half longer than the curve allows
  }
}
