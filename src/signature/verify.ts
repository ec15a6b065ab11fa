import { timingSafeEqual } from 'node:crypto';
import { algorithmByUri } from '../algorithms/registry.js';
import { digest, digestStream, isDigestSupported } from '../crypto/digests.js';
import { schemeFor } from '../crypto/schemes/index.js';
import type {
  KeyFamily,
  PublicKey,
  SignatureParameters,
  SignatureScheme,
} from '../crypto/types.js';
import { canonicalize } from '../xml/c14n.js';
import type { XmlDocument, XmlElement } from '../xml/dom.js';
import { MemoKey, recall, remember } from '../xml/memo.js';
import { elementPath } from '../xml/path.js';
import { c14nForUri } from './c14n-method.js';
import { dsigChild, dsigChildren, isDsig } from './dsig-elements.js';
import { keyInfoContents } from './key-info.js';
import { chooseKey, type ExplicitKey } from './key-selection.js';
import { readMethodParameters } from './method-parameters.js';
import { problem, XMLDSIG_RULES } from './problems.js';
import { readReference, readSignatures, signatureElementOf } from './read.js';
import { resolveReference, type Resolution } from './resolve.js';
import { referenceOctetsInto, type ReferenceInput } from './reference-octets.js';
import { selectedScope } from './selected-scope.js';
import { planTransforms } from './transforms.js';
import { isBudgetExceeded } from './xpath-transform.js';
import type { NodeSet } from '../xml/node-set.js';
import { SECURITY_RULES } from '../rule-ids.js';
import { checkXades } from './xades.js';
import type {
  ReferenceInfo,
  ReferenceVerification,
  SignatureInfo,
  SignatureProblem,
  SignatureVerification,
  ManifestVerification,
  ReferenceScope,
  SignedScope,
} from './types.js';

export type { ExplicitKey } from './key-selection.js';

export interface VerifyOptions {
  /** Keys the caller vouches for (`--key`); when given, KeyInfo keys are not used. */
  keys?: readonly (PublicKey | ExplicitKey)[];
  /**
   * Untrusted certificates (`--certs`): the signer's when KeyInfo names it without carrying it
   * (X509Data lookups, KeyName), and intermediates for building paths. Never trusted by
   * themselves.
   */
  certificates?: readonly Uint8Array[];
  /** Evaluation date; trust and certificate validity are judged by the caller on this date. */
  asOf: Date;
  /**
   * Asked before each Reference (each one a full canonicalization and digest). A problem stops
   * the verification there: the rest is left unchecked, so the signature is not valid (null,
   * or false if a digest already failed). corridor's per-document time budget uses it.
   */
  checkpoint?: (reference: XmlElement) => SignatureProblem | undefined;
  /** Detached content the user supplied (`--content uri=file`), by Reference URI; never fetched. */
  content?: ReadonlyMap<string, Uint8Array> | undefined;
}

/** Three-valued outcome: false beats null beats true. */
type Verdict = boolean | null;

function combine(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes(false)) return false;
  if (verdicts.includes(null)) return null;
  return true;
}

/** Structural problems that make a signature unacceptable whatever its cryptography says. */
const REFUSING = new Set<string>([
  XMLDSIG_RULES.multipleSignedInfo,
  XMLDSIG_RULES.nonTextInValue,
  XMLDSIG_RULES.missingElement,
]);

// What each verification's References resolved to, for the wrapping and scope checks that
// need the elements themselves (the verification carries only their paths). Kept on the
// verification, not in a WeakMap (xml/memo.ts).
const SIGNED_ELEMENTS = new MemoKey<SignedElement[]>('signed-elements');

export interface SignedElement {
  element: XmlElement;
  scope: ReferenceScope;
  /** Kept whole by an XPath filter, not named by the URI (no ID to move elsewhere). */
  selected?: boolean;
}

/** The same-document elements a verified signature's References resolved to (document: the root). */
export function signedElementsOf(verification: SignatureVerification): readonly SignedElement[] {
  return recall(verification, SIGNED_ELEMENTS) ?? [];
}

