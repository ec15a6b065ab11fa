import type { AlgorithmEntry } from './types.js';

/**
 * Algorithm identities from public sources. Sources abbreviated:
 * XMLDSIG11 = W3C XML Signature 1.1; XMLENC11 = W3C XML Encryption 1.1; RFC9231 =
 * Additional XML Security URIs; CPXMLSEC = IANA cpxmlsec registry; XMLSEC = xmlsec
 * src/strings.c (commit 3b7b2dbe); national libraries and captured messages are named in full.
 */
const W3C_MORE = 'http://www.w3.org/2001/04/xmldsig-more#';
const CP = 'urn:ietf:params:xml:ns:cpxmlsec:algorithms:';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const EPORT_2022 = 'http://www.chinaport.gov.cn/2022/04/xmldsig#';
const PKIGOVKZ = 'urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:';
/** xmlsec's namespace for ML-DSA / SLH-DSA (src/strings.c XMLSEC_ALKESEY_EXPERIMENTAL_2025_12). */
const XMLSEC_2025_12 = 'http://www.aleksey.com/xmlsec/2025/12/xmldsig-more#';

/**
 * JOSE `alg` names of signature methods: RFC 7518 §3.1 (RS*, PS*, ES*, HS*), RFC 9864
 * (Ed25519) and RFC 8037 §3.1 (EdDSA, here Ed25519 only); the first name is the one emitted. The IANA JOSE registry has no name for GOST R 34.10-2012 or
 * SM2 (drafts draft-makarov-gostjwa and draft-dang-webauthn-sm2 propose some, unregistered),
 * so corridor uses collision-resistant URNs (RFC 7515 §4.1.1) and marks them unconfirmed.
 * Their signature values are laid out as in XMLDSig (s‖r for GOST, r‖s for SM2).
 */
const JOSE_NAMES: Readonly<Record<string, { names: string[]; confirmed: boolean }>> = {
  'rsa-sha256': { names: ['RS256'], confirmed: true },
  'rsa-sha384': { names: ['RS384'], confirmed: true },
  'rsa-sha512': { names: ['RS512'], confirmed: true },
  'rsa-pss-sha256': { names: ['PS256'], confirmed: true },
  'rsa-pss-sha384': { names: ['PS384'], confirmed: true },
  'rsa-pss-sha512': { names: ['PS512'], confirmed: true },
  'ecdsa-sha256': { names: ['ES256'], confirmed: true },
  'ecdsa-sha384': { names: ['ES384'], confirmed: true },
  'ecdsa-sha512': { names: ['ES512'], confirmed: true },
  // RFC 9864 names Ed25519 fully and deprecates the polymorphic EdDSA, still widely written.
  ed25519: { names: ['Ed25519', 'EdDSA'], confirmed: true },
  'hmac-sha256': { names: ['HS256'], confirmed: true },
  'hmac-sha384': { names: ['HS384'], confirmed: true },
  'hmac-sha512': { names: ['HS512'], confirmed: true },
  'gost2012-256': { names: ['urn:corridor:jose:gost2012-256'], confirmed: false },
  'gost2012-512': { names: ['urn:corridor:jose:gost2012-512'], confirmed: false },
  'sm2-sm3': { names: ['urn:corridor:jose:sm2-sm3'], confirmed: false },
};

