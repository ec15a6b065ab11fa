import { readStdin, STDIN } from './stdin.js';
import { closeSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { parseXml } from '../xml/parse.js';
import { XmlParseError } from '../xml/dom.js';
import { markReadStart } from '../security/budget.js';
import { documentLimits, type DocumentLimits } from '../limits.js';
import { readJwsCt } from '../jose/jws-ct-read.js';
import { scanMembers } from '../jose/json-members.js';
import { firstJsonErrorOffset, lineColumnAt } from '../util/json-position.js';
import { readSignatures } from '../signature/read.js';
import { clipQuoted } from '../util/clip.js';
import { UserError } from '../util/errors.js';
import { readEncryption } from './encryption.js';
import { LocationMap } from './locations.js';
import { jsonToModel } from './json-model.js';
import { unsignedObjectContent } from './object-content.js';
import { pollutingNameProblems } from './model-members.js';
import type { ParsedDocument } from './model.js';
import { shippedDoctypes, type DoctypeSet } from '../doctypes/load.js';
import { readFormat } from '../doctypes/read-format.js';
import type { XsdEngine } from '../doctypes/xsd.js';
import type { DocumentProblemId } from '../rule-ids.js';
import type { Lazy } from '../util/lazy.js';

/** Bytes looked at to tell JSON from XML: a BOM, some blank space and the first character. */
const PEEK_BYTES = 64;

export interface ReadOptions {
  /** Parser and security limits (src/security/limits.ts); the rest keep their defaults. */
  limits?: Partial<DocumentLimits>;
  /** Document type definitions (default: the shipped ones; `--doctypes` adds more). */
  doctypes?: DoctypeSet;
  /**
   * XSD validation (libxml2), loaded or to load when a document needs it (`check`, under
   * util/lazy.ts withLazy); without it, schemas are not checked (e.g. `verify`).
   */
  xsd?: XsdEngine | Lazy<XsdEngine>;
  /**
   * The `--docs` folder the file was found in: then a file that cannot be read is a finding,
   * not an error, and a symlink resolving outside the folder is not read.
   */
  within?: string;
  /** `--follow-symlinks`: read symlinks that resolve outside `within`. */
  followSymlinks?: boolean;
}

/**
 * Reads a file. A file named on the command line that does not exist is a UserError (exit 2);
 * one found under `--docs` (`within`) that cannot be read — unreadable, a FIFO or device, a
 * dangling symlink, a symlink out of the folder without `followSymlinks` — is one
 * document/readable finding, and the run goes on (issue #15). Bad content is a problem.
 */
export function readDocumentFile(file: string, options: ReadOptions = {}): ParsedDocument {
  let bytes: Uint8Array;
  const maxBytes = documentLimits(options.limits).maxBytes;
  if (file === STDIN) {
    let input: Uint8Array | number;
    try {
      input = readStdin(maxBytes);
    } catch {
      throw new UserError('cannot read document: standard input');
    }
    return typeof input === 'number'
      ? oversized(file, input, maxBytes, 'xml')
      : readDocument(file, input, options);
  }
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    if (!options.within && (error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UserError(`cannot read document: ${file}`);
    return unreadable(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (options.within && !options.followSymlinks && !insideFolder(file, options.within)) {
    return unreadable(
      file,
      `is a symbolic link to a file outside ${options.within}: not followed (--follow-symlinks reads it)`,
    );
  }
  // Never opened unless regular: a FIFO would block the run, /dev/zero never end.
  if (!stat.isFile()) {
    if (!options.within) throw new UserError(`cannot read document: ${file} is not a regular file`);
    return unreadable(file, 'is not a regular file (a FIFO, device or folder)');
  }
  // Sized before it is read: an oversized file is refused with only its first bytes read,
  // enough to label it JSON or XML.
  try {
    if (stat.size > maxBytes) return oversized(file, stat.size, maxBytes, formatOf(peek(file)));
    bytes = readFileSync(file);
  } catch (error) {
    if (!options.within) throw new UserError(`cannot read document: ${file}`);
    return unreadable(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return readDocument(file, bytes, options);
}

/** Whether the file's real path lies inside the folder's real path. */
function insideFolder(file: string, folder: string): boolean {
  try {
    const root = realpathSync(folder);
    const real = realpathSync(file);
    return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
  } catch {
    return false;
  }
}

function unreadable(file: string, why: string): ParsedDocument {
  const document = emptyDocument(file, /\.json$/i.test(file) ? 'json' : 'xml');
  document.problems.push({
    ruleId: 'document/unreadable',
    message: `${file} ${why}`,
    location: { path: '/' },
    hint: 'Give corridor regular, readable files; remove or fix this entry.',
  });
  return document;
}

/** Parses one document once and extracts everything the rules need. Never throws on content. */
export function readDocument(
  file: string,
  bytes: Uint8Array,
  options: ReadOptions = {},
): ParsedDocument {
  if (looksLikeJson(bytes)) return readJson(file, bytes, options);
  const wide = wideJsonEncoding(bytes);
  if (wide) {
    const document = emptyDocument(file, 'json');
    document.problems.push({
      ruleId: 'document/well-formed',
      message: `JSON in ${wide}: JSON exchanged between systems must be UTF-8 (RFC 8259 §8.1)`,
      location: { path: '/' },
      hint: 'Re-encode the document as UTF-8 (a UTF-8 byte-order mark is tolerated).',
    });
    return document;
  }
  return readXml(file, bytes, options);
}

/** The first bytes of a file (bounded read): what `looksLikeJson` needs, nothing more. */
function peek(file: string): Uint8Array {
  const head = new Uint8Array(PEEK_BYTES);
  const fd = openSync(file, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, PEEK_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** The format `readDocument` would parse these bytes as. */
function formatOf(head: Uint8Array): 'xml' | 'json' {
  return looksLikeJson(head) || wideJsonEncoding(head) ? 'json' : 'xml';
}

/** UTF-16 / UTF-32 byte-order marks followed by `{`: JSON in an encoding JSON may not use. */
function wideJsonEncoding(bytes: Uint8Array): string | undefined {
  const at = (...pattern: number[]) => pattern.every((b, i) => bytes[i] === b);
  if (at(0x00, 0x00, 0xfe, 0xff, 0x00, 0x00, 0x00, 0x7b)) return 'UTF-32BE';
  if (at(0xff, 0xfe, 0x00, 0x00, 0x7b, 0x00, 0x00, 0x00)) return 'UTF-32LE';
  if (at(0xfe, 0xff, 0x00, 0x7b)) return 'UTF-16BE';
  if (at(0xff, 0xfe, 0x7b, 0x00)) return 'UTF-16LE';
  return undefined;
}

function oversized(
  file: string,
  size: number,
  maxBytes: number,
  format: 'xml' | 'json',
): ParsedDocument {
  const document = emptyDocument(file, format);
  document.problems.push({
    ruleId: 'document/limit',
    message: `document of ${size} bytes exceeds the limit of ${maxBytes} bytes (--max-bytes); not read`,
    location: { path: '/' },
    hint: 'Split the document, or raise the limit with --max-bytes if it is genuine.',
  });
  return document;
}

/** True when the first non-blank byte (after an optional BOM) is `{`. */
export function looksLikeJson(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length && i < PEEK_BYTES; i++) {
    const b = bytes[i];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    if (b === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) {
      i += 2;
      continue;
    }
    return b === 0x7b; // '{'
  }
  return false;
}

function emptyDocument(file: string, format: 'xml' | 'json'): ParsedDocument {
  return {
    file,
    format,
    model: {},
    signatures: [],
    encryption: [],
    encryptedPointers: [],
    problems: [],
    locate: (pointer) => ({ path: pointer || '/' }),
  };
}

/** The document rule an XML parse failure is reported under. */
export function xmlParseErrorRuleId(error: XmlParseError): DocumentProblemId {
  if (error.code === 'dtd-refused') return 'document/dtd-refused';
  return error.code === 'limit' ? 'document/limit' : 'document/well-formed';
}

function readXml(file: string, bytes: Uint8Array, options: ReadOptions): ParsedDocument {
  const document = emptyDocument(file, 'xml');
  let xml;
  const started = performance.now();
  try {
    xml = parseXml(bytes, options.limits);
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    document.problems.push({
      ruleId: xmlParseErrorRuleId(error),
      message: error.message,
      location: { path: '/', pos: { line: error.line, column: error.column, offset: 0 } },
      hint:
        error.code === 'dtd-refused'
          ? 'Remove the DOCTYPE: cross-border documents must not carry DTDs or entity declarations.'
          : 'Fix the XML so that it is well-formed UTF-8 or UTF-16.',
    });
    return document;
  }
  document.xml = xml;
  markReadStart(xml, started);
  // The verifier verifies (or refuses) the same first signatures: results stay aligned.
  const signatures = readSignatures(xml);
  document.signatureCount = signatures.length;
  document.signatures = signatures.slice(0, documentLimits(options.limits).maxSignatures);
  const read = readFormat(xml, bytes, options.doctypes ?? shippedDoctypes(), document, options.xsd);
  if (!read) {
    document.encryption = readEncryption(xml);
    return document;
  }
  const { collisions, polluting, nonData, root } = read;
  // Only an EncryptedData that replaced document content counts (xml-model.ts).
  document.encryption = readEncryption(xml, nonData.replacing);
  document.encryptedElementParents = nonData.encryptedElementParents;
  document.misplacedSignatures = nonData.misplacedSignatures;
  document.unsignedObjectContent = unsignedObjectContent(xml, root.namespaceURI ?? '', signatures);
  for (const pointer of collisions.slice(0, 16)) {
    // The model keeps one value per field: rules would check the last copy and miss the rest.
    document.problems.push({
      ruleId: 'document/repeated-field',
      message: `${pointer} is given more than once (repeated element or an attribute of the same name); corridor reads one value, so the others would go unchecked`,
      location: document.locate(pointer),
      hint: 'Give each single-valued field once.',
    });
  }
  document.problems.push(...pollutingNameProblems(polluting, document.locate));
  return document;
}

function readJson(file: string, bytes: Uint8Array, options: ReadOptions): ParsedDocument {
  // The XML parser bounds its input itself; JSON.parse has no limit of its own.
  const maxBytes = documentLimits(options.limits).maxBytes;
  if (bytes.length > maxBytes) return oversized(file, bytes.length, maxBytes, 'json');
  const document = emptyDocument(file, 'json');
  let value: unknown;
  let text: string;
  try {
    // Fatal: a replacement character would make two different byte strings the same text.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    document.problems.push({
      ruleId: 'document/well-formed',
      message: 'invalid JSON: not well-formed UTF-8 (RFC 8259 §8.1)',
      location: { path: '/' },
      hint: 'Re-encode the document as UTF-8.',
    });
    return document;
  }
  try {
    value = JSON.parse(text);
  } catch {
    // Node 20's message has no position: locate the first character that stops being JSON.
    const offset = firstJsonErrorOffset(text);
    const { line, column } = lineColumnAt(text, offset);
    document.problems.push({
      ruleId: 'document/well-formed',
      message: `invalid JSON: ${
        offset < text.length
          ? `unexpected ${JSON.stringify(text[offset])}`
          : 'unexpected end of input'
      }`,
      location: { path: '/', pos: { line, column, offset } },
    });
    return document;
  }
  document.json = value;
  // Read before the type is known, as for XML: `verify` checks signatures of any document.
  const signature = readJwsCt(value, text, options.limits);
  if (signature) {
    document.signatures = [signature];
    document.signatureCount = 1;
  } else {
    // The signature reader reports these for signed documents; unsigned ones hide data too.
    for (const duplicate of scanMembers(text).duplicates) {
      document.problems.push({
        ruleId: 'document/duplicate-member',
        message: `member ${clipQuoted(duplicate.pointer)} appears more than once: corridor reads the last, another JSON parser may read the first (I-JSON, RFC 7493 §2.3)`,
        location: {
          path: duplicate.pointer,
          pos: { ...lineColumnAt(text, duplicate.offset), offset: duplicate.offset },
        },
        hint: 'Give each member once.',
      });
    }
  }
  const result = jsonToModel(value);
  if ('problem' in result) {
    document.problems.push({
      ruleId: 'document/type',
      message: result.problem,
      location: { path: '/' },
      hint: result.hint,
    });
    return document;
  }
  const locations = new LocationMap({ path: '' });
  for (const pointer of result.pointers) locations.set(pointer, { path: pointer || '/' });
  document.type = result.definition.type;
  document.model = result.model;
  const country = result.model[result.definition.issuingCountryKey];
  if (typeof country === 'string' && country) document.issuingCountry = country;
  document.locate = (pointer) => locations.locate(pointer);
  for (const pointer of result.outOfRange.slice(0, 16)) {
    document.problems.push({
      ruleId: 'document/number-range',
      message: `${pointer} is a number beyond the IEEE 754 double range (read as infinity): not I-JSON (RFC 7493 §2.2), and JCS has no form for it`,
      location: document.locate(pointer),
      hint: 'Write the value as a string (amounts keep their decimal form), or within the double range.',
    });
  }
  document.problems.push(...pollutingNameProblems(result.polluting, document.locate));
  return document;
}