/** A copy of a verification (other verdict, more problems) that keeps its signed elements. */
export function amendVerification(
  verification: SignatureVerification,
  changes: Partial<SignatureVerification>,
): SignatureVerification {
  const amended = { ...verification, ...changes };
  const signed = recall(verification, SIGNED_ELEMENTS);
  if (signed) remember(amended, SIGNED_ELEMENTS, signed);
  return amended;
}

/** Reads and verifies every ds:Signature of a parsed document, in document order. */
export function verifyDocument(doc: XmlDocument, options: VerifyOptions): SignatureVerification[] {
  return readSignatures(doc).map((info) => verifySignature(doc, info, options));
}

/**
 * XMLDSig core validation of one signature: every Reference digest, then the SignatureValue
 * over the canonical SignedInfo. `valid` is true only when everything was checked and held;
 * anything corridor could not check makes it null, anything that failed makes it false.
 */
export function verifySignature(
  doc: XmlDocument,
  info: SignatureInfo,
  options: VerifyOptions,
): SignatureVerification {
  const problems: SignatureProblem[] = [...info.problems];
  const result: SignatureVerification = {
    valid: null,
    signatureMethod: info.signatureMethod,
    digestMethods: info.references.map((r) => r.digestMethod),
    canonicalization: info.canonicalizationMethod,
    keySource: 'none',
    certificateChain: [],
    problems,
  };
  const signature = signatureElementOf(doc, info);
  const signedInfo = signature && dsigChild(signature, 'SignedInfo');
  if (!signature || !signedInfo) {
    result.valid = false;
    if (!signature) {
      problems.push(problem(XMLDSIG_RULES.internalError, 'signature element not found'));
    }
    return result;
  }

  const method = classifyMethod(info.signatureMethod);
  if (method.problem) problems.push(method.problem);
  const methodParameters = readMethodParameters(dsigChild(signedInfo, 'SignatureMethod'));
  if (methodParameters.problem) problems.push(methodParameters.problem);

  const explicit = options.keys?.map((k): ExplicitKey => ('key' in k ? k : { key: k }));
  const keyInfo = dsigChild(signature, 'KeyInfo');
  const keys = chooseKey(info, keyInfo, method.family, explicit, {
    ...(options.certificates ? { certificates: options.certificates } : {}),
    contents: keyInfoContents(doc, keyInfo),
  });
  problems.push(...keys.problems);
  result.keySource = keys.keySource;
  result.certificateChain = keys.certificateChain;
  const signer = keys.candidates[0]?.signer;
  if (signer) result.signer = signer;

  const verdicts: Verdict[] = [method.verdict];
  if (info.problems.some((p) => REFUSING.has(p.ruleId))) verdicts.push(false);
  if (methodParameters.problem) verdicts.push(false);

  // References: each resolved, transformed, canonicalized and digested.
  const referenceElements = dsigChildren(signedInfo, 'Reference');
  const references: ReferenceVerification[] = [];
  const signedElements: SignedElement[] = [];
  const resolved: (XmlElement | undefined)[] = [];
  let stopped: SignatureProblem | undefined;
  referenceElements.forEach((element, index) => {
    const reference = info.references[index];
    if (!reference) return;
    stopped ??= options.checkpoint?.(element);
    if (stopped) {
      references.push({ uri: reference.uri, digestValid: null });
      verdicts.push(null);
      return;
    }
    const outcome = guarded(
      () => verifyReference(doc, signature, element, reference, options.content),
      (message): ReferenceOutcome => ({
        result: { uri: reference.uri, digestValid: null },
        problem: problem(XMLDSIG_RULES.internalError, message, element.pos),
      }),
    );
    references.push(outcome.result);
    verdicts.push(outcome.result.digestValid);
    if (outcome.problem) problems.push(outcome.problem);
    resolved[index] = outcome.signed;
    const scope = outcome.result.scope;
    if (scope) {
      if (outcome.covered) {
        for (const element of outcome.covered)
          signedElements.push({ element, scope, selected: true });
      } else if (outcome.signed) {
        signedElements.push({ element: outcome.signed, scope });
      }
    }
  });
  remember(result, SIGNED_ELEMENTS, signedElements);
  result.references = references;
  if (stopped) {
    // Unchecked References: the signature cannot be valid, and what they sign is unknown, so
    // neither the SignatureValue nor the wrapping defence is worth its cost.
    problems.push(stopped);
    result.valid = combine(verdicts);
    return result;
  }
  result.scope = scopeOf(references);
  const manifests = verifyManifests(doc, signature, resolved, references, options.content);
  if (manifests.length > 0) result.manifests = manifests;
  const xades = checkXades(signature, info.references, resolved, keys.certificateChain[0]);
  problems.push(...xades.problems);
  verdicts.push(xades.verdict);

  // SignatureValue over the canonical SignedInfo.
  const parameters = methodParameters.parameters;
  if (method.verdict === true && method.id && parameters) {
    const id = method.id;
    verdicts.push(
      guarded(
        () => checkSignatureValue(info, signedInfo, id, parameters, keys, problems),
        (message) => {
          problems.push(problem(XMLDSIG_RULES.internalError, message, signedInfo.pos));
          return null;
        },
      ),
    );
  }
  result.valid = combine(verdicts);
  return result;
}

