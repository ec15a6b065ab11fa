import type { RuleReport } from './types.js';
import { defineRule } from './define.js';
import { signatureLocation } from './signature-facts.js';

const messages = {
  insideField:
    'ds:Signature inside the business field {{field}}: a signature is a child of the document root, never part of a data field',
  unsignedObject:
    'document content {{path}} inside a ds:Object that no signature Reference signs: a reader of the Object would take unsigned data for the document',
  placement: '{{placement}} signature; {{receiver}} requires {{allowed}}',
};

export const signaturePlacement = defineRule({
  id: 'signature/placement',
  defaultSeverity: 'error',
  meta: {
    description:
      'The signature is placed (enveloped / enveloping / detached) as the receiver requires, and never inside a business field.',
    messages,
  },
  check: ({ document, receiver }) => {
    // A signature moved into a data field still verifies (the enveloped transform removes it
    // wherever it is), but no producer puts it there: whoever did altered the document.
    const reports: RuleReport<keyof typeof messages>[] = (document.misplacedSignatures ?? []).map(
      (location) => ({
        messageId: 'insideField',
        data: { field: location.path.replace(/\/[^/]*$/, '') },
        location,
        hint: 'Place the enveloped signature as the last child of the root element.',
      }),
    );
    for (const location of document.unsignedObjectContent ?? []) {
      reports.push({
        messageId: 'unsignedObject',
        data: { path: location.path },
        location,
        hint: 'Remove the content from ds:Object, or sign the Object by Reference to its Id.',
      });
    }
    const allowed = receiver.signature?.placement;
    if (!allowed) return reports;
    for (const signature of document.signatures) {
      if (allowed.includes(signature.placement)) continue;
      reports.push({
        messageId: 'placement',
        data: {
          placement: signature.placement,
          receiver: receiver.id,
          allowed: allowed.join(' or '),
        },
        location: signatureLocation(signature),
        hint: `Produce an ${allowed[0]} signature.`,
      });
    }
    return reports;
  },
});
