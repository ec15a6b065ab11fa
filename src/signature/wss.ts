/** OASIS Web Services Security 1.0/1.1 names (WSS SOAP Message Security, X.509 Token Profile). */
export const WSSE_NS =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
/** BinarySecurityToken ValueType of a single X.509 v3 certificate. */
export const WSSE_X509V3 =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
