import type { XmlElement } from '../xml/dom.js';
import type { KeyFamily, PublicKey } from '../crypto/types.js';
import { certificateFacts, cachedPublicKey, type CertificateFacts } from './key-cache.js';
import type { KeyInfoContents, X509Lookup } from './key-info.js';
import { keyValueElementSpki, keyValueSpki, type KeyValueResult } from './key-value.js';
import { comparableName, describeLookup, matchesLookup } from './x509-lookup.js';
import { problem, XMLDSIG_RULES } from './problems.js';
import type {
  SignatureInfo,
  SignatureProblem,
  SignatureVerification,
  SignerSummary,
} from './types.js';

/**
 * A key given by the caller (a `--key` file); `names` are matched against ds:KeyName. When
 * the file is a certificate, `certificate` is its DER: the signer is then that certificate,
 * and its chain to the anchors is judged like any other.
 */
export interface ExplicitKey {
  key: PublicKey;
  names?: readonly string[];
  certificate?: Uint8Array;
}

/** What the caller adds to KeyInfo: `--certs` and the KeyInfo's followed pointers. */
export interface KeyContext {
  /** Untrusted certificates (`--certs`): found by X509Data lookups or KeyName, and intermediates. */
  certificates?: readonly Uint8Array[];
  /** X509Data lookups, certificates and key values reached through the KeyInfo (key-info.ts). */
  contents?: KeyInfoContents;
}

export interface KeyChoice {
  /** Keys to try, best first; a signature is valid when one of them verifies it. */
  candidates: Array<{ key: PublicKey; signer: SignerSummary }>;
  keySource: SignatureVerification['keySource'];
  /** Signer's certificate first, then the other certificates known (for building paths). */
  certificateChain: Uint8Array[];
  problems: SignatureProblem[];
}

/**
 * Chooses the verification key. Explicit keys win (the caller decides whom to believe);
 * otherwise the certificate KeyInfo carries or names (X509Data lookups, KeyName against
 * `--certs`) whose key fits the method and that issued no other certificate in the set (the
 * leaf); otherwise a bare KeyValue, flagged because it proves only that the document was not
 * changed, not who signed it. A name that fits two certificates is reported, never guessed.
 */
export function chooseKey(
  info: SignatureInfo,
  keyInfo: XmlElement | undefined,
  family: KeyFamily | undefined,
  explicit: readonly ExplicitKey[] | undefined,
  context: KeyContext = {},
): KeyChoice {
  const contents = context.contents;
  const problems: SignatureProblem[] = [...(contents?.problems ?? [])];
  const inline = readable(
    [...info.keyInfo.certificates, ...(contents?.certificates ?? [])],
    problems,
  );
  const external = readable(context.certificates ?? [], problems);
  const named = namedCertificates(
    info,
    inline,
    external,
    contents?.lookups ?? [],
    explicit,
    problems,
  );
  const signerPool = named === 'ambiguous' ? inline : unique([...inline, ...named]);
  const leaf = named === 'ambiguous' ? undefined : pickLeaf(signerPool, family);
  const known = unique([...signerPool, ...external]);
  // `--certs` join the chain only behind an identified signer certificate: never as a leaf.
  const certificateChain = (leaf ? orderChain(known, leaf) : orderChain(signerPool, undefined)).map(
    (c) => c.der,
  );

  if (explicit && explicit.length > 0) {
    const ranked = rankExplicit(explicit, info, signerPool, family);
    const first = ranked[0]?.certificate;
    const firstFacts = first ? certificateFacts(first) : undefined;
    const chain =
      firstFacts && !('error' in firstFacts)
        ? orderChain(unique([firstFacts, ...known]), firstFacts).map((c) => c.der)
        : certificateChain;
    return {
      candidates: ranked.map((candidate) => ({
        key: candidate.key,
        signer: signerOf(candidate, signerPool),
      })),
      keySource: 'key-file',
      certificateChain: chain,
      problems,
    };
  }
  if (named === 'ambiguous') {
    return { candidates: [], keySource: 'none', certificateChain, problems };
  }
  if (leaf) {
    return {
      candidates: [{ key: leaf.key, signer: leaf.signer }],
      keySource: 'x509',
      certificateChain,
      problems,
    };
  }
  if (signerPool.length > 0 && family) {
    problems.push(
      problem(
        XMLDSIG_RULES.keyMismatch,
        `no KeyInfo certificate holds a ${family} key for this SignatureMethod`,
      ),
    );
  }
  const value = keyValueOf(keyInfo, contents);
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
  if (info.keyInfo.hasRetrievalMethod && !followed(contents)) {
    problems.push(
      problem(
        XMLDSIG_RULES.retrievalMethodIgnored,
        'RetrievalMethod outside the document is never followed',
      ),
    );
  }
  if (signerPool.length === 0 && (contents?.lookups.length ?? 0) === 0) {
    problems.push(
      problem(
        XMLDSIG_RULES.noKey,
        'no key to verify with: give one with --key, or sign with an X509Certificate in KeyInfo',
      ),
    );
  }
  return { candidates: [], keySource: 'none', certificateChain, problems };
}

