import type { Rule, RuleReport } from './types.js';
import { signatureLocation } from './signature-facts.js';

export const signaturePlacement: Rule = {
  id: 'signature/placement',
  description:
    'The signature is placed (enveloped / enveloping / detached) as the receiver requires, and never inside a business field.',
  defaultSeverity: 'error',
  check: ({ document, receiver }) => {
    // A signature moved into a data field still verifies (the enveloped transform removes it
    // wherever it is), but no producer puts it there: whoever did altered the document.
    const reports: RuleReport[] = (document.misplacedSignatures ?? []).map((location) => ({
      message: `ds:Signature inside the business field ${location.path.replace(/\/[^/]*$/, '')}: a signature is a child of the document root, never part of a data field`,
      location,
      hint: 'Place the enveloped signature as the last child of the root element.',
    }));
    for (const location of document.unsignedObjectContent ?? []) {
      reports.push({
        message: `document content ${location.path} inside a ds:Object that no signature Reference signs: a reader of the Object would take unsigned data for the document`,
        location,
        hint: 'Remove the content from ds:Object, or sign the Object by Reference to its Id.',
      });
    }
    const allowed = receiver.signature?.placement;
    if (!allowed) return reports;
    for (const signature of document.signatures) {
      if (allowed.includes(signature.placement)) continue;
      reports.push({
        message: `${signature.placement} signature; ${receiver.id} requires ${allowed.join(' or ')}`,
        location: signatureLocation(signature),
        hint: `Produce an ${allowed[0]} signature.`,
      });
    }
    return reports;
  },
};
