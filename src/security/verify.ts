import { algorithmByUri } from '../algorithms/registry.js';
import { dsigChild, isDsig, valueText } from '../signature/dsig-elements.js';
import { XMLDSIG_RULES } from '../signature/problems.js';
import { readSignatures, signatureElementOf } from '../signature/read.js';
import type { SignatureInfo, SignatureProblem, SignatureVerification } from '../signature/types.js';
import { amendVerification, verifySignature, type VerifyOptions } from '../signature/verify.js';
import type { XmlDocument, XmlElement, XmlPosition } from '../xml/dom.js';
import { elementPath } from '../xml/path.js';
import { budgetOf } from './budget.js';
import { SECURITY_RULES } from './ids.js';
import { documentLimits, signatureValueLimit, type DocumentLimits } from './limits.js';
import { wrappingProblems } from './wrapping.js';
import { xincludeElements } from './xinclude.js';

export interface GuardedVerifyOptions extends VerifyOptions {
  limits?: Partial<DocumentLimits>;
}

/**
 * `verifyDocument` behind corridor's security gates — the one entry point `check`, `matrix`
 * and `verify` use. Before any cryptography: the number of signatures, of references and the
 * length of every base64 value are bounded, XInclude is refused, and the time budget is
 * checked before each signature and each of its References. After it: a wrapped signature
 * (wrapping.ts), or one whose only key is the bare KeyValue it carries, is not reported valid. One verification per signature, for the first `maxSignatures` signatures
 * (the document reader keeps the same ones), so results stay aligned with `signatures`.
 */
export function verifyWithinLimits(
  doc: XmlDocument,
  options: GuardedVerifyOptions,
  /** Signatures the document reader already read (and how many it saw), so they are read once. */
  alreadyRead?: { signatures: readonly SignatureInfo[]; count: number },
): SignatureVerification[] {
  const limits = documentLimits(options.limits);
  const budget = budgetOf(doc, limits.timeBudgetMs);
  // `what` is a function: the message (an element path walks the tree) is built only when used.
  const overBudget = (
    what: () => string,
    pos: XmlPosition | undefined,
  ): SignatureProblem | undefined =>
    budget.exhausted()
      ? {
          ruleId: SECURITY_RULES.limit,
          message: `time budget of ${limits.timeBudgetMs} ms used up after ${Math.round(budget.elapsed())} ms: ${what()}`,
          ...(pos ? { pos } : {}),
        }
      : undefined;
  // One signature may carry 32 References over the whole document: checking the budget before
  // each of them bounds the overrun by one canonicalization, not by a whole signature.
  const budgeted: VerifyOptions = {
    ...options,
    checkpoint: (reference) =>
      overBudget(
        () => `signature not verified, stopped before ${elementPath(reference)}`,
        reference.pos,
      ),
  };
  let infos: readonly SignatureInfo[];
  let count: number;
  try {
    infos = alreadyRead?.signatures ?? readSignatures(doc);
    count = alreadyRead?.count ?? infos.length;
  } catch {
    // Reading is structural and does not throw on content; if it ever does, nothing verifies.
    return [];
  }
  const documentProblems: SignatureProblem[] = [];
  if (count > limits.maxSignatures) {
    documentProblems.push({
      ruleId: SECURITY_RULES.limit,
      message: `${count} signatures in the document, above the limit of ${limits.maxSignatures}: none is verified`,
    });
  }
  for (const element of xincludeElements(doc).slice(0, 1)) {
    documentProblems.push({
      ruleId: SECURITY_RULES.dtd,
      message: `XInclude element ${elementPath(element)} refused: a processor that expands it reads content the signer never signed`,
      pos: element.pos,
    });
  }
  const verifications = infos.slice(0, limits.maxSignatures).map((info) => {
    if (documentProblems.length > 0) return refused(info, documentProblems, false);
    const element = signatureElementOf(doc, info);
    const over = element ? structuralLimit(element, info, limits) : undefined;
    if (over) return refused(info, [over], false);
    const late = overBudget(() => 'signature not verified', info.pos);
    if (late) return refused(info, [late], null);
    let verification: SignatureVerification;
    try {
      verification = verifySignature(doc, info, budgeted);
    } catch (error) {
      return refused(
        info,
        [
          {
            ruleId: XMLDSIG_RULES.internalError,
            message: `could not be checked: ${error instanceof Error ? error.message : String(error)}`,
          },
        ],
        null,
      );
    }
    return afterVerification(info, verification);
  });
  // Wrapping is judged over all signatures at once: what one leaves unsigned another may cover.
  for (const [index, problems] of wrappingProblems(doc, verifications)) {
    const verification = verifications[index] as SignatureVerification;
    verifications[index] = amendVerification(verification, {
      valid: verification.valid === null ? null : false,
      problems: [...verification.problems, ...problems],
    });
  }
  return verifications;
}