interface MethodClass {
  /** Registry id when corridor can verify the method. */
  id?: string;
  family?: KeyFamily;
  /** true: verifiable; null: cannot be verified here; false: refused. */
  verdict: Verdict;
  problem?: SignatureProblem;
}

function classifyMethod(uri: string): MethodClass {
  const entry = algorithmByUri(uri);
  if (!entry || entry.kind !== 'signature') {
    return {
      verdict: null,
      problem: problem(
        XMLDSIG_RULES.unknownAlgorithm,
        `unknown SignatureMethod '${uri || '(none)'}'`,
      ),
    };
  }
  const family = entry.family as KeyFamily;
  if (entry.family === 'hmac') {
    return {
      verdict: false,
      problem: problem(
        XMLDSIG_RULES.hmacRefused,
        `${entry.name}: a shared-secret MAC proves nothing about who signed; refused`,
      ),
    };
  }
  if (!entry.verifiable || !schemeFor(entry.id)) {
    return {
      family,
      verdict: null,
      problem: problem(
        XMLDSIG_RULES.notVerifiableHere,
        `${entry.name} (${entry.id}): recognised, not verifiable here`,
      ),
    };
  }
  return { id: entry.id, family, verdict: true };
}

interface ReferenceOutcome {
  result: ReferenceVerification;
  problem?: SignatureProblem;
  /** The resolved same-document element (the root for URI=""). */
  signed?: XmlElement;
  /** What an XPath filter left of it, when not all: the elements it keeps whole. */
  covered?: XmlElement[];
}

function verifyReference(
  doc: XmlDocument,
  signature: XmlElement,
  element: XmlElement,
  reference: ReferenceInfo,
  content: ReadonlyMap<string, Uint8Array> | undefined,
): ReferenceOutcome {
  const result: ReferenceVerification = { uri: reference.uri, digestValid: null };
  const resolution = resolveReference(doc, reference.uri, content);
  if (resolution.kind === 'problem') {
    // An external reference is merely uncheckable; a missing or ambiguous target is a failure.
    if (resolution.problem.ruleId !== XMLDSIG_RULES.externalReference) result.digestValid = false;
    return { result, problem: { ...resolution.problem, pos: element.pos } };
  }
  const outcome = digestReference(doc, signature, element, reference, resolution, result);
  if (resolution.kind !== 'detached') outcome.signed = resolution.element;
  return outcome;
}

