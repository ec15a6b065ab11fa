import { SECURITY_RULES } from '../security/ids.js';
import { mappedProblemReports, securityMessages } from '../security/reports.js';
import { defineDocumentRule } from './define.js';

/**
 * External and relative Reference URIs and KeyInfo/RetrievalMethod make a verifier fetch
 * (SSRF, local file disclosure through file: URIs) and make the document's meaning depend on
 * a resource the receiver does not hold. corridor never fetches; this rule names the attempt.
 */
export const securityExternalReference = defineDocumentRule({
  id: SECURITY_RULES.externalReference,
  defaultSeverity: 'error',
  meta: {
    description:
      'No Reference or RetrievalMethod outside the document: never fetched (SSRF, content outside the signature).',
    messages: {
      ...securityMessages(SECURITY_RULES.externalReference),
    },
  },
  check: (context) =>
    mappedProblemReports(SECURITY_RULES.externalReference, context, {
      attack: 'external reference (SSRF / unsigned-content class)',
      hint: 'Sign the content inside the document (URI="" or "#id"); external URIs and RetrievalMethod are never fetched, so what they name cannot be checked offline and fetching them would let the document make requests.',
      jws: {
        attack: 'remote key reference (x5u / jku)',
        hint: 'Put the signer’s certificate chain in x5c; corridor never fetches x5u or jku, so a key named only by URL cannot be checked offline, and fetching it would let the document make requests.',
      },
    }),
});
