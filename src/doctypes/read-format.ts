import type { XmlDocument, XmlElement } from '../xml/dom.js';
import { elementPath } from '../xml/path.js';
import { LocationMap } from '../documents/locations.js';
import type { ModelObject, ParsedDocument } from '../documents/model.js';
import { elementNameDefinition } from '../documents/types/index.js';
import {
  DSIG_NS,
  emptyNonDataContent,
  xmlToModel,
  type NonDataContent,
} from '../documents/xml-model.js';
import type { DoctypeSet } from './load.js';
import { converterFor } from './conversions/index.js';
import { dataDirs } from './dirs.js';
import { mapFields } from './map-fields.js';
import { nativeModel } from './native.js';
import { describeDoctype, qualifiedName, recognise } from './recognise.js';
import type { Doctype } from './types.js';
import type { Lazy } from '../util/lazy.js';
import { validateAgainstXsd, type XsdEngine } from './xsd.js';

/** The model key holding the document under its own names (see native.ts). */
export const NATIVE_KEY = 'native';

/**
 * Recognises the document with the definitions, opens its envelopes, and reads the business
 * document into the model: element names (corridor's own formats) or `fields` (real formats),
 * plus the whole document under `native`. Reports an unknown type with its root QName and the
 * known types; validates against the XSD of the document's own version when one is shipped.
 */
export function readFormat(
  xml: XmlDocument,
  bytes: Uint8Array,
  set: DoctypeSet,
  document: ParsedDocument,
  xsd: XsdEngine | Lazy<XsdEngine> | undefined,
):
  | { collisions: string[]; polluting: string[]; nonData: NonDataContent; root: XmlElement }
  | undefined {
  const found = recognise(set.doctypes, xml.root);
  // What a signature must cover, known once the envelopes are open, even if the type is not.
  if (found.kind !== 'empty-envelope') document.businessDocumentPath = elementPath(found.root);
  const at = (el: XmlElement) => ({ path: elementPath(el), pos: el.pos });
  const through = found.envelopes.length
    ? ` inside ${found.envelopes.map((e) => e.doctype.id).join(' → ')}`
    : '';
  if (found.kind === 'unknown') {
    const known = set.doctypes.filter((d) => d.kind !== 'envelope').map(describeDoctype);
    document.problems.push({
      ruleId: 'document/type',
      message: `unknown document type: root element ${qualifiedName(found.root)}${through}`,
      location: at(found.root),
      hint: `Known types: ${known.join(', ')}. A new format is one definition file (--doctypes <dir>).`,
    });
    return undefined;
  }
  if (found.kind === 'version-refused') {
    document.problems.push({
      ruleId: 'document/type',
      message: `${found.doctype.id}: version ${found.version ?? '(none stated)'} of ${qualifiedName(found.root)} is not one this definition reads (${(found.doctype.match.versions ?? []).join(', ')})${through}`,
      location: at(found.root),
      hint: 'Send a version the definition covers, or add a definition for this version (--doctypes).',
    });
    return undefined;
  }
  if (found.kind === 'empty-envelope') {
    document.problems.push({
      ruleId: 'document/type',
      message: `${found.doctype.id} envelope ${qualifiedName(found.root)} carries no business document at ${(found.doctype.payload?.paths ?? []).join(' | ')}`,
      location: at(found.root),
      hint: 'Put the business document where the envelope carries it (or check the envelope definition).',
    });
    return undefined;
  }
  const { doctype, root } = found;
  const locations = new LocationMap(at(root));
  const collisions: string[] = [];
  const polluting: string[] = [];
  const nonData = emptyNonDataContent();
  let model: ModelObject | undefined;
  const definition = elementNameDefinition(doctype);
  if (doctype.elementNames && definition) {
    model = xmlToModel(
      root,
      { ...definition, namespace: root.namespaceURI ?? '' },
      locations,
      document.encryptedPointers,
      collisions,
      polluting,
      nonData,
    );
  } else {
    nonData.misplacedSignatures.push(...misplacedSignatures(root));
    locations.set('', at(root));
    model = mapFields(root, doctype.fields ?? {}, doctype.namespaces ?? {}, locations, {
      converter: (name) => {
        const converter = converterFor(name, { dirs: dataDirs(doctype) });
        // Sets from loadDoctypes were linted; a hand-made set still gets a finding, not a throw.
        return typeof converter === 'function' ? converter : () => ({ error: converter.problem });
      },
      problems: document.problems,
    });
    if (doctype.native ?? true) model[NATIVE_KEY] = nativeModel(root, `/${NATIVE_KEY}`, locations);
  }
  if (doctype.kind === 'envelope') return undefined;
  document.type = doctype.kind;
  document.model = model;
  const country = model[doctype.issuingCountryKey ?? 'issuingCountry'];
  if (typeof country === 'string' && country) document.issuingCountry = country;
  document.locate = (pointer) => locations.locate(pointer);
  document.documentFormat = {
    id: doctype.id,
    title: doctype.title,
    ...(found.version !== undefined ? { version: found.version } : {}),
    envelopes: found.envelopes.map((e) => ({ id: e.doctype.id, path: e.path })),
    path: elementPath(root),
  };
  if (xsd && doctype.xsd)
    document.schemaProblems = schemaCheck(xsd, doctype, found.version, bytes, root, xml);
  return { collisions, polluting, nonData, root };
}

function schemaCheck(
  engine: XsdEngine | Lazy<XsdEngine>,
  doctype: Doctype,
  version: string | undefined,
  bytes: Uint8Array,
  root: XmlElement,
  xml: XmlDocument,
) {
  return validateAgainstXsd(engine, doctype, version, bytes, root, xml);
}

/**
 * ds:Signature elements inside a business field of a mapped format (anywhere in the business
 * document but a child of its root): the field reads as it would without them (paths skip
 * signatures), and rule signature/placement reports each (issue #15).
 */
function misplacedSignatures(root: XmlElement) {
  const found: Array<{ path: string; pos: XmlElement['pos'] }> = [];
  const stack: XmlElement[] = [];
  for (const c of root.children) if (c.kind === 'element') stack.push(c);
  while (stack.length > 0) {
    const el = stack.pop() as XmlElement;
    for (const c of el.children) {
      if (c.kind !== 'element') continue;
      if (c.namespaceURI === DSIG_NS && c.localName === 'Signature')
        found.push({ path: elementPath(c), pos: c.pos });
      else stack.push(c);
    }
  }
  return found;
}
