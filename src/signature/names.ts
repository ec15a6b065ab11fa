/** Namespace and algorithm URIs the XMLDSig code refers to by name. */
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
/** XMLDSig 1.1 namespace (ECKeyValue, DEREncodedKeyValue). */
export const DSIG11_NS = 'http://www.w3.org/2009/xmldsig11#';
export const EXC_C14N_NS = 'http://www.w3.org/2001/10/xml-exc-c14n#';

export const ENVELOPED_SIGNATURE_URI = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const XPATH_URI = 'http://www.w3.org/TR/1999/REC-xpath-19991116';
/** `xmldsig#base64`: decodes the text of its input (XMLDSig §6.6.2). */
export const BASE64_TRANSFORM_URI = 'http://www.w3.org/2000/09/xmldsig#base64';
/** XSLT (XMLDSig §6.6.5): recognised and refused. */
export const XSLT_URI = 'http://www.w3.org/TR/1999/REC-xslt-19991116';
/** XPath Filter 2.0 (W3C Recommendation 2002). */
export const XPATH_FILTER2_URI = 'http://www.w3.org/2002/06/xmldsig-filter2';