function followed(contents: KeyInfoContents | undefined): boolean {
  return !!contents && (contents.certificates.length > 0 || contents.keyValues.length > 0);
}

function keyValueOf(
  keyInfo: XmlElement | undefined,
  contents: KeyInfoContents | undefined,
): KeyValueResult | undefined {
  const direct = keyInfo && keyValueSpki(keyInfo);
  if (direct) return direct;
  for (const element of contents?.keyValues ?? []) {
    const value = keyValueElementSpki(element);
    if (value) return value;
  }
  return undefined;
}

function readable(ders: readonly Uint8Array[], problems: SignatureProblem[]): CertificateFacts[] {
  const out: CertificateFacts[] = [];
  for (const der of ders) {
    const facts = certificateFacts(der);
    if ('error' in facts) {
      problems.push(
        problem(XMLDSIG_RULES.badCertificate, `unreadable certificate: ${facts.error}`),
      );
    } else {
      out.push(facts);
    }
  }
  return unique(out);
}

function unique(list: readonly CertificateFacts[]): CertificateFacts[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    if (seen.has(c.id)) return false;
    seen.add(c.id);
    return true;
  });
}

/**
 * Certificates the KeyInfo names but does not carry: X509Data lookups against everything
 * known, else ds:KeyName against the subjects of `--certs` (full name or CN). Two different
 * certificates for one name: 'ambiguous', with a problem saying which.
 */
function namedCertificates(
  info: SignatureInfo,
  inline: readonly CertificateFacts[],
  external: readonly CertificateFacts[],
  lookups: readonly X509Lookup[],
  explicit: readonly ExplicitKey[] | undefined,
  problems: SignatureProblem[],
): CertificateFacts[] | 'ambiguous' {
  const pool = unique([...inline, ...external]);
  const found: CertificateFacts[] = [];
  let ambiguous = false;
  for (const lookup of lookups) {
    const matches = pool.filter((c) => matchesLookup(lookup, c.certificate));
    if (matches.length > 1) {
      ambiguous = true;
      problems.push(ambiguity(describeLookup(lookup), matches));
    } else if (matches[0]) found.push(matches[0]);
  }
  const keyGiven = explicit !== undefined && explicit.length > 0;
  if (lookups.length > 0 && found.length === 0 && !ambiguous && inline.length === 0 && !keyGiven) {
    problems.push(
      problem(
        XMLDSIG_RULES.noKey,
        `KeyInfo names the signer's certificate (${lookups.map(describeLookup).join('; ')}) but does not carry it, and no given certificate (--certs) matches`,
      ),
    );
  }
  if (ambiguous) return 'ambiguous';
  if (found.length > 0 || inline.length > 0 || lookups.length > 0) return found;
  if (keyGiven) return found;
  for (const name of info.keyInfo.keyNames) {
    if (!name) continue;
    const wanted = comparableName(name);
    const matches = external.filter(
      (c) =>
        comparableName(c.certificate.subject) === wanted ||
        commonName(c.certificate.subject) === name.trim().toLowerCase(),
    );
    if (matches.length > 1) {
      problems.push(ambiguity(`KeyName '${name.slice(0, 120)}'`, matches));
      return 'ambiguous';
    }
    if (matches[0]) return [matches[0]];
  }
  return found;
}

function commonName(subject: string): string | undefined {
  const cn = comparableName(subject)
    .split(',')
    .flatMap((rdn) => rdn.split('+'))
    .find((atv) => atv.startsWith('cn='));
  return cn?.slice(3);
}

function ambiguity(what: string, matches: readonly CertificateFacts[]): SignatureProblem {
  const subjects = matches.map(
    (c) => `'${c.signer.subject ?? '?'}' (serial ${c.signer.serialNumber ?? '?'})`,
  );
  return problem(
    XMLDSIG_RULES.ambiguousKey,
    `${what} fits ${matches.length} certificates: ${subjects.slice(0, 4).join(', ')}; corridor does not guess which one signed`,
  );
}

function signerOf(candidate: ExplicitKey, pool: readonly CertificateFacts[]): SignerSummary {
  if (candidate.certificate) {
    const facts = certificateFacts(candidate.certificate);
    if (!('error' in facts)) return facts.signer;
  }
  return (
    pool.find((c) => sameBytes(c.key.spki, candidate.key.spki))?.signer ?? keySummary(candidate.key)
  );
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
): ExplicitKey[] {
  if (explicit.length === 1) return [explicit[0] as ExplicitKey];
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
    .map(({ candidate }) => candidate);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
