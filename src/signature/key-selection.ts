import type { XmlElement } from '../xml/dom.js';
import type { KeyFamily, PublicKey } from '../crypto/types.js';
import { certificateFacts, cachedPublicKey, type CertificateFacts } from './key-cache.js';
import { keyValueSpki } from './key-value.js';
import { problem, XMLDSIG_RULES } from './problems.js';
import type {
  SignatureInfo,
  SignatureProblem,
  SignatureVerification,
  SignerSummary,
} from './types.js';

/** A key given by the caller (a `--key` file); `names` are matched against ds:KeyName. */
export interface ExplicitKey {
  key: PublicKey;
  names?: readonly string[];
}

export interface KeyChoice {
  /** Keys to try, best first; a signature is valid when one of them verifies it. */
  candidates: Array<{ key: PublicKey; signer: SignerSummary }>;
  keySource: SignatureVerification['keySource'];
  /** KeyInfo certificates, leaf first. */
  certificateChain: Uint8Array[];
  problems: SignatureProblem[];
}

/**
 * Chooses the verification key. Explicit keys win (the caller decides whom to believe);
 * otherwise the KeyInfo certificate whose key fits the method and that issued no other
 * certificate in the set (the leaf); otherwise a bare KeyValue, flagged because it proves
 * only that the document was not changed, not who signed it.
 */
export function chooseKey(
  info: SignatureInfo,
  keyInfo: XmlElement | undefined,
  family: KeyFamily | undefined,
  explicit: readonly ExplicitKey[] | undefined,
): KeyChoice {
  const problems: SignatureProblem[] = [];
  const certificates: CertificateFacts[] = [];
  for (const der of info.keyInfo.certificates) {
    const facts = certificateFacts(der);
    if ('error' in facts) {
      problems.push(
        problem(XMLDSIG_RULES.badCertificate, `unreadable X509Certificate: ${facts.error}`),
      );
    } else {
      certificates.push(facts);
    }
  }
  const leaf = pickLeaf(certificates, family);
  const certificateChain = orderChain(certificates, leaf).map((c) => c.der);

  if (explicit && explicit.length > 0) {
    return {
      candidates: rankExplicit(explicit, info, certificates, family).map((key) => ({
        key,
        signer:
          certificates.find((c) => sameBytes(c.key.spki, key.spki))?.signer ?? keySummary(key),
      })),
      keySource: 'key-file',
      certificateChain,
      problems,
    };
  }
  if (leaf) {
    return {
      candidates: [{ key: leaf.key, signer: leaf.signer }],
      keySource: 'x509',
      certificateChain,
      problems,
    };
  }
  if (certificates.length > 0 && family) {
    problems.push(
      problem(
        XMLDSIG_RULES.keyMismatch,
        `no KeyInfo certificate holds a ${family} key for this SignatureMethod`,
      ),
    );
  }
  const value = keyInfo && keyValueSpki(keyInfo);
  if (value && 'spki' in value) {
    const key = cachedPublicKey(value.spki);
    if ('error' in key) {
      problems.push(problem(XMLDSIG_RULES.badKeyValue, `unusable KeyValue: ${key.error}`));
    } else {
      problems.push(
        problem(
          XMLDSIG_RULES.keyValueOnly,
          'verified with the bare KeyValue in the signature: this proves integrity, not identity',
        ),
      );
      return {
        candidates: [{ key, signer: keySummary(key) }],
        keySource: 'key-value',
        certificateChain,
        problems,
      };
    }
  } else if (value) {
    problems.push(problem(XMLDSIG_RULES.badKeyValue, value.error));
  }
  if (info.keyInfo.hasRetrievalMethod) {
    problems.push(
      problem(
        XMLDSIG_RULES.retrievalMethodIgnored,
        'RetrievalMethod is never followed (it may point outside the document)',
      ),
    );
  }
  if (certificates.length === 0) {
    problems.push(
      problem(
        XMLDSIG_RULES.noKey,
        'no key to verify with: give one with --key, or sign with an X509Certificate in KeyInfo',
      ),
    );
  }
  return { candidates: [], keySource: 'none', certificateChain, problems };
}

/** Key facts when no certificate describes the key. */
export function keySummary(key: PublicKey): SignerSummary {
  const summary: SignerSummary = { keyAlgorithm: key.family, keyBits: key.bits };
  if (key.curve?.name) summary.curve = key.curve.name;
  if (key.curve?.oid) summary.curveOid = key.curve.oid;
  return summary;
}

/**
 * The signer among KeyInfo certificates: a key of the method's family, and not the issuer of
 * another certificate in the set (xmlsec's GOST vector carries two RSA CAs and a GOST leaf).
 */
function pickLeaf(
  certificates: readonly CertificateFacts[],
  family: KeyFamily | undefined,
): CertificateFacts | undefined {
  const fitting = certificates.filter((c) => family === undefined || c.key.family === family);
  const issuesAnother = (c: CertificateFacts) =>
    certificates.some(
      (other) => other !== c && other.issuer === c.subject && other.subject !== c.subject,
    );
  return fitting.find((c) => !issuesAnother(c)) ?? fitting[0];
}

/** Leaf first, then each issuer found in the set, then whatever is left in document order. */
function orderChain(
  certificates: readonly CertificateFacts[],
  leaf: CertificateFacts | undefined,
): CertificateFacts[] {
  if (!leaf) return [...certificates];
  const ordered = [leaf];
  let current = leaf;
  for (;;) {
    const issuer = certificates.find((c) => !ordered.includes(c) && c.subject === current.issuer);
    if (!issuer) break;
    ordered.push(issuer);
    current = issuer;
  }
  return [...ordered, ...certificates.filter((c) => !ordered.includes(c))];
}

/** KeyName match, then a key equal to a KeyInfo certificate's, then the method's family. */
function rankExplicit(
  explicit: readonly ExplicitKey[],
  info: SignatureInfo,
  certificates: readonly CertificateFacts[],
  family: KeyFamily | undefined,
): PublicKey[] {
  if (explicit.length === 1) return [(explicit[0] as ExplicitKey).key];
  const score = (candidate: ExplicitKey): number => {
    let s = 0;
    if (candidate.names?.some((n) => info.keyInfo.keyNames.includes(n))) s += 4;
    if (certificates.some((c) => sameBytes(c.key.spki, candidate.key.spki))) s += 2;
    if (family !== undefined && candidate.key.family === family) s += 1;
    return s;
  };
  return explicit
    .map((candidate, index) => ({ candidate, index, score: score(candidate) }))
    .filter(({ candidate }) => family === undefined || candidate.key.family === family)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ candidate }) => candidate.key);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
