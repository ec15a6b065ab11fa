import type { FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.js';
import type { Upload } from './tasks.js';

/** Query parameters a multipart request may also send as form fields. */
const FIELD_NAMES = new Set(['from', 'to', 'asOf', 'failOn', 'format']);

export interface Uploads {
  documents: Upload[];
  /** Form fields among FIELD_NAMES (multipart only). */
  fields: Record<string, string>;
  bytes: number;
}

/**
 * The documents of a request: its body (one document) or its multipart file parts (several).
 * Sizes are enforced while reading: fastify's bodyLimit for a body, and for multipart both the
 * per-file limit and the running total, so no request holds more than `maxBytes` of documents.
 */
export async function readUploads(
  request: FastifyRequest,
  maxBytes: number,
  name: string | undefined,
): Promise<Uploads> {
  if (!request.isMultipart()) {
    const body = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw new HttpProblem(400, 'no document: send it as the request body, or as multipart files');
    return { documents: [{ name: cleanName(name), bytes: body }], fields: {}, bytes: body.length };
  }
  const documents: Upload[] = [];
  const fields: Record<string, string> = {};
  const taken = new Set<string>();
  let bytes = 0;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (FIELD_NAMES.has(part.fieldname) && typeof part.value === 'string')
        fields[part.fieldname] = part.value;
      continue;
    }
    const content = await part.toBuffer();
    bytes += content.length;
    if (bytes > maxBytes)
      throw new HttpProblem(
        413,
        `the documents exceed the limit of ${maxBytes} bytes per request (--max-bytes)`,
      );
    if (content.length === 0) continue;
    documents.push({ name: uniqueName(cleanName(part.filename), taken), bytes: content });
  }
  if (documents.length === 0) throw new HttpProblem(400, 'no document among the multipart parts');
  return { documents, fields, bytes };
}

/**
 * A client's file name, as reports show it: the last path segment, printable, bounded. The
 * name is the client's own text, so formatters escape it like any document content.
 */
function cleanName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const printable = base.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '').trim();
  return printable.slice(0, 120) || 'document';
}

/** Findings and matrix cells are keyed by document name: two uploads never share one. */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${name} (${n})`;
  taken.add(candidate);
  return candidate;
}
