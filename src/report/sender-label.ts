/**
 * "EU (DE)" for a document a member state issued, "RU" otherwise. Matrix rows stay keyed by the
 * profile; the country tells the reader of one pair where the document came from.
 */
export function senderLabel(sender: string, senderCountry: string | undefined): string {
  return senderCountry && senderCountry !== sender ? `${sender} (${senderCountry})` : sender;
}