/**
 * Verdicts the cryptography alone cannot give (wrapping is judged in wrapping.ts): a RetrievalMethod beside a usable key invites a verifier to fetch another one; a
 * bare KeyValue proves the bytes are unchanged under a key that names no one.
 */
function afterVerification(
  info: SignatureInfo,
  verification: SignatureVerification,
): SignatureVerification {
  const ids = new Set(verification.problems.map((p) => p.ruleId));
  const problems = [...verification.problems];
  const retrieval =
    info.keyInfo.hasRetrievalMethod && !ids.has(XMLDSIG_RULES.retrievalMethodIgnored);
  if (retrieval) {
    problems.push({
      ruleId: SECURITY_RULES.externalReference,
      message:
        'KeyInfo/RetrievalMethod points outside the signature; it is never followed, and a signature that asks for it is refused',
      pos: info.pos,
    });
  }
  let valid = verification.valid;
  if (valid === true) {
    if (retrieval) valid = false;
    else if (verification.keySource === 'key-value') valid = null;
  }
  return amendVerification(verification, { valid, problems });
}

function refused(
  info: SignatureInfo,
  extra: readonly SignatureProblem[],
  valid: false | null,
): SignatureVerification {
  return {
    valid,
    signatureMethod: info.signatureMethod,
    digestMethods: info.references.map((r) => r.digestMethod),
    canonicalization: info.canonicalizationMethod,
    keySource: 'none',
    certificateChain: [],
    problems: [...info.problems, ...extra],
  };
}

const VALUE_LIMITS: ReadonlyArray<[name: string, limit: keyof DocumentLimits]> = [
  ['SignatureValue', 'maxSignatureValueChars'],
  ['DigestValue', 'maxDigestValueChars'],
  ['X509Certificate', 'maxCertificateChars'],
];

/** The first per-signature bound the signature exceeds, checked before any work on it. */
function structuralLimit(
  signature: XmlElement,
  info: SignatureInfo,
  limits: DocumentLimits,
): SignatureProblem | undefined {
  const signedInfo = dsigChild(signature, 'SignedInfo');
  if (info.references.length > limits.maxReferencesPerSignature) {
    return {
      ruleId: SECURITY_RULES.limit,
      message: `${info.references.length} References in one SignedInfo, above the limit of ${limits.maxReferencesPerSignature}: each one is a full canonicalization`,
      pos: signedInfo?.pos ?? info.pos,
    };
  }
  // Post-quantum methods sign with longer values: their registry entry raises this one limit.
  const valueLimits: DocumentLimits = {
    ...limits,
    maxSignatureValueChars: signatureValueLimit(
      limits,
      algorithmByUri(info.signatureMethod)?.maxSignatureBytes,
    ),
  };
  const stack: XmlElement[] = [signature];
  while (stack.length > 0) {
    const element = stack.pop() as XmlElement;
    for (const [name, key] of VALUE_LIMITS) {
      if (!isDsig(element, name)) continue;
      const length = valueText(element).text.length;
      if (length > valueLimits[key]) {
        return {
          ruleId: SECURITY_RULES.limit,
          message: `${name} of ${length} characters, above the limit of ${valueLimits[key]}: refused before verification`,
          pos: element.pos,
        };
      }
    }
    for (const child of element.children) if (child.kind === 'element') stack.push(child);
  }
  return undefined;
}
