import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { XmlElement } from '../../src/xml/dom.js';
import { parseXml } from '../../src/xml/parse.js';

/**
 * fast-xml-parser as an independent oracle for the tree the document model is built from:
 * element names, attributes (namespace declarations included) and text, in document order.
 * Only on documents without character references, which fast-xml-parser does not expand the
 * way XML 1.0 requires (the reason corridor has its own parser: canonicalization needs them).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Tree = { name: string; attributes: [string, string][]; children: (Tree | string)[] };

function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return xmlFiles(path);
    return name.endsWith('.xml') ? [path] : [];
  });
}

function mergeTexts(children: (Tree | string)[]): (Tree | string)[] {
  const merged: (Tree | string)[] = [];
  for (const child of children) {
    const last = merged[merged.length - 1];
    if (typeof child === 'string' && typeof last === 'string')
      merged[merged.length - 1] = last + child;
    else merged.push(child);
  }
  return merged;
}

function fromCorridor(element: XmlElement): Tree {
  return {
    name: element.name,
    attributes: [
      ...element.namespaces.map((ns): [string, string] => [
        ns.prefix ? `xmlns:${ns.prefix}` : 'xmlns',
        ns.uri,
      ]),
      ...element.attributes.map((a): [string, string] => [a.name, a.value]),
    ].sort(),
    children: mergeTexts(
      element.children.flatMap((child): (Tree | string)[] =>
        child.kind === 'element'
          ? [fromCorridor(child)]
          : child.kind === 'text'
            ? [child.value]
            : [],
      ),
    ),
  };
}

type OracleNode = Record<string, unknown>;

function fromOracle(nodes: OracleNode[]): (Tree | string)[] {
  return mergeTexts(
    nodes.flatMap((node): (Tree | string)[] => {
      if ('#text' in node) return [String(node['#text'])];
      const name = Object.keys(node).find((key) => key !== ':@');
      if (name === undefined || name.startsWith('?')) return [];
      const attributes = Object.entries((node[':@'] ?? {}) as Record<string, string>)
        .map(([key, value]): [string, string] => [key, value])
        .sort();
      return [{ name, attributes, children: fromOracle(node[name] as OracleNode[]) }];
    }),
  );
}

const oracle = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const files = [
  ...xmlFiles(join(ROOT, 'fixtures')),
  ...xmlFiles(join(ROOT, 'test', 'vectors')),
].filter((file) => {
  const text = readFileSync(file, 'utf8');
  return !text.includes('&#') && !text.includes('<!DOCTYPE');
});

describe('XML parser against fast-xml-parser (documents without character references)', () => {
  it('covers the corpus', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((file) => [file.slice(ROOT.length)]))('%s: same tree', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const ours = fromCorridor(parseXml(text).root);
    const theirs = fromOracle(oracle.parse(text) as OracleNode[]);
    expect(theirs).toEqual([ours]);
  });
});
