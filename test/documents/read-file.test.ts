import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocumentFile } from '../../src/documents/read.js';
import { UserError } from '../../src/util/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'corridor-read-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A file of `size` bytes that starts with `head`: sparse beyond the head, so 3 GiB cost no disk.
 * Node refuses to read a file above 2 GiB into one buffer, so a reader that read it would fail.
 */
function sized(name: string, head: Uint8Array | string, size: number): string {
  const file = join(dir, name);
  writeFileSync(file, head);
  truncateSync(file, size);
  return file;
}

const GIB = 2 ** 30;
const limits = { maxBytes: 1024 };

describe('readDocumentFile: a file above --max-bytes', () => {
  it.each([
    ['JSON', 'big.json', '{"$type":"urn:corridor:customs-declaration:1"', 'json'],
    ['JSON after a BOM and blank lines', 'bom.json', '\uFEFF\r\n\t  {', 'json'],
    ['JSON named .xml', 'json-named.xml', '{"a":1', 'json'],
    ['UTF-16LE JSON', 'wide.json', new Uint8Array([0xff, 0xfe, 0x7b, 0x00]), 'json'],
    ['XML', 'big.xml', '<?xml version="1.0"?><CustomsDeclaration', 'xml'],
    ['XML named .json', 'xml-named.json', '<CustomsDeclaration', 'xml'],
  ] as const)('labels %s by its first bytes, unread', (_label, name, head, format) => {
    const file = sized(name, head, 3 * GIB);
    const document = readDocumentFile(file, { limits });
    expect(document.format).toBe(format);
    expect(document.problems).toEqual([
      expect.objectContaining({
        ruleId: 'document/limit',
        message: `document of ${3 * GIB} bytes exceeds the limit of 1024 bytes (--max-bytes); not read`,
      }),
    ]);
    expect(document.json).toBeUndefined();
    expect(document.xml).toBeUndefined();
  });

  it('labels an empty-looking head (blank bytes only) as XML, as readDocument would', () => {
    const document = readDocumentFile(sized('blank.bin', '', 2048), { limits });
    expect(document.format).toBe('xml');
    expect(document.problems.map((problem) => problem.ruleId)).toEqual(['document/limit']);
  });

  it('still reads a file within the limit, and refuses a directory or a missing file', () => {
    const file = join(dir, 'small.json');
    writeFileSync(file, '{"a":1}');
    expect(readDocumentFile(file, { limits }).json).toEqual({ a: 1 });
    expect(() => readDocumentFile(dir, { limits })).toThrow(UserError);
    expect(() => readDocumentFile(join(dir, 'absent.json'), { limits })).toThrow(
      /cannot read document/,
    );
  });
});
