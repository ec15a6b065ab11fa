import { scanMembers } from '../jose/json-members.js';
import { lineColumnAt } from '../util/json-position.js';
import { clipQuoted } from '../util/clip.js';
import { readEncryption } from './encryption.js';
import { LocationMap } from './locations.js';
import { jsonToModel } from './json-model.js';
import { unsignedObjectContent } from './object-content.js';
import { pollutingNameProblems } from './model-members.js';
import type { ParsedDocument } from './model.js';
import { shippedDoctypes } from '../doctypes/load.js';
import { readFormat } from '../doctypes/read-format.js';
import {
  looksLikeJson,
  parseJsonDocument,
  parseXmlDocument,
  readFileWith,
  wideJsonDocument,
  type ReadOptions,
} from './read-base.js';

export { looksLikeJson, xmlParseErrorRuleId, type ReadOptions } from './read-base.js';

/**
 * Reads a file. A file named on the command line that does not exist is a UserError (exit 2);
 * one found under `--docs` (`within`) that cannot be read — unreadable, a FIFO or device, a
 * dangling symlink, a symlink out of the folder without `followSymlinks` — is one
 * document/readable finding, and the run goes on (issue #15). Bad content is a problem.
 */
export function readDocumentFile(file: string, options: ReadOptions = {}): ParsedDocument {
  return readFileWith(file, options, readDocument);
}

/** Parses one document once and extracts everything the rules need. Never throws on content. */
export function readDocument(
  file: string,
  bytes: Uint8Array,
  options: ReadOptions = {},
): ParsedDocument {
  if (looksLikeJson(bytes)) return readJson(file, bytes, options);
  const wide = wideJsonDocument(file, bytes);
  if (wide) return wide;
  return readXml(file, bytes, options);
}

function readXml(file: string, bytes: Uint8Array, options: ReadOptions): ParsedDocument {
  const { document, signatures } = parseXmlDocument(file, bytes, options);
  const xml = document.xml;
  if (!xml) return document;
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
  const { document, text } = parseJsonDocument(file, bytes, options);
  if (document.json === undefined || text === undefined) return document;
  const value = document.json;
  if (document.signatures.length === 0) {
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
