/**
 * The paths a run walks, read in order and counted; `files` of a run and the documents of its
 * result. An array satisfies it.
 */
export interface PathSequence extends Iterable<string> {
  readonly length: number;
  at(index: number): string | undefined;
  slice(start?: number, end?: number): string[];
}

/** Entries between two restart points: one in this many is stored whole. */
const RESTART_EVERY = 16;
/** Bytes per block of storage; an entry longer than that gets a block of its own size. */
const BLOCK_BYTES = 1 << 16;

/**
 * Paths packed outside V8's heap, each stored as the bytes it does not share with the one
 * before (front coding, as in LevelDB's blocks), one whole every RESTART_EVERY for reading at
 * an index. A run keeps every document's path to its end (its file list, and the documents its
 * reports print first); as strings in arrays a path cost ~40 to ~70 bytes of heap, so at 50,000
 * documents ~3 to 4 MiB, a third of the growth of peak memory from 1,000 documents (issue #14,
 * flat memory). Sorted paths under one folder share most of their bytes: here a path costs ~8 to 10.
 * Hand-written: no maintained package keeps a front-coded list of strings off the heap.
 * Paths are stored as UTF-8; one that UTF-8 cannot carry as it is (a lone surrogate) is kept
 * as a string, so that every path reads back as it was given.
 */
export class PathList implements PathSequence {
  private readonly blocks: Buffer[] = [];
  private used = 0;
  /** Block and offset of every RESTART_EVERY-th entry. */
  private readonly restartBlock: number[] = [];
  private readonly restartOffset: number[] = [];
  /** Where each block's entries ended when the next one was started. */
  private readonly blockEnds: number[] = [];
  /** Paths UTF-8 cannot carry as they are (a lone surrogate), kept as strings by index. */
  private readonly verbatim = new Map<number, string>();
  private previous: Buffer = Buffer.alloc(0);
  private count = 0;

  static from(paths: Iterable<string>): PathList {
    const list = new PathList();
    for (const path of paths) list.push(path);
    return list;
  }

  get length(): number {
    return this.count;
  }

  /** Bytes the entries take in their blocks. */
  get storedBytes(): number {
    return this.blockEnds.reduce((sum, end) => sum + end, 0) + this.used;
  }

  push(path: string): void {
    let bytes = Buffer.from(path, 'utf8');
    if (bytes.toString('utf8') !== path) {
      this.verbatim.set(this.count, path);
      bytes = Buffer.alloc(0);
    }
    const restart = this.count % RESTART_EVERY === 0;
    let shared = 0;
    if (!restart) {
      const limit = Math.min(bytes.length, this.previous.length);
      while (shared < limit && bytes[shared] === this.previous[shared]) shared++;
    }
    const suffix = bytes.length - shared;
    const size = varintSize(shared) + varintSize(suffix) + suffix;
    let block = this.blocks[this.blocks.length - 1];
    if (!block || this.used + size > block.length) {
      if (block) this.blockEnds.push(this.used);
      block = Buffer.allocUnsafeSlow(Math.max(BLOCK_BYTES, size));
      this.blocks.push(block);
      this.used = 0;
    }
    if (restart) {
      this.restartBlock.push(this.blocks.length - 1);
      this.restartOffset.push(this.used);
    }
    let at = writeVarint(block, this.used, shared);
    at = writeVarint(block, at, suffix);
    at += bytes.copy(block, at, shared);
    this.used = at;
    this.previous = bytes;
    this.count += 1;
  }

  at(index: number): string | undefined {
    const i = index < 0 ? index + this.count : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    for (const path of this.from(i, i + 1)) return path;
    return undefined;
  }

  slice(start = 0, end = this.count): string[] {
    const from = clampIndex(start, this.count);
    const to = clampIndex(end, this.count);
    return from < to ? [...this.from(from, to)] : [];
  }

  [Symbol.iterator](): Iterator<string> {
    return this.from(0, this.count);
  }

  /** Entries [start, end), decoded from the restart point at or before `start`. */
  private *from(start: number, end: number): Generator<string> {
    // The loop starts at a restart point, which sets where to read.
    let blockIndex = 0;
    let offset = 0;
    let current = Buffer.allocUnsafe(256);
    for (let index = start - (start % RESTART_EVERY); index < end; index++) {
      if (index % RESTART_EVERY === 0) {
        blockIndex = this.restartBlock[index / RESTART_EVERY] as number;
        offset = this.restartOffset[index / RESTART_EVERY] as number;
      }
      const block = this.blocks[blockIndex] as Buffer;
      const [shared, afterShared] = readVarint(block, offset);
      const [suffix, afterSuffix] = readVarint(block, afterShared);
      const length = shared + suffix;
      if (length > current.length) {
        const grown = Buffer.allocUnsafe(Math.max(length, current.length * 2));
        current.copy(grown, 0, 0, shared);
        current = grown;
      }
      block.copy(current, shared, afterSuffix, afterSuffix + suffix);
      offset = afterSuffix + suffix;
      if (offset >= this.blockEnd(blockIndex)) {
        blockIndex += 1;
        offset = 0;
      }
      if (index >= start) yield this.verbatim.get(index) ?? current.toString('utf8', 0, length);
    }
  }

  /** Where a block's entries end: the last block is filled up to `used`. */
  private blockEnd(blockIndex: number): number {
    return blockIndex === this.blocks.length - 1 ? this.used : (this.blockEnds[blockIndex] ?? 0);
  }
}

function clampIndex(index: number, length: number): number {
  const i = Math.trunc(index) || 0;
  return i < 0 ? Math.max(0, length + i) : Math.min(i, length);
}

function varintSize(value: number): number {
  let size = 1;
  for (let rest = value >>> 7; rest > 0; rest >>>= 7) size++;
  return size;
}

function writeVarint(buffer: Buffer, at: number, value: number): number {
  let rest = value;
  while (rest >= 0x80) {
    buffer[at++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  buffer[at++] = rest;
  return at;
}

function readVarint(buffer: Buffer, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  let k = at;
  for (;;) {
    const byte = buffer[k++] as number;
    value |= (byte & 0x7f) << shift;
    if (byte < 0x80) return [value, k];
    shift += 7;
  }
}
