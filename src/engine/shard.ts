import { relative, sep } from 'node:path';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/**
 * FNV-1a (32 bit) over the UTF-8 bytes: tiny, stable across platforms and Node versions, and
 * good enough to spread paths evenly. Not a security boundary.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The shard (1-based) a document belongs to: FNV-1a of its path relative to `base` with `/`
 * separators, modulo the shard count. The same file lands in the same shard on every machine
 * and whatever other files exist, so shards can run in parallel jobs.
 */
export function shardOf(file: string, count: number, base = '.'): number {
  const key = relative(base, file).split(sep).join('/');
  return (fnv1a(key) % count) + 1;
}

export function selectShard(files: readonly string[], shard: Shard, base = '.'): string[] {
  return files.filter((file) => shardOf(file, shard.count, base) === shard.index);
}
