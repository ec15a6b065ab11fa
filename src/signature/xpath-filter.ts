import type { XmlElement } from '../xml/dom.js';
import { DSIG_NS } from './names.js';

/**
 * The XPath transform seen most in practice (xmlsec, the vectors) is
 * `not(ancestor-or-self::P:Signature)` with P bound to the XMLDSig namespace: it drops every
 * ds:Signature subtree from the node-set. That exact form is a subtree exclusion here, at no
 * cost; every other expression goes to the XPath engine (xpath-transform.ts).
 */
const EXCLUDE_SIGNATURES = /^not\(\s*ancestor-or-self::([A-Za-z_][\w.-]*):Signature\s*\)$/;

/** True when the XPath element's expression is the signature-excluding filter. */
export function isSignatureExclusionFilter(expression: string, xpathElement: XmlElement): boolean {
  const match = EXCLUDE_SIGNATURES.exec(expression.trim());
  if (!match?.[1]) return false;
  return namespaceForPrefix(xpathElement, match[1]) === DSIG_NS;
}

/** The namespace URI `prefix` is bound to where `element` sits, walking up the ancestors. */
function namespaceForPrefix(element: XmlElement, prefix: string): string | undefined {
  for (let el: XmlElement | null = element; el; el = el.parent) {
    const declaration = el.namespaces.find((ns) => ns.prefix === prefix);
    if (declaration) return declaration.uri || undefined;
  }
  return undefined;
}