function digestReference(
  doc: XmlDocument,
  signature: XmlElement,
  element: XmlElement,
  reference: ReferenceInfo,
  resolution: Exclude<Resolution, { kind: 'problem' }>,
  result: ReferenceVerification,
): ReferenceOutcome {
  let input: ReferenceInput;
  if (resolution.kind === 'detached') {
    result.scope = 'detached';
    input = { kind: 'octets', bytes: resolution.bytes };
  } else {
    const signed = resolution.element;
    result.signedPath = elementPath(signed);
    result.scope =
      resolution.kind === 'document' || signed === doc.root
        ? 'document'
        : inOwnObject(signature, signed)
          ? 'object'
          : 'element';
    input = {
      kind: 'nodes',
      doc,
      target: resolution.kind === 'document' ? doc : signed,
      ...(resolution.comments ? { comments: true } : {}),
    };
  }
  const plan = planTransforms(element, signature);
  if ('ruleId' in plan) return { result, problem: plan };

  const entry = algorithmByUri(reference.digestMethod);
  if (!entry || entry.kind !== 'digest') {
    return {
      result,
      problem: problem(
        XMLDSIG_RULES.unknownAlgorithm,
        `unknown DigestMethod '${reference.digestMethod || '(none)'}'`,
        element.pos,
      ),
    };
  }
  if (!entry.verifiable || !isDigestSupported(entry.id)) {
    return {
      result,
      problem: problem(
        XMLDSIG_RULES.notVerifiableHere,
        `digest ${entry.name} (${entry.id}): recognised, not verifiable here`,
        element.pos,
      ),
    };
  }
  if (!reference.digestValue) {
    result.digestValid = false;
    return { result };
  }
  let selected: NodeSet | undefined;
  // OpenSSL's digests take the octets as they are canonicalized; the others need them whole.
  const stream = digestStream(entry.id);
  let octets: Uint8Array | undefined;
  try {
    referenceOctetsInto(
      input,
      plan,
      stream ? (chunk) => stream.update(chunk) : (chunk) => (octets = chunk),
      (set) => (selected = set),
      stream !== undefined,
    );
  } catch (error) {
    if (!isBudgetExceeded(error)) throw error;
    return {
      result,
      problem: {
        ruleId: SECURITY_RULES.limit,
        message: `the XPath transform of Reference URI="${reference.uri ?? ''}" was stopped: ${error.message} (the expression is too costly for this document); the reference cannot be checked`,
        pos: element.pos,
      },
    };
  }
  // An XPath filter that leaves part of the content out signs only what it keeps whole.
  const covered =
    selected && input.kind === 'nodes'
      ? narrowScope(result, input.target, selected, plan.exclude)
      : undefined;
  const computed = stream ? stream.digest() : digest(entry.id, octets as Uint8Array);
  result.digestValid = equalConstantTime(computed, reference.digestValue);
  if (result.digestValid) return { result, ...(covered ? { covered } : {}) };
  return {
    ...(covered ? { covered } : {}),
    result,
    problem: problem(
      XMLDSIG_RULES.digestMismatch,
      `digest of Reference URI="${reference.uri ?? ''}" does not match: the signed content was changed`,
      element.pos,
    ),
  };
}

/**
 * Narrows a Reference's scope to the elements an XPath filter keeps whole (selected-scope.ts):
 * a document Reference filtered down to parts of the document signs those elements, not the
 * document. Returns the elements, or undefined when the filter keeps everything.
 */
function narrowScope(
  result: ReferenceVerification,
  target: XmlDocument | XmlElement,
  set: NodeSet,
  exclude: (element: XmlElement) => boolean,
): XmlElement[] | undefined {
  const selected = selectedScope(target, set, exclude);
  if (selected.whole) return undefined;
  result.selectedPaths = selected.elements.map((el) => elementPath(el));
  if (result.scope === 'document') result.scope = 'element';
  return selected.elements;
}

/**
 * Each ds:Manifest a Reference resolved to with a matching digest: its References are checked
 * like SignedInfo's and reported, without changing the signature's verdict (XMLDSig §5.1).
 */
const MAX_MANIFESTS = 4;
const MAX_MANIFEST_REFERENCES = 32;

function verifyManifests(
  doc: XmlDocument,
  signature: XmlElement,
  resolved: readonly (XmlElement | undefined)[],
  references: readonly ReferenceVerification[],
  content: ReadonlyMap<string, Uint8Array> | undefined,
): ManifestVerification[] {
  const manifests: ManifestVerification[] = [];
  resolved.forEach((element, index) => {
    if (!element || !isDsig(element, 'Manifest') || references[index]?.digestValid !== true) return;
    // Bounded like SignedInfo (maxReferencesPerSignature's default): each is a canonicalization.
    if (manifests.length >= MAX_MANIFESTS) return;
    const checked = dsigChildren(element, 'Reference')
      .slice(0, MAX_MANIFEST_REFERENCES)
      .map((referenceElement) => {
        const reference = readReference(referenceElement, [], () => undefined);
        return guarded(
          () => verifyReference(doc, signature, referenceElement, reference, content).result,
          (): ReferenceVerification => ({ uri: reference.uri, digestValid: null }),
        );
      });
    manifests.push({ path: elementPath(element), references: checked });
  });
  return manifests;
}

