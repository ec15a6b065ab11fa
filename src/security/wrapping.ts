import { isDsig } from '../signature/dsig-elements.js';
import { DSIG_NS } from '../signature/names.js';
import { XADES_NS } from '../signature/signing-time.js';
import type { SignatureProblem, SignatureVerification } from '../signature/types.js';
import { signedElementsOf } from '../signature/verify.js';
import type { XmlDocument, XmlElement } from '../xml/dom.js';
import { elementPath } from '../xml/path.js';
import { SECURITY_RULES } from './ids.js';

/** XAdES 1.4.1 reuses the 1.3.2 namespace for most elements and adds its own. */
const XADES_141_NS = 'http://uri.etsi.org/01903/v1.4.1#';

/**
 * The XML signature wrapping forms (McIntosh & Austel 2005; Somorovsky et al. 2012, XSW1–8),
 * judged against each signature's scope rather than a "must sign the root" rule: a signature
 * may sign elements by ID (SMEV 3, XAdES, SAML), but not when what it signs is
 * - a second copy of the document root (the signed root moved under a forged one, or hidden in
 *   a ds:Object);
 * - business content hidden inside a ds:Signature other than in its own ds:Object;
 * - shadowed: an element of the same name lies outside every signature's scope, where a reader
 *   looking for it by name finds the unsigned one (a forged sibling, or the original moved
 *   under another parent or into a ds:Object).
 * Duplicate IDs are caught when the Reference is resolved. Whole-document signatures are
 * never examined here, so the common case costs nothing.
 * Returns problems per signature index; those signatures are not valid.
 */
export function wrappingProblems(
  doc: XmlDocument,
  verifications: readonly SignatureVerification[],
): Map<number, SignatureProblem[]> {
  const found = new Map<number, SignatureProblem[]>();
  const scoped = verifications.some((v) => v.scope && v.scope.kind !== 'document');
  if (!scoped) return found;
  const covered = verifications.flatMap((v) => signedElementsOf(v).map((s) => s.element));
  let byName: Map<string, XmlElement[]> | undefined;
  const sameName = (element: XmlElement): XmlElement[] =>
    (byName ??= indexOutsideSignatures(doc.root)).get(qualifiedKey(element)) ?? [];
  const rootKey = qualifiedKey(doc.root);

  verifications.forEach((verification, index) => {
    if (!verification.scope || verification.scope.kind === 'document') return;
    const problems: SignatureProblem[] = [];
    const add = (message: string, element: XmlElement) =>
      problems.push({ ruleId: SECURITY_RULES.signatureWrapping, message, pos: element.pos });
    for (const { element, scope, selected } of signedElementsOf(verification)) {
      // An element an XPath filter keeps is chosen by the expression, not found by an ID: its
      // namesakes outside the filter are unsigned by the signer's design (and reported to
      // check as unsigned content), not a wrapped copy.
      if (element === doc.root || isSignatureMarkup(element) || selected) continue;
      const path = elementPath(element);
      if (qualifiedKey(element) === rootKey) {
        add(
          `the signed element ${path} is a second ${doc.root.name} inside the document root ${elementPath(doc.root)}: the root a reader reads is not signed`,
          element,
        );
        continue;
      }
      const signatureAncestor = enclosingSignature(element);
      if (signatureAncestor && scope !== 'object') {
        add(
          `the signed element ${path} sits inside a ds:Signature (${elementPath(signatureAncestor)}), not in the document's content`,
          element,
        );
        continue;
      }
      const shadow = sameName(element).find(
        (other) => other !== element && !covered.some((signed) => isAncestorOrSelf(signed, other)),
      );
      if (shadow) {
        add(
          `the signed element ${path} has an unsigned namesake at ${elementPath(shadow)}: a reader looking for ${element.name} may read the unsigned one`,
          element,
        );
      }
    }
    if (problems.length > 0) found.set(index, problems);
  });
  return found;
}

function qualifiedKey(element: XmlElement): string {
  return `{${element.namespaceURI ?? ''}}${element.localName}`;
}

/** XMLDSig and XAdES elements (SignedProperties, a counter-signed SignatureValue…) are not content. */
function isSignatureMarkup(element: XmlElement): boolean {
  const ns = element.namespaceURI;
  return ns === DSIG_NS || ns === XADES_NS || ns === XADES_141_NS;
}

function enclosingSignature(element: XmlElement): XmlElement | undefined {
  for (let el = element.parent; el; el = el.parent) if (isDsig(el, 'Signature')) return el;
  return undefined;
}

function isAncestorOrSelf(ancestor: XmlElement, node: XmlElement): boolean {
  for (let el: XmlElement | null = node; el; el = el.parent) if (el === ancestor) return true;
  return false;
}

/** Elements outside every ds:Signature subtree, by qualified name. */
function indexOutsideSignatures(root: XmlElement): Map<string, XmlElement[]> {
  const index = new Map<string, XmlElement[]>();
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const element = stack.pop() as XmlElement;
    if (isDsig(element, 'Signature')) continue;
    const key = qualifiedKey(element);
    const list = index.get(key);
    if (list) list.push(element);
    else index.set(key, [element]);
    for (const child of element.children) if (child.kind === 'element') stack.push(child);
  }
  return index;
}
