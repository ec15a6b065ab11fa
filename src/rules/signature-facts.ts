import type { SourceLocation } from '../documents/model.js';
import type { SignatureInfo, SignatureVerification } from '../signature/types.js';
import type { AlgorithmPolicyEntry } from '../profiles/types.js';
import { algorithmByUri } from '../algorithms/registry.js';
import type { RuleContext } from './types.js';
import { matchAlgorithm, policyIdentity, type KeyFacts, type PolicyMatch } from './policy-match.js';
import { signingDayOf } from './signing-day.js';

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

/** The receiver's verdict on each signature's SignatureMethod (a JWS's `alg`). */
export function signatureMethodMatches(context: RuleContext): SignatureMatch[] {
  // A receiver with no list of methods does not restrict them.
  const methods = context.receiver.signature?.methods;
  if (!methods) return [];
  // Five rules ask; receivers sharing a list share the answer: once per document and list.
  const byPolicy = context.memo.table<object, SignatureMatch[]>(METHOD_MATCHES);
  const identity = policyIdentity(methods);
  let matches = byPolicy.get(identity);
  if (matches === undefined) {
    matches = methodMatches(context, methods);
    byPolicy.set(identity, matches);
  }
  return matches;
}

/** The document memo's table of signature-method matches, by accepted-list identity. */
const METHOD_MATCHES = {};

function methodMatches(
  context: RuleContext,
  methods: readonly AlgorithmPolicyEntry[],
): SignatureMatch[] {
  return context.document.signatures.map((signature, index) => {
    const verification = context.verifications[index];
    return {
      index,
      signature,
      verification,
      match: matchAlgorithm(
        signature.signatureMethod,
        signature.format === 'xmldsig' ? methods : withoutXmlNames(methods),
        context.asOf,
        keyFacts(verification),
        signingDayOf(signature, verification).day,
      ),
    };
  });
}

const jwsViews = new WeakMap<readonly AlgorithmPolicyEntry[], AlgorithmPolicyEntry[]>();

/**
 * An entry's `uris` chooses among the XML aliases of one algorithm. A JOSE `alg` is a different
 * naming scheme with one name per algorithm, so the choice says nothing about it: for a JWS the
 * entries apply without `uris` (whether JWS is accepted at all is signature/format-accepted's
 * question). Built once per receiver list.
 */
function withoutXmlNames(methods: readonly AlgorithmPolicyEntry[]): AlgorithmPolicyEntry[] {
  let view = jwsViews.get(methods);
  if (!view) {
    view = methods.map(({ uris: _xmlNames, ...entry }) => entry);
    jwsViews.set(methods, view);
  }
  return view;
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
    // Canonicalization, transforms and Reference digests are XMLDSig notions. A JWS is always
    // JCS-canonicalized and its digest is fixed by its `alg`, which signature/method-accepted
    // judges; checking them against XML URI lists would only produce nonsense findings.
    if (signature.format !== 'xmldsig') continue;
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

/**
 * Where a finding about a signature points: the element `where` names inside ds:Signature
 * (`SignedInfo/SignatureMethod`, `SignedInfo/CanonicalizationMethod`, `SignatureValue`,
 * `KeyInfo`, `X509Certificate`, `Reference[i]/DigestMethod|DigestValue|Transforms`), with its
 * full path as written (prefixes kept) and its own line and column. When the element is absent,
 * the signature itself. A JWS has no such elements (its header is base64url inside one string),
 * so its findings point at the signature member.
 */
export function signatureLocation(signature: SignatureInfo, where?: string): SourceLocation {
  const whole = { path: signature.path, pos: signature.pos };
  const elements = signature.elements;
  if (!where || signature.format !== 'xmldsig') return whole;
  // A signature built in memory (tests, other readers) has no element positions.
  if (!elements) return { path: `${signature.path}/${where}`, pos: signature.pos };
  // Asked for every finding of every pair: the pattern only for the Reference forms.
  const reference = where.startsWith('Reference[')
    ? /^Reference\[(\d+)\]\/(DigestMethod|DigestValue|Transforms)$/.exec(where)
    : null;
  if (reference) {
    const parts = elements.references[Number(reference[1]) - 1];
    const part = reference[2] as 'DigestMethod' | 'DigestValue' | 'Transforms';
    const key =
      part === 'DigestMethod'
        ? 'digestMethod'
        : part === 'DigestValue'
          ? 'digestValue'
          : 'transforms';
    return parts?.[key] ?? parts?.reference ?? whole;
  }
  const found =
    where === 'SignedInfo/SignatureMethod'
      ? elements.signatureMethod
      : where === 'SignedInfo/CanonicalizationMethod'
        ? elements.canonicalizationMethod
        : where === 'SignatureValue'
          ? elements.signatureValue
          : where === 'KeyInfo'
            ? elements.keyInfo
            : where === 'X509Certificate'
              ? (elements.x509Certificate ?? elements.keyInfo)
              : undefined;
  return found ?? whole;
}
