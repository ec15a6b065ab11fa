import type { SignatureInfo, SignatureVerification } from '../signature/types.js';
import type { AlgorithmPolicyEntry } from '../profiles/types.js';
import { algorithmByUri } from '../algorithms/registry.js';
import type { RuleContext } from './types.js';
import { matchAlgorithm, type KeyFacts, type PolicyMatch } from './policy-match.js';

export interface SignatureMatch {
  index: number;
  signature: SignatureInfo;
  verification?: SignatureVerification;
  match: PolicyMatch;
}

export function keyFacts(verification: SignatureVerification | undefined): KeyFacts {
  const signer = verification?.signer;
  if (!signer || signer.keyBits === 0) return {};
  return { bits: signer.keyBits, curveOid: signer.curveOid, curveName: signer.curve };
}

/** The receiver's verdict on each signature's SignatureMethod. */
export function signatureMethodMatches(context: RuleContext): SignatureMatch[] {
  // A receiver with no list of methods does not restrict them.
  if (!context.receiver.signature?.methods) return [];
  return context.document.signatures.map((signature, index) => {
    const verification = context.verifications[index];
    return {
      index,
      signature,
      verification,
      match: matchAlgorithm(
        signature.signatureMethod,
        context.receiver.signature?.methods,
        context.asOf,
        keyFacts(verification),
      ),
    };
  });
}

export interface UriUse {
  uri: string;
  signature: SignatureInfo;
  /** Where the URI is used, for the finding's location. */
  where: string;
}

/** Every algorithm URI of one kind used by the document's signatures, with where it is. */
export function usedUris(
  context: RuleContext,
  kind: 'digest' | 'canonicalization' | 'transform',
): UriUse[] {
  const uses: UriUse[] = [];
  for (const signature of context.document.signatures) {
    if (kind === 'canonicalization') {
      uses.push({
        uri: signature.canonicalizationMethod,
        signature,
        where: 'SignedInfo/CanonicalizationMethod',
      });
    }
    signature.references.forEach((reference, i) => {
      const ref = `Reference[${i + 1}]`;
      if (kind === 'digest')
        uses.push({ uri: reference.digestMethod, signature, where: `${ref}/DigestMethod` });
      if (kind === 'transform' || kind === 'canonicalization') {
        for (const transform of reference.transforms) {
          const isC14n = algorithmByUri(transform)?.kind === 'canonicalization';
          if ((kind === 'canonicalization') === isC14n) {
            uses.push({ uri: transform, signature, where: `${ref}/Transforms` });
          }
        }
      }
    });
  }
  return uses;
}

export function policyFor(
  context: RuleContext,
  kind: 'digest' | 'canonicalization' | 'transform',
): readonly AlgorithmPolicyEntry[] | undefined {
  const policy = context.receiver.signature;
  if (kind === 'digest') return policy?.digests;
  if (kind === 'canonicalization') return policy?.canonicalizations;
  return policy?.transforms;
}

export function signatureLocation(signature: SignatureInfo, where?: string) {
  return { path: where ? `${signature.path}/${where}` : signature.path, pos: signature.pos };
}
