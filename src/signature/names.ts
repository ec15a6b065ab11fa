/** Namespace and algorithm URIs the XMLDSig code refers to by name. */
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
/** XMLDSig 1.1 namespace (ECKeyValue, DEREncodedKeyValue). */
export const DSIG11_NS = 'http://www.w3.org/2009/xmldsig11#';
export const EXC_C14N_NS = 'http://www.w3.org/2001/10/xml-exc-c14n#';

export const ENVELOPED_SIGNATURE_URI = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const XPATH_URI = 'http://www.w3.org/TR/1999/REC-xpath-19991116';
