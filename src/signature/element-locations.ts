import type { XmlElement, XmlPosition } from '../xml/dom.js';
import { elementPath } from '../xml/path.js';
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

const at = (element: XmlElement | undefined): ElementLocation | undefined =>
  element ? { path: elementPath(element), pos: element.pos } : undefined;

/** Reads the locations once per signature; the rules look them up per receiver. */
export function signatureParts(signature: XmlElement): SignatureElements {
  const signedInfo = dsigChild(signature, 'SignedInfo');
  const keyInfo = dsigChild(signature, 'KeyInfo');
  const x509Data = keyInfo && dsigChild(keyInfo, 'X509Data');
  return {
    signedInfo: at(signedInfo),
    signatureMethod: at(signedInfo && dsigChild(signedInfo, 'SignatureMethod')),
    canonicalizationMethod: at(signedInfo && dsigChild(signedInfo, 'CanonicalizationMethod')),
    signatureValue: at(dsigChild(signature, 'SignatureValue')),
    keyInfo: at(keyInfo),
    x509Certificate: at(x509Data && dsigChild(x509Data, 'X509Certificate')),
    references: (signedInfo ? dsigChildren(signedInfo, 'Reference') : []).map((reference) => ({
      reference: at(reference)!,
      digestMethod: at(dsigChild(reference, 'DigestMethod')),
      digestValue: at(dsigChild(reference, 'DigestValue')),
      transforms: at(dsigChild(reference, 'Transforms')),
    })),
  };
}
