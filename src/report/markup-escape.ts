/**
 * Escaping for XML and HTML. Documents are untrusted input, so every string taken from a result
 * goes through one of these before it reaches markup.
 */

// Characters XML 1.0 forbids outright (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/F).
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces characters no XML parser accepts with U+FFFD, so one bad byte cannot void a report. */
export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_XML, '\ufffd');
}

/** Text content of an element (XML or HTML). */
export function escapeText(text: string): string {
  return stripInvalidXml(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A double-quoted attribute value; newlines and tabs are kept as character references. */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
