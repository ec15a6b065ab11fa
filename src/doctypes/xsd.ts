import { DOCUMENT_PROBLEMS } from '../rule-ids.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentProblem } from '../documents/model.js';
import type { XmlDocument, XmlElement } from '../xml/dom.js';
import { Lazy } from '../util/lazy.js';
import { elementPath } from '../xml/path.js';
import { matchesAny } from './glob.js';
import type { Doctype } from './types.js';

type Libxml2 = typeof import('libxml2-wasm');
type Validator = InstanceType<Libxml2['XsdValidator']>;

export const SCHEMA_RULE = DOCUMENT_PROBLEMS.schemaValid;
/** Schema errors reported per document; the rest are counted in one more finding. */
const MAX_SCHEMA_ERRORS = 20;

/**
 * XSD validation with libxml2 (libxml2-wasm: the maintained WebAssembly build; no native
 * module, no network). Schemas are read only from the definition folders, through our own
 * input provider: a schemaLocation anywhere else (or on the network) does not resolve.
 * Each schema set is compiled once per process and reused for every document.
 */
export class XsdEngine {
  private readonly validators = new Map<string, Validator | Error>();
  private readonly roots = new Set<string>();

  constructor(private readonly lib: Libxml2) {
    const files = new Map<number, { data: Uint8Array; at: number }>();
    let next = 1;
    lib.xmlRegisterInputProvider({
      match: (name) => this.allowed(name) !== undefined,
      open: (name) => {
        const path = this.allowed(name);
        if (!path) return undefined;
        const fd = next++;
        files.set(fd, { data: readFileSync(path), at: 0 });
        return fd;
      },
      read: (fd, buf) => {
        const file = files.get(fd as number);
        if (!file) return -1;
        const n = Math.min(buf.length, file.data.length - file.at);
        buf.set(file.data.subarray(file.at, file.at + n));
        file.at += n;
        return n;
      },
      close: (fd) => files.delete(fd as number),
    });
  }

  /** A schema file inside a definition folder, or undefined. */
  private allowed(name: string): string | undefined {
    let path: string;
    try {
      path = resolve(name.startsWith('file:') ? fileURLToPath(name) : name);
    } catch {
      return undefined;
    }
    for (const root of this.roots)
      if (path.startsWith(root + sep) && existsSync(path) && statSync(path).isFile()) return path;
    return undefined;
  }

  /** The compiled validator of one schema entry (compiled on first use, then cached). */
  validator(doctype: Doctype, entry: string): Validator | Error {
    const path = resolve(doctype.dir, entry);
    let found = this.validators.get(path);
    if (!found) {
      this.roots.add(resolve(doctype.dir));
      try {
        const schemaDoc = this.lib.XmlDocument.fromBuffer(readFileSync(path), {
          url: path,
          option: this.lib.ParseOption.XML_PARSE_NONET,
        });
        found = this.lib.XsdValidator.fromDoc(schemaDoc);
      } catch (error) {
        found = error instanceof Error ? error : new Error(String(error));
      }
      this.validators.set(path, found);
    }
    return found;
  }

  parse(bytes: Uint8Array) {
    const { ParseOption } = this.lib;
    // No entity substitution, no DTD loading, no network; line numbers beyond 65535 kept.
    return this.lib.XmlDocument.fromBuffer(bytes, {
      option:
        ParseOption.XML_PARSE_NONET |
        ParseOption.XML_PARSE_BIG_LINES |
        ParseOption.XML_PARSE_NO_XXE,
    });
  }

  get library(): Libxml2 {
    return this.lib;
  }
}

/**
 * libxml2 (~40 ms to load and set up), loaded once per process: up front by the commands that
 * read many documents, or by `check` and `verify` when a document of a type with a shipped
 * schema first needs it (util/lazy.ts).
 */
export const XSD_ENGINE = new Lazy(
  'the libxml2 XSD validator',
  async () => new XsdEngine(await import('libxml2-wasm')),
);

export function loadXsdEngine(): Promise<XsdEngine> {
  return XSD_ENGINE.load();
}

/** `/*[1]/*[3]`: the element's position among element children, for libxml2's XPath. */
function indexPath(el: XmlElement): string {
  const steps: string[] = [];
  for (let e: XmlElement = el; e.parent; e = e.parent) {
    const index = e.parent.children.filter((c) => c.kind === 'element').indexOf(e) + 1;
    steps.push(`*[${index}]`);
  }
  return '/*' + (steps.length ? '/' + steps.reverse().join('/') : '');
}

