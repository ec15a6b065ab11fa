import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { SourceLines } from '../../src/xml/source-lines.js';
import type { XmlElement, XmlNode } from '../../src/xml/dom.js';

/** Line and column by counting from the start, as a reader of the file would. */
function counted(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset; k++) {
    if (source[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

describe('source lines', () => {
  it('gives the line and column of any offset, asked in any order', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '\n', 'é', '😀') }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (source, picks) => {
          const lines = new SourceLines(source);
          const offsets = picks.map((pick) => pick % (source.length + 1));
          // In order too: the model asks so, and a remembered line must not go stale.
          for (const offset of [...offsets, ...[...offsets].sort((a, b) => a - b)]) {
            expect(lines.at(offset)).toEqual({ ...counted(source, offset), offset });
          }
        },
      ),
    );
  });

  it('places the first character of a line at column 1, and a newline at the end of its line', () => {
    const lines = new SourceLines('ab\n\ncd\n');
    expect(lines.at(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(lines.at(2)).toEqual({ line: 1, column: 3, offset: 2 });
    expect(lines.at(3)).toEqual({ line: 2, column: 1, offset: 3 });
    expect(lines.at(4)).toEqual({ line: 3, column: 1, offset: 4 });
    expect(lines.at(7)).toEqual({ line: 4, column: 1, offset: 7 });
    expect(lines.at(1)).toEqual({ line: 1, column: 2, offset: 1 });
  });

  it('gives every parsed node the position of its first character in the source', () => {
    const source =
      '<?xml version="1.0"?>\r\n<!-- c -->\n<r xmlns:p="urn:p">\n  <p:a  k="v"\n   p:q="w">t\n' +
      'u</p:a><![CDATA[x]]><?pi d?>\n</r>\n';
    const doc = parseXml(source);
    const text = doc.source;
    const nodes: Array<{ what: string; pos: { line: number; column: number; offset: number } }> =
      [];
    const visit = (node: XmlNode): void => {
      nodes.push({ what: node.kind, pos: node.pos });
      if (node.kind !== 'element') return;
      for (const attribute of node.attributes)
        nodes.push({ what: attribute.name, pos: attribute.pos });
      node.children.forEach(visit);
    };
    for (const node of doc.prolog) visit(node);
    visit(doc.root);
    expect(nodes.length).toBe(10);
    for (const { what, pos } of nodes) {
      expect(pos, what).toEqual({ ...counted(text, pos.offset), offset: pos.offset });
    }
    const a = doc.root.children.find((c): c is XmlElement => c.kind === 'element');
    expect(a?.pos).toEqual({ line: 4, column: 3, offset: text.indexOf('<p:a') });
    expect(a?.attributes[1]?.pos).toEqual({ line: 5, column: 4, offset: text.indexOf('p:q') });
  });
});
