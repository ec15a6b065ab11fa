import { readStdin, STDIN } from './stdin.js';
import { closeSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { parseXml } from '../xml/parse.js';
import { XmlParseError } from '../xml/dom.js';
import { markReadStart } from '../security/budget.js';
import { monotonicMs } from '../util/clock.js';
import { documentLimits, type DocumentLimits } from '../limits.js';
import { readJwsCt } from '../jose/jws-ct-read.js';
import { firstJsonErrorOffset, lineColumnAt } from '../util/json-position.js';
import { readSignatures } from '../signature/read.js';
import { UserError } from '../util/errors.js';
import type { ParsedDocument } from './model.js';
import type { SignatureInfo } from '../signature/types.js';
import type { DoctypeSet } from '../doctypes/load.js';
import type { XsdEngine } from '../doctypes/xsd.js';
import type { DocumentProblemId } from '../rule-ids.js';
import type { Lazy } from '../util/lazy.js';

/*
 * The part of reading a document every command shares: the file (size, symlink and
 * regular-file rules), parsing, and the signatures. `verify` stops there (readSignedFile):
 * it never loads the document type definitions (doctypes, their JSON Schemas and XSDs), which
 * only `check` and `matrix` need; read.ts adds the model.
 */

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
 * `read` reads the bytes (read.ts: the whole document; readSignedDocument: its signatures).
 */
export function readFileWith(
  file: string,
  options: ReadOptions,
  read: (file: string, bytes: Uint8Array, options: ReadOptions) => ParsedDocument,
): ParsedDocument {
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
      : read(file, input, options);
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
  return read(file, bytes, options);
}

/** Whether the file's real path lies inside the folder's real path. */
function insideFolder(file: string, folder: string): boolean {
  try {
    // realpath(3), one system call each: the JS realpathSync lstats every path component, for
    // every document of a --docs run. The folder's is resolved once per folder named.
    const real = realpathSync.native(file);
    // Outside by the remembered path: resolved again, in case the folder moved since.
    return within(real, folderRealPath(folder)) || within(real, folderRealPath(folder, true));
  } catch {
    return false;
  }
}

/** The last folder resolved and its real path: a run reads every document of one folder. */
let lastFolder: { folder: string; real: string } | undefined;

function folderRealPath(folder: string, again = false): string {
  if (again || lastFolder?.folder !== folder)
    lastFolder = { folder, real: realpathSync.native(folder) };
  return lastFolder.real;
}

function within(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
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

/**
 * A document read for its signatures only (`verify`): parsed, signatures read, no model,
 * no document type. Not-well-formed input comes back with its problem and no `xml`/`json`.
 */
export function readSignedDocument(
  file: string,
  bytes: Uint8Array,
  options: ReadOptions = {},
): ParsedDocument {
  if (looksLikeJson(bytes)) return parseJsonDocument(file, bytes, options).document;
  return wideJsonDocument(file, bytes) ?? parseXmlDocument(file, bytes, options).document;
}

/** readSignedDocument of a file, with readDocumentFile's rules for the file itself. */
export function readSignedFile(file: string, options: ReadOptions = {}): ParsedDocument {
  return readFileWith(file, options, readSignedDocument);
}

/** JSON in UTF-16/32: a document/well-formed problem (undefined for other bytes). */
export function wideJsonDocument(file: string, bytes: Uint8Array): ParsedDocument | undefined {
  const wide = wideJsonEncoding(bytes);
  if (!wide) return undefined;
  const document = emptyDocument(file, 'json');
  document.problems.push({
    ruleId: 'document/well-formed',
    message: `JSON in ${wide}: JSON exchanged between systems must be UTF-8 (RFC 8259 §8.1)`,
    location: { path: '/' },
    hint: 'Re-encode the document as UTF-8 (a UTF-8 byte-order mark is tolerated).',
  });
  return document;
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

export function oversized(
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

export function emptyDocument(file: string, format: 'xml' | 'json'): ParsedDocument {
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

/**
 * Parses XML and reads its signatures (`signatures`: all of them, the document keeps the first
 * maxSignatures): the part of reading every command needs. A document that is not well-formed
 * comes back without `xml`, its problem recorded.
 */
export function parseXmlDocument(
  file: string,
  bytes: Uint8Array,
  options: ReadOptions,
): { document: ParsedDocument; signatures: SignatureInfo[] } {
  const document = emptyDocument(file, 'xml');
  let xml;
  const started = monotonicMs();
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
    return { document, signatures: [] };
  }
  document.xml = xml;
  markReadStart(xml, started);
  // The verifier verifies (or refuses) the same first signatures: results stay aligned.
  const signatures = readSignatures(xml);
  document.signatureCount = signatures.length;
  document.signatures = signatures.slice(0, documentLimits(options.limits).maxSignatures);
  return { document, signatures };
}

/**
 * Decodes and parses JSON and reads its JWS/CT signature (`text`: the decoded text, for the
 * duplicate-member scan). A document that is not JSON comes back without `json`.
 */
export function parseJsonDocument(
  file: string,
  bytes: Uint8Array,
  options: ReadOptions,
): { document: ParsedDocument; text?: string } {
  // The XML parser bounds its input itself; JSON.parse has no limit of its own.
  const maxBytes = documentLimits(options.limits).maxBytes;
  if (bytes.length > maxBytes) return { document: oversized(file, bytes.length, maxBytes, 'json') };
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
    return { document };
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
    return { document };
  }
  document.json = value;
  // Read before the type is known, as for XML: `verify` checks signatures of any document.
  const signature = readJwsCt(value, text, options.limits);
  if (signature) {
    document.signatures = [signature];
    document.signatureCount = 1;
  }
  return { document, text };
}
