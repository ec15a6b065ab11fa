// The lazy-scheme wrapper (schemes/lazy-scheme.ts) hands every argument to the scheme it loads:
// an ML-DSA signature made with a context string verifies through it only if the context
// (SignatureParameters) gets there. xmlsec's own document, signed by xmlsec with OpenSSL 3.5.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lazyScheme } from '../../src/crypto/schemes/lazy-scheme.js';
import { mlDsaScheme } from '../../src/crypto/schemes/ml-dsa.js';
import { loadPrivateKey } from '../../src/pki/keys.js';
import { publicKeyFromPem } from '../../src/pki/spki.js';
import { c14nForUri } from '../../src/signature/c14n-method.js';
import { dsigChild } from '../../src/signature/dsig-elements.js';
import { readMethodParameters } from '../../src/signature/method-parameters.js';
import { readSignatures, signatureElementOf } from '../../src/signature/read.js';
import { canonicalize } from '../../src/xml/c14n.js';
import { parseXml } from '../../src/xml/parse.js';

const VECTORS = new URL('../vectors/xmlsec/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, VECTORS), 'utf8');

describe('lazyScheme', () => {
  it('passes the ML-DSA context string through to the loaded scheme (verify and sign)', async () => {
    const wrapped = lazyScheme(
      {
        name: 'ML-DSA (lazily loaded)',
        algorithmIds: mlDsaScheme.algorithmIds,
        families: mlDsaScheme.families,
        keyCodec: {
          families: mlDsaScheme.keyCodec!.families,
          claims: mlDsaScheme.keyCodec!.claims,
        },
      },
      async () => mlDsaScheme,
    );
    await wrapped.module.load();

    const doc = parseXml(
      read('aleksey-xmldsig-01/enveloped-sha512-mldsa65-with-context-string.xml'),
    );
    const [info] = readSignatures(doc);
    const signedInfo = dsigChild(signatureElementOf(doc, info!)!, 'SignedInfo')!;
    const { parameters } = readMethodParameters(dsigChild(signedInfo, 'SignatureMethod'));
    expect(parameters?.context?.length).toBeGreaterThan(0);
    const c14n = c14nForUri(info!.canonicalizationMethod)!;
    const octets = canonicalize(signedInfo, {
      method: c14n.method,
      withComments: c14n.withComments,
    });
    const key = publicKeyFromPem(read('keys/ml-dsa/ml-dsa-65-cert.pem'));
    const value = info!.signatureValue!;

    expect(wrapped.verify('ml-dsa-65', key, octets, value, 'xmldsig', parameters)).toBe(true);
    // The context is part of the signed message: without it the same value does not verify.
    expect(wrapped.verify('ml-dsa-65', key, octets, value, 'xmldsig', {})).toBe(false);

    // Signing through the wrapper signs with the context too.
    const signer = loadPrivateKey(
      new Uint8Array(readFileSync(new URL('keys/ml-dsa/ml-dsa-44-key.der', VECTORS))),
    );
    const signerKey = publicKeyFromPem(read('keys/ml-dsa/ml-dsa-44-cert.pem'));
    const signed = wrapped.sign('ml-dsa-44', signer, octets, 'xmldsig', parameters);
    expect(mlDsaScheme.verify('ml-dsa-44', signerKey, octets, signed, 'xmldsig', parameters)).toBe(
      true,
    );
  });
});
