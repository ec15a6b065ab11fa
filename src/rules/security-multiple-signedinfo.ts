import { SECURITY_RULES } from '../security/ids.js';
import { mappedProblemReports, securityMessages } from '../security/reports.js';
import { defineDocumentRule } from './define.js';

/**
 * CVE-2025-29774 (xml-crypto): with two SignedInfo elements the library verified the
 * SignatureValue over one and took the References of the other, so a forged SignedInfo rode
 * on a genuine signature. corridor refuses any Signature with more than one.
 */
export const securityMultipleSignedInfo = defineDocumentRule({
  id: SECURITY_RULES.multipleSignedInfo,
  defaultSeverity: 'error',
  meta: {
    description:
      'One SignedInfo per Signature (CVE-2025-29774: a second SignedInfo is checked while the first is used).',
    messages: {
      ...securityMessages(SECURITY_RULES.multipleSignedInfo),
    },
  },
  check: (context) =>
    mappedProblemReports(SECURITY_RULES.multipleSignedInfo, context, {
      attack: 'SignedInfo confusion (CVE-2025-29774)',
      hint: 'A Signature has exactly one SignedInfo; a second one is an attack or a broken signer. Re-sign the document.',
    }),
});