/** The element an error names at its line: the column libxml2 does not give. */
function elementAt(root: XmlElement, line: number, message: string): XmlElement | undefined {
  const named = /Element '(?:\{[^}]*\})?([^']+)'/.exec(message)?.[1];
  let first: XmlElement | undefined;
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop() as XmlElement;
    if (el.pos.line === line) {
      if (!named || el.localName === named) return el;
      first ??= el;
    }
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (c?.kind === 'element' && c.pos.line <= line) stack.push(c);
    }
  }
  return first;
}

/**
 * Validates the business document (the root, or the payload of an envelope) against the
 * schema set of its own version. A version no shipped set covers, or a schema the terms do
 * not let us ship, is said plainly; it is not a validity verdict.
 */
export function validateAgainstXsd(
  xsdEngine: XsdEngine | Lazy<XsdEngine>,
  doctype: Doctype,
  version: string | undefined,
  bytes: Uint8Array,
  root: XmlElement,
  xml: XmlDocument,
): DocumentProblem[] {
  const xsd = doctype.xsd;
  if (!xsd) return [];
  const where = { path: elementPath(root), pos: root.pos };
  if (!xsd.shipped)
    return [
      {
        ruleId: SCHEMA_RULE,
        severity: 'info',
        message: `${doctype.id}: not validated against its XSD — the schema is not shipped (${xsd.note ?? xsd.licence})`,
        location: where,
      },
    ];
  const set = (xsd.sets ?? []).find(
    (s) => version !== undefined && matchesAny(s.versions, version),
  );
  if (!set) {
    const covered = (xsd.sets ?? []).map(
      (s) => `${s.versions.join('/')}${s.schemaVersion ? ` (XSD ${s.schemaVersion})` : ''}`,
    );
    return [
      {
        ruleId: SCHEMA_RULE,
        severity: 'warning',
        message: `${doctype.id}: no schema for version ${version ?? '(none stated)'} — the shipped schemas cover ${covered.join(', ') || 'no version'}; not validated`,
        location: where,
        hint: 'Validate against the schema of this version, or add it to the definition (xsd.sets).',
      },
    ];
  }
  const engine = xsdEngine instanceof Lazy ? xsdEngine.get() : xsdEngine;
  const validator = engine.validator(doctype, set.entry);
  if (validator instanceof Error)
    return [
      {
        ruleId: SCHEMA_RULE,
        message: `${doctype.id}: schema ${set.entry} does not compile: ${validator.message.trim()}`,
        location: where,
        hint: 'Fix the definition’s schema set (corridor doctypes lint).',
      },
    ];
  const lib = engine.library;
  let doc;
  try {
    doc = engine.parse(bytes);
  } catch (error) {
    return [
      {
        ruleId: SCHEMA_RULE,
        message: `libxml2 could not read the document for validation: ${error instanceof Error ? error.message.trim() : String(error)}`,
        location: where,
      },
    ];
  }
  try {
    const target = doc.get(indexPath(root));
    if (!(target instanceof lib.XmlElement)) return [];
    validator.validate(target);
    return [];
  } catch (error) {
    if (!(error instanceof lib.XmlValidateError)) throw error;
    const problems: DocumentProblem[] = error.details.slice(0, MAX_SCHEMA_ERRORS).map((d) => {
      const message = d.message.trim();
      const el = d.line ? elementAt(xml.root, d.line, message) : undefined;
      return {
        ruleId: SCHEMA_RULE,
        message: `${doctype.id}${set.schemaVersion ? ` (XSD ${set.schemaVersion})` : ''}: ${message}`,
        location: el
          ? { path: elementPath(el), pos: el.pos }
          : {
              path: d.xpath ?? where.path,
              pos: { line: d.line ?? 0, column: d.col ?? 0, offset: 0 },
            },
      };
    });
    if (error.details.length > MAX_SCHEMA_ERRORS)
      problems.push({
        ruleId: SCHEMA_RULE,
        message: `${error.details.length - MAX_SCHEMA_ERRORS} more schema errors not listed`,
        location: where,
      });
    return problems;
  } finally {
    doc.dispose();
  }
}
