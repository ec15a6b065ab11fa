import type { XmlElement, XmlPosition } from '../xml/dom.js';
import { childPath, elementPath } from '../xml/path.js';
import { dsigChild, dsigChildren } from './dsig-elements.js';

/** An element of a ds:Signature that a finding can point at: its full path and position. */
export interface ElementLocation {
  /** Qualified names as written (`/Licence/ds:Signature/ds:SignedInfo/ds:SignatureMethod`). */
  path: string;
  pos: XmlPosition;
}

export interface ReferenceElements {
  reference: ElementLocation;
  digestMethod?: ElementLocation;
  digestValue?: ElementLocation;
  transforms?: ElementLocation;
}

/** Where the parts of one ds:Signature are, so findings point at the element they are about. */
export interface SignatureElements {
  signedInfo?: ElementLocation;
  signatureMethod?: ElementLocation;
  canonicalizationMethod?: ElementLocation;
  signatureValue?: ElementLocation;
  keyInfo?: ElementLocation;
  /** The first X509Certificate in KeyInfo (X509Data): the signer's, as signers write it. */
  x509Certificate?: ElementLocation;
  /** One entry per SignedInfo Reference, in order (parallel to SignatureInfo.references). */
  references: ReferenceElements[];
}

/**
 * Reads the locations once per signature; the rules look them up per receiver. Paths are built
 * down from the signature's (one walk to the root per signature, not one per element).
 */
export function signatureParts(
  signature: XmlElement,
  /** elementPath(signature), when the caller has it already. */
  path = elementPath(signature),
): SignatureElements {
  const under = (parent: ElementLocation | undefined, element: XmlElement | undefined) =>
    parent && element ? { path: childPath(parent.path, element), pos: element.pos } : undefined;
  const self = { path, pos: signature.pos };
  const signedInfoElement = dsigChild(signature, 'SignedInfo');
  const keyInfoElement = dsigChild(signature, 'KeyInfo');
  const x509DataElement = keyInfoElement && dsigChild(keyInfoElement, 'X509Data');
  const signedInfo = under(self, signedInfoElement);
  const keyInfo = under(self, keyInfoElement);
  return {
    signedInfo,
    signatureMethod: under(
      signedInfo,
      signedInfoElement && dsigChild(signedInfoElement, 'SignatureMethod'),
    ),
    canonicalizationMethod: under(
      signedInfo,
      signedInfoElement && dsigChild(signedInfoElement, 'CanonicalizationMethod'),
    ),
    signatureValue: under(self, dsigChild(signature, 'SignatureValue')),
    keyInfo,
    x509Certificate: under(
      under(keyInfo, x509DataElement),
      x509DataElement && dsigChild(x509DataElement, 'X509Certificate'),
    ),
    references: (signedInfoElement ? dsigChildren(signedInfoElement, 'Reference') : []).map(
      (element) => {
        const reference = under(signedInfo, element)!;
        return {
          reference,
          digestMethod: under(reference, dsigChild(element, 'DigestMethod')),
          digestValue: under(reference, dsigChild(element, 'DigestValue')),
          transforms: under(reference, dsigChild(element, 'Transforms')),
        };
      },
    ),
  };
}