export const ALGORITHMS: readonly AlgorithmEntry[] = withJoseNames([
  // --- signature methods -------------------------------------------------------------
  sig(
    'rsa-sha1',
    'RSA PKCS#1 v1.5 with SHA-1',
    'rsa',
    ['http://www.w3.org/2000/09/xmldsig#rsa-sha1'],
    ['1.2.840.113549.1.1.5'],
    'sha1',
    'XMLDSIG11',
  ),
  sig(
    'rsa-sha256',
    'RSA PKCS#1 v1.5 with SHA-256',
    'rsa',
    [`${W3C_MORE}rsa-sha256`],
    ['1.2.840.113549.1.1.11'],
    'sha256',
    'RFC9231',
  ),
  sig(
    'rsa-sha384',
    'RSA PKCS#1 v1.5 with SHA-384',
    'rsa',
    [`${W3C_MORE}rsa-sha384`],
    ['1.2.840.113549.1.1.12'],
    'sha384',
    'RFC9231',
  ),
  sig(
    'rsa-sha512',
    'RSA PKCS#1 v1.5 with SHA-512',
    'rsa',
    [`${W3C_MORE}rsa-sha512`],
    ['1.2.840.113549.1.1.13'],
    'sha512',
    'RFC9231',
  ),
  sig(
    'rsa-pss-sha256',
    'RSA-PSS (MGF1) with SHA-256',
    'rsa',
    ['http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1'],
    ['1.2.840.113549.1.1.10'],
    'sha256',
    'RFC9231',
  ),
  sig(
    'rsa-pss-sha384',
    'RSA-PSS (MGF1) with SHA-384',
    'rsa',
    ['http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1'],
    ['1.2.840.113549.1.1.10'],
    'sha384',
    'RFC9231',
  ),
  sig(
    'rsa-pss-sha512',
    'RSA-PSS (MGF1) with SHA-512',
    'rsa',
    ['http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1'],
    ['1.2.840.113549.1.1.10'],
    'sha512',
    'RFC9231',
  ),
  sig(
    'ecdsa-sha256',
    'ECDSA with SHA-256',
    'ecdsa',
    [`${W3C_MORE}ecdsa-sha256`],
    ['1.2.840.10045.4.3.2'],
    'sha256',
    'RFC9231',
  ),
  sig(
    'ecdsa-sha384',
    'ECDSA with SHA-384',
    'ecdsa',
    [`${W3C_MORE}ecdsa-sha384`],
    ['1.2.840.10045.4.3.3'],
    'sha384',
    'RFC9231',
  ),
  sig(
    'ecdsa-sha512',
    'ECDSA with SHA-512',
    'ecdsa',
    [`${W3C_MORE}ecdsa-sha512`],
    ['1.2.840.10045.4.3.4'],
    'sha512',
    'RFC9231',
  ),
  sig(
    'ed25519',
    'Ed25519',
    'eddsa',
    ['http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519'],
    ['1.3.101.112'],
    undefined,
    'RFC9231',
  ),
  // RFC 9231 / RFC 6931 additions, as xmlsec names them (src/strings.c).
  sig(
    'rsa-sha224',
    'RSA PKCS#1 v1.5 with SHA-224',
    'rsa',
    [`${W3C_MORE}rsa-sha224`],
    ['1.2.840.113549.1.1.14'],
    'sha224',
    'RFC9231',
  ),
  ...pssMore(),
  sig(
    'ecdsa-sha1',
    'ECDSA with SHA-1',
    'ecdsa',
    [`${W3C_MORE}ecdsa-sha1`],
    ['1.2.840.10045.4.1'],
    'sha1',
    'RFC9231',
  ),
  sig(
    'ecdsa-sha224',
    'ECDSA with SHA-224',
    'ecdsa',
    [`${W3C_MORE}ecdsa-sha224`],
    ['1.2.840.10045.4.3.1'],
    'sha224',
    'RFC9231',
  ),
  ...[224, 256, 384, 512].map((bits, i) =>
    sig(
      `ecdsa-sha3-${bits}`,
      `ECDSA with SHA3-${bits}`,
      'ecdsa',
      [`http://www.w3.org/2021/04/xmldsig-more#ecdsa-sha3-${bits}`],
      [`2.16.840.1.101.3.4.3.${9 + i}`],
      `sha3-${bits}`,
      'RFC9231',
    ),
  ),
  {
    ...sig(
      'dsa-sha1',
      'DSA with SHA-1',
      'dsa',
      ['http://www.w3.org/2000/09/xmldsig#dsa-sha1'],
      ['1.2.840.10040.4.3'],
      'sha1',
      'XMLDSIG11',
    ),
    strength: 'legacy',
  },
  {
    ...sig(
      'dsa-sha256',
      'DSA with SHA-256',
      'dsa',
      ['http://www.w3.org/2009/xmldsig11#dsa-sha256'],
      ['2.16.840.1.101.3.4.3.2'],
      'sha256',
      'XMLDSIG11; RFC 6931',
    ),
    strength: 'legacy',
  },
  sig(
    'ed448',
    'Ed448',
    'eddsa',
    ['http://www.w3.org/2021/04/xmldsig-more#eddsa-ed448'],
    ['1.3.101.113'],
    undefined,
    'RFC9231',
  ),
  {
    ...sig(
      'rsa-md5',
      'RSA PKCS#1 v1.5 with MD5',
      'rsa',
      [`${W3C_MORE}rsa-md5`],
      ['1.2.840.113549.1.1.4'],
      'md5',
      'RFC9231 (MUST NOT be used, RFC 6151)',
    ),
    strength: 'broken',
  },
  {
    ...sig(
      'rsa-ripemd160',
      'RSA PKCS#1 v1.5 with RIPEMD-160',
      'rsa',
      [`${W3C_MORE}rsa-ripemd160`],
      ['1.3.36.3.3.1.2'],
      'ripemd160',
      'RFC9231',
    ),
    strength: 'broken',
  },
  {
    ...sig(
      'ecdsa-ripemd160',
      'ECDSA with RIPEMD-160',
      'ecdsa',
      ['http://www.w3.org/2007/05/xmldsig-more#ecdsa-ripemd160'],
      [],
      'ripemd160',
      'RFC9231',
    ),
    strength: 'broken',
  },
  {
    // Two names for one algorithm: xmlsec and SMEV 3 GOST 2001 requests use the W3C-style URI
    // (draft-chudov-cryptopro-cpxmldsig-00), CryptoPro's later drafts and IANA the URN.
    ...sig(
      'gost2001',
      'GOST R 34.10-2001 with GOST R 34.11-94',
      'gost2001',
      [`${W3C_MORE}gostr34102001-gostr3411`, `${CP}gostr34102001-gostr3411`],
      ['1.2.643.2.2.3'],
      'gostr3411-94',
      'RFC9231; CPXMLSEC; XMLSEC tests/aleksey-xmldsig-01/enveloped-gost2001.xml',
    ),
    aliases: {
      [`${CP}gostr34102001-gostr3411`]:
        'IANA cpxmlsec registry; draft-chudov-cryptopro-cpxmldsig-03 onward',
    },
  },
  sig(
    'gost2012-256',
    'GOST R 34.10-2012 256 with Streebog-256',
    'gost2012-256',
    [`${CP}gostr34102012-gostr34112012-256`],
    ['1.2.643.7.1.1.3.2'],
    'streebog256',
    'CPXMLSEC; RFC 7091',
  ),
  sig(
    'gost2012-512',
    'GOST R 34.10-2012 512 with Streebog-512',
    'gost2012-512',
    [`${CP}gostr34102012-gostr34112012-512`],
    ['1.2.643.7.1.1.3.3'],
    'streebog512',
    'CPXMLSEC; RFC 7091',
  ),
  {
    ...sig(
      'kz-gost2015-512',
      'Kazakhstan GOST 34.10-2015 512 with GOST 34.11-2015',
      'kz-gost-2015',
      [`${PKIGOVKZ}gostr34102015-gostr34112015-512`],
      ['1.2.398.3.10.1.1.2.3.2'],
      'kz-gost34112015-512',
      'pkigovkz/xmldsig DsigConstants.java (NCA of Kazakhstan); malikzh/NCANode KalkanUtil.java',
    ),
  },
  {
    // Not in the NCA's older jsr105 provider; NCANode maps the signature OID to this URI.
    ...sig(
      'kz-gost2015-256',
      'Kazakhstan GOST 34.10-2015 256 with GOST 34.11-2015',
      'kz-gost-2015',
      [`${PKIGOVKZ}gostr34102015-gostr34112015-256`],
      ['1.2.398.3.10.1.1.2.3.1'],
      'kz-gost34112015-256',
      'malikzh/NCANode KalkanUtil.java',
    ),
  },
  {
    ...sig(
      'kz-gost34310',
      'Kazakhstan GOST 34.310-2004 with GOST 34.311-95',
      'kz-gost-2004',
      [`${W3C_MORE}gost34310-gost34311`],
      ['1.2.398.3.10.1.1.1.2'],
      'kz-gost34311',
      'pkigovkz/xmldsig DsigConstants.java and pkigovkz.xml (NCA of Kazakhstan)',
    ),
  },
  {
    ...sig(
      'bign-hbelt',
      'bign with belt-hash',
      'bign',
      ['http://www.w3.org/2009/xmldsig11#bign-with-hbelt'],
      ['1.2.112.0.2.0.34.101.45.12'],
      'belt-hash256',
      'STB 34.101.45-2013; STB 34.101.50-2019 Appendix E',
    ),
  },
  {
    ...sig(
      'bign-bash256',
      'bign with bash256',
      'bign',
      ['http://www.w3.org/2009/xmldsig11#bign-with-bash256'],
      ['1.2.112.0.2.0.34.101.45.13'],
      'bash256',
      'STB 34.101.45-2013; STB 34.101.50-2019 Appendix E',
    ),
  },
  {
    // No standard XML URI for SM2 exists (not RFC 9231, not xmlsec, not GmSSL). China e-Port
    // customs XML names it in the W3C namespace without W3C defining it (with SHA-1 Reference
    // digests), and its 2022 client in its own namespace (with SM3 digests). corridor's earlier
    // URN stays an alias so documents it signed still parse; no receiver lists it.
    ...sig(
      'sm2-sm3',
      'SM2 with SM3',
      'sm2',
      [`${DSIG}sm2-sm3`, `${EPORT_2022}sm2-sm3`, 'urn:corridor:xmldsig:sm2-sm3'],
      ['1.2.156.10197.1.501'],
      'sm3',
      'GM/T 0003-2012; GB/T 33560-2017 (OID); China e-Port usage: Weasley-J/chinaport-data-signature SignatureAlgorithm.java',
    ),
    aliases: {
      [`${EPORT_2022}sm2-sm3`]:
        'China e-Port client of 2022 (with the digest …2022/04/xmldsig#sm3)',
      'urn:corridor:xmldsig:sm2-sm3': 'corridor before 2026.12, its own name that no system uses',
    },
  },
  // Post-quantum, pure mode (no pre-hash): the only XML names are xmlsec's, in a namespace it
  // calls experimental; OIDs from NIST CSOR (sigAlgs), RFC 9881 (ML-DSA) and RFC 9909 (SLH-DSA).
  ...(
    [
      [44, 17, 2420],
      [65, 18, 3309],
      [87, 19, 4627],
    ] as const
  ).map(([level, arc, bytes]) => ({
    ...sig(
      `ml-dsa-${level}`,
      `ML-DSA-${level}`,
      'ml-dsa',
      [`${XMLSEC_2025_12}ml-dsa-${level}`],
      [`2.16.840.1.101.3.4.3.${arc}`],
      undefined,
      'FIPS 204; XMLSEC; OID: NIST CSOR, RFC 9881',
    ),
    maxSignatureBytes: bytes,
    contextElement: { namespace: XMLSEC_2025_12, localName: 'MLDSAContextString' },
  })),
  ...(
    [
      ['128s', 20, 7856],
      ['128f', 21, 17088],
      ['192s', 22, 16224],
      ['192f', 23, 35664],
      ['256s', 24, 29792],
      ['256f', 25, 49856],
    ] as const
  ).map(([variant, arc, bytes]) => ({
    ...sig(
      `slh-dsa-sha2-${variant}`,
      `SLH-DSA-SHA2-${variant}`,
      'slh-dsa',
      [`${XMLSEC_2025_12}slh-dsa-sha2-${variant}`],
      [`2.16.840.1.101.3.4.3.${arc}`],
      undefined,
      'FIPS 205; XMLSEC; OID: NIST CSOR, RFC 9909',
    ),
    maxSignatureBytes: bytes,
    contextElement: { namespace: XMLSEC_2025_12, localName: 'SLHDSAContextString' },
  })),
  {
    ...sig(
      'uz-dst1092',
      "O'z DSt 1092:2009 with O'z DSt 1106:2009",
      'uz-dst',
      [],
      ['1.2.860.3.15.1.1.2.2.2.2'],
      undefined,
      "O'z DSt 1092:2009 (OID unconfirmed)",
    ),
    confirmed: false,
  },
  {
    ...sig(
      'hmac-sha256',
      'HMAC-SHA256 (shared secret, refused as a document signature)',
      'hmac',
      [`${W3C_MORE}hmac-sha256`],
      ['1.2.840.113549.2.9'],
      'sha256',
      'RFC9231',
    ),
  },
  {
    ...sig(
      'hmac-sha1',
      'HMAC-SHA1 (shared secret, refused as a document signature)',
      'hmac',
      ['http://www.w3.org/2000/09/xmldsig#hmac-sha1'],
      ['1.2.840.113549.2.7'],
      'sha1',
      'XMLDSIG11',
    ),
  },

  // --- digest methods ----------------------------------------------------------------
  dig('sha1', 'SHA-1', ['http://www.w3.org/2000/09/xmldsig#sha1'], ['1.3.14.3.2.26'], 'XMLDSIG11'),
  dig('sha224', 'SHA-224', [`${W3C_MORE}sha224`], ['2.16.840.1.101.3.4.2.4'], 'RFC9231'),
  dig(
    'sha256',
    'SHA-256',
    ['http://www.w3.org/2001/04/xmlenc#sha256'],
    ['2.16.840.1.101.3.4.2.1'],
    'XMLENC11',
  ),
  dig('sha384', 'SHA-384', [`${W3C_MORE}sha384`], ['2.16.840.1.101.3.4.2.2'], 'RFC9231'),
  dig(
    'sha512',
    'SHA-512',
    ['http://www.w3.org/2001/04/xmlenc#sha512'],
    ['2.16.840.1.101.3.4.2.3'],
    'XMLENC11',
  ),
  ...[224, 256, 384, 512].map((bits, i) =>
    dig(
      `sha3-${bits}`,
      `SHA3-${bits}`,
      [`http://www.w3.org/2007/05/xmldsig-more#sha3-${bits}`],
      [`2.16.840.1.101.3.4.2.${7 + i}`],
      'RFC9231',
    ),
  ),
  {
    ...dig('md5', 'MD5', [`${W3C_MORE}md5`], ['1.2.840.113549.2.5'], 'RFC9231 (RFC 6151)'),
    strength: 'broken',
  },
  {
    ...dig(
      'ripemd160',
      'RIPEMD-160',
      ['http://www.w3.org/2001/04/xmlenc#ripemd160'],
      ['1.3.36.3.2.1'],
      'XMLENC11',
    ),
    strength: 'broken',
  },
  dig(
    'gostr3411-94',
    'GOST R 34.11-94 (CryptoPro S-box)',
    [`${W3C_MORE}gostr3411`, `${CP}gostr3411`],
    ['1.2.643.2.2.9'],
    'RFC9231; RFC 5831',
  ),
  dig(
    'streebog256',
    'GOST R 34.11-2012 Streebog-256',
    [`${CP}gostr34112012-256`],
    ['1.2.643.7.1.1.2.2'],
    'CPXMLSEC; RFC 6986',
  ),
  dig(
    'streebog512',
    'GOST R 34.11-2012 Streebog-512',
    [`${CP}gostr34112012-512`],
    ['1.2.643.7.1.1.2.3'],
    'CPXMLSEC; RFC 6986',
  ),
  {
    ...dig(
      'sm3',
      'SM3',
      [`${EPORT_2022}sm3`, 'urn:corridor:xmldsig:sm3'],
      ['1.2.156.10197.1.401'],
      'GB/T 32905-2016; URI as used by the China e-Port 2022 client (no standard URI)',
    ),
    aliases: { 'urn:corridor:xmldsig:sm3': 'corridor before 2026.12, its own name' },
  },
  {
    ...dig(
      'kz-gost34112015-512',
      'Kazakhstan GOST 34.11-2015 512',
      [`${PKIGOVKZ}gostr34112015-512`],
      ['1.2.398.3.10.1.3.3'],
      'pkigovkz/xmldsig DsigConstants.java (NCA of Kazakhstan)',
    ),
  },
  {
    ...dig(
      'kz-gost34112015-256',
      'Kazakhstan GOST 34.11-2015 256',
      [`${PKIGOVKZ}gostr34112015-256`],
      ['1.2.398.3.10.1.3.2'],
      'malikzh/NCANode KalkanUtil.java',
    ),
  },
  {
    ...dig(
      'kz-gost34311',
      'Kazakhstan GOST 34.311-95',
      [`${W3C_MORE}gost34311`],
      ['1.2.398.3.10.1.3.1'],
      'pkigovkz/xmldsig pkigovkz.xml (NCA of Kazakhstan)',
    ),
  },
  {
    ...dig(
      'belt-hash256',
      'belt-hash',
      ['http://www.w3.org/2009/xmldsig11#belt-hash256'],
      ['1.2.112.0.2.0.34.101.31.81'],
      'STB 34.101.31-2011',
    ),
  },
  {
    ...dig(
      'bash256',
      'bash256',
      ['http://www.w3.org/2009/xmldsig11#bash256'],
      ['1.2.112.0.2.0.34.101.77.11'],
      'STB 34.101.77-2016',
    ),
  },

  // --- canonicalization and transforms ------------------------------------------------
  c14n('c14n10', 'Canonical XML 1.0', 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315'),
  c14n(
    'c14n10-comments',
    'Canonical XML 1.0 with comments',
    'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  ),
  c14n('c14n11', 'Canonical XML 1.1', 'http://www.w3.org/2006/12/xml-c14n11'),
  c14n(
    'c14n11-comments',
    'Canonical XML 1.1 with comments',
    'http://www.w3.org/2006/12/xml-c14n11#WithComments',
  ),
  c14n('exc-c14n', 'Exclusive XML Canonicalization', 'http://www.w3.org/2001/10/xml-exc-c14n#'),
  c14n(
    'exc-c14n-comments',
    'Exclusive XML Canonicalization with comments',
    'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  ),
  transform(
    'enveloped-signature',
    'Enveloped signature',
    'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
    true,
  ),
  transform(
    'xpath',
    'XPath filter (XPath 1.0)',
    'http://www.w3.org/TR/1999/REC-xpath-19991116',
    true,
  ),
  transform('xpath-filter2', 'XPath Filter 2.0', 'http://www.w3.org/2002/06/xmldsig-filter2', true),
  transform('xslt', 'XSLT', 'http://www.w3.org/TR/1999/REC-xslt-19991116', false),
  transform('base64', 'Base64 decoding', 'http://www.w3.org/2000/09/xmldsig#base64', true),
  transform(
    'smev-transform',
    'SMEV transform (Russia)',
    'urn://smev-gov-ru/xmldsig/transform',
    true,
  ),

  // --- XML Encryption -----------------------------------------------------------------
  enc(
    'aes128-cbc',
    'AES-128-CBC',
    'http://www.w3.org/2001/04/xmlenc#aes128-cbc',
    'aes',
    'XMLENC11',
  ),
  enc(
    'aes256-cbc',
    'AES-256-CBC',
    'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
    'aes',
    'XMLENC11',
  ),
  enc('aes128-gcm', 'AES-128-GCM', 'http://www.w3.org/2009/xmlenc11#aes128-gcm', 'aes', 'XMLENC11'),
  enc('aes256-gcm', 'AES-256-GCM', 'http://www.w3.org/2009/xmlenc11#aes256-gcm', 'aes', 'XMLENC11'),
  enc('gost28147', 'GOST 28147-89', `${CP}gost28147`, 'gost28147', 'CPXMLSEC'),
  {
    ...enc(
      'sm4-cbc',
      'SM4-CBC',
      'urn:corridor:xmlenc:sm4-cbc',
      'sm4',
      'GB/T 32907-2016; URI is corridor-defined',
    ),
    confirmed: false,
    oids: ['1.2.156.10197.1.104.2'],
  },
  kt(
    'rsa-oaep-mgf1p',
    'RSA-OAEP (MGF1 with SHA-1)',
    'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
    'rsa',
    'XMLENC11',
  ),
  kt('rsa-oaep', 'RSA-OAEP', 'http://www.w3.org/2009/xmlenc11#rsa-oaep', 'rsa', 'XMLENC11'),
  kt(
    'gost-transport-2001',
    'GOST key transport (2001 keys)',
    `${CP}transport-gost2001`,
    'gost2001',
    'CPXMLSEC',
  ),
  kt(
    'gost-transport-2012-256',
    'GOST key transport (2012-256 keys)',
    `${CP}transport-gost2012-256`,
    'gost2012-256',
    'CPXMLSEC',
  ),
  {
    ...kt(
      'sm2-key-transport',
      'SM2 public-key encryption',
      'urn:corridor:xmlenc:sm2',
      'sm2',
      'GM/T 0003-2012; URI is corridor-defined',
    ),
    confirmed: false,
  },

  // --- JSON canonicalization ------------------------------------------------------------
  {
    // RFC 8785 defines JCS but no algorithm identifier; JWS/CT (draft-jordan-jws-ct) names
    // none either, since the scheme is fixed. corridor names it by the RFC's URN.
    id: 'jcs',
    kind: 'canonicalization',
    name: 'JSON Canonicalization Scheme (JCS)',
    family: 'jcs',
    uris: ['urn:ietf:rfc:8785'],
    oids: [],
    verifiable: true,
    standard: 'RFC 8785',
    source: 'RFC 8785; identifier is corridor-defined',
    confirmed: false,
  },
  {
    ...sig(
      'hmac-sha384',
      'HMAC-SHA384 (shared secret, refused as a document signature)',
      'hmac',
      [`${W3C_MORE}hmac-sha384`],
      ['1.2.840.113549.2.10'],
      'sha384',
      'RFC9231',
    ),
  },
  {
    ...sig(
      'hmac-sha512',
      'HMAC-SHA512 (shared secret, refused as a document signature)',
      'hmac',
      [`${W3C_MORE}hmac-sha512`],
      ['1.2.840.113549.2.11'],
      'sha512',
      'RFC9231',
    ),
  },
]);

/** RSA-PSS beyond SHA-2/256+: SHA-1, SHA-224 and SHA3-* (RFC 9231 §2.3.10, xmlsec names). */
function pssMore(): AlgorithmEntry[] {
  return ['sha1', 'sha224', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512'].map((hash) =>
    sig(
      `rsa-pss-${hash}`,
      `RSA-PSS (MGF1) with ${hash.toUpperCase()}`,
      'rsa',
      [`http://www.w3.org/2007/05/xmldsig-more#${hash}-rsa-MGF1`],
      ['1.2.840.113549.1.1.10'],
      hash,
      'RFC9231',
    ),
  );
}

function withJoseNames(entries: AlgorithmEntry[]): AlgorithmEntry[] {
  return entries.map((entry) => {
    const jose = JOSE_NAMES[entry.id];
    return jose ? { ...entry, jose: jose.names, joseConfirmed: jose.confirmed } : entry;
  });
}

function sig(
  id: string,
  name: string,
  family: string,
  uris: string[],
  oids: string[],
  digest: string | undefined,
  source: string,
): AlgorithmEntry {
  return {
    id,
    kind: 'signature',
    name,
    family,
    uris,
    oids,
    digest,
    verifiable: false, // derived by the registry from crypto/schemes
    standard: name,
    source,
    confirmed: true,
  };
}

function dig(
  id: string,
  name: string,
  uris: string[],
  oids: string[],
  source: string,
): AlgorithmEntry {
  return {
    id,
    kind: 'digest',
    name,
    family: id,
    uris,
    oids,
    verifiable: false, // derived by the registry from crypto/digests
    standard: name,
    source,
    confirmed: true,
  };
}

function c14n(id: string, name: string, uri: string): AlgorithmEntry {
  return {
    id,
    kind: 'canonicalization',
    name,
    family: 'c14n',
    uris: [uri],
    oids: [],
    verifiable: true,
    standard: name,
    source: 'XMLDSIG11',
    confirmed: true,
  };
}

function transform(id: string, name: string, uri: string, verifiable: boolean): AlgorithmEntry {
  return {
    id,
    kind: 'transform',
    name,
    family: 'transform',
    uris: [uri],
    oids: [],
    verifiable,
    standard: name,
    source: 'XMLDSIG11',
    confirmed: true,
  };
}

function enc(
  id: string,
  name: string,
  uri: string,
  family: string,
  source: string,
): AlgorithmEntry {
  return {
    id,
    kind: 'encryption',
    name,
    family,
    uris: [uri],
    oids: [],
    verifiable: false,
    standard: name,
    source,
    confirmed: true,
  };
}

function kt(id: string, name: string, uri: string, family: string, source: string): AlgorithmEntry {
  return {
    id,
    kind: 'key-transport',
    name,
    family,
    uris: [uri],
    oids: [],
    verifiable: false,
    standard: name,
    source,
    confirmed: true,
  };
}
