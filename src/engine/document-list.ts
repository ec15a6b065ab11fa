import { PathList } from '../util/path-list.js';

/** A document's entry in a result's `documents`. */
export interface DocumentEntry {
  document: string;
  documentType: string;
  sender: string;
  /** See PairResult.senderCountry. */
  senderCountry?: string;
}

/**
 * A result's `documents`: an array, or a DocumentList. Read them in order (`for … of`) and
 * count them (`length`); nothing indexes them.
 */
export interface DocumentEntries extends Iterable<DocumentEntry> {
  readonly length: number;
}

/** A document's entry, one object literal per shape (the key order is the JSON report's). */
export function documentEntry(
  document: string,
  documentType: string,
  sender: string,
  senderCountry: string | undefined,
): DocumentEntry {
  return senderCountry
    ? { document, documentType, sender, senderCountry }
    : { document, documentType, sender };
}

/**
 * The `documents` of a run that streams its pairs: a run keeps every document's entry to the end
 * (the reports print them first), and an entry object cost ~56 bytes, so memory grew with the
 * corpus (issue #14, flat memory). Kept here: the path, packed (util/path-list.ts), and the
 * index of its type, sender and country among the few distinct ones; an entry is built again
 * when it is read. Structured clone would turn this into a plain object: results that cross
 * threads (the service) keep arrays.
 */
export class DocumentList implements DocumentEntries {
  private readonly paths = new PathList();
  /** Each entry's kind (an index into `table`); a typed array: 4 bytes an entry, not 8. */
  private kinds = new Uint32Array(1024);
  private readonly table: Array<Omit<DocumentEntry, 'document'>> = [];
  private readonly index = new Map<string, number>();

  get length(): number {
    return this.paths.length;
  }

  push(entry: DocumentEntry): void {
    const key = `${entry.documentType}\u0000${entry.sender}\u0000${entry.senderCountry ?? ''}`;
    let kind = this.index.get(key);
    if (kind === undefined) {
      kind = this.table.length;
      this.table.push({
        documentType: entry.documentType,
        sender: entry.sender,
        senderCountry: entry.senderCountry,
      });
      this.index.set(key, kind);
    }
    const at = this.paths.length;
    if (at === this.kinds.length) {
      const grown = new Uint32Array(at * 2);
      grown.set(this.kinds);
      this.kinds = grown;
    }
    this.kinds[at] = kind;
    this.paths.push(entry.document);
  }

  *[Symbol.iterator](): Iterator<DocumentEntry> {
    let i = 0;
    for (const path of this.paths) {
      const kind = this.table[this.kinds[i++] as number] as Omit<DocumentEntry, 'document'>;
      yield documentEntry(path, kind.documentType, kind.sender, kind.senderCountry);
    }
  }

  /** JSON.stringify writes the entries, as it would an array of them. */
  toJSON(): DocumentEntry[] {
    return [...this];
  }
}