/** True when `element` lies inside one of this signature's own ds:Object children. */
function inOwnObject(signature: XmlElement, element: XmlElement): boolean {
  for (let el: XmlElement | null = element; el; el = el.parent) {
    if (el.parent === signature) return isDsig(el, 'Object');
  }
  return false;
}

/**
 * The signature's scope from its References': document beats elements beats detached beats
 * objects (a detached XAdES signature also signs its own SignedProperties object).
 */
function scopeOf(references: readonly ReferenceVerification[]): SignedScope {
  const scopes = new Set(references.map((r) => r.scope));
  const kind: SignedScope['kind'] = scopes.has('document')
    ? 'document'
    : scopes.has('element')
      ? 'elements'
      : scopes.has('detached')
        ? 'detached'
        : scopes.has('object')
          ? 'objects'
          : 'none';
  return {
    kind,
    paths: references.flatMap(
      (r) => r.selectedPaths ?? (r.signedPath !== undefined ? [r.signedPath] : []),
    ),
    uris: references.flatMap((r) => (r.scope === 'detached' && r.uri !== null ? [r.uri] : [])),
  };
}

function checkSignatureValue(
  info: SignatureInfo,
  signedInfo: XmlElement,
  methodId: string,
  parameters: SignatureParameters,
  keys: ReturnType<typeof chooseKey>,
  problems: SignatureProblem[],
): Verdict {
  const c14n = c14nForUri(info.canonicalizationMethod);
  if (!c14n) {
    problems.push(
      problem(
        algorithmByUri(info.canonicalizationMethod)
          ? XMLDSIG_RULES.unsupportedTransform
          : XMLDSIG_RULES.unknownAlgorithm,
        `CanonicalizationMethod '${info.canonicalizationMethod}' is not supported`,
      ),
    );
    return null;
  }
  if (!info.signatureValue) return false;
  if (keys.candidates.length === 0) {
    if (keys.keySource !== 'key-file') return null;
    problems.push(
      problem(XMLDSIG_RULES.keyMismatch, `none of the given keys fits ${info.signatureMethod}`),
    );
    return false;
  }
  const scheme = schemeFor(methodId);
  if (!scheme) return null;
  const octets = canonicalize(signedInfo, {
    method: c14n.method,
    withComments: c14n.withComments,
    inclusiveNamespacesPrefixes: info.canonicalizationPrefixes,
  });
  const signatureValue = info.signatureValue;
  const ok =
    keys.candidates.some(({ key }) =>
      scheme.verify(methodId, key, octets, signatureValue, 'xmldsig', parameters),
    ) || verifiesLeniently(scheme, methodId, keys, octets, signatureValue, problems);
  if (!ok) {
    problems.push(
      problem(
        XMLDSIG_RULES.signatureMismatch,
        'SignatureValue does not verify with the key: SignedInfo was changed or the key is not the signer’s',
      ),
    );
  }
  return ok;
}

/**
 * A value other stacks lay out off-standard (ECDSA as DER, r‖s trimmed or padded) is checked
 * as read leniently, and the deviation is always reported: never silently valid.
 */
function verifiesLeniently(
  scheme: SignatureScheme,
  methodId: string,
  keys: ReturnType<typeof chooseKey>,
  octets: Uint8Array,
  signatureValue: Uint8Array,
  problems: SignatureProblem[],
): boolean {
  if (!scheme.verifyLenient) return false;
  for (const { key } of keys.candidates) {
    const layout = scheme.verifyLenient(methodId, key, octets, signatureValue);
    if (layout) {
      problems.push(
        problem(
          XMLDSIG_RULES.nonconformantEncoding,
          `SignatureValue verifies only when read leniently: ${layout} (RFC 9231 §2.3.6: r‖s, each as long as the group order)`,
        ),
      );
      return true;
    }
  }
  return false;
}

/**
 * Runs one verification step; an exception (a malformed key the scheme rejects, an algorithm
 * that turns out not to be computable) becomes an "unverifiable" problem, never a crash.
 */
function guarded<T>(step: () => T, onError: (message: string) => T): T {
  try {
    return step();
  } catch (error) {
    return onError(
      `could not be checked: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function equalConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
