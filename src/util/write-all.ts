import { writeSync, writevSync } from 'node:fs';

/** Writes every byte to `fd`: one write may take fewer bytes than it was given. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Writes every byte of `parts`, in order, to `fd`: one writev, then the rest if it took fewer. */
export function writeAllParts(fd: number, parts: readonly Uint8Array[]): void {
  let written = parts.length > 0 ? writevSync(fd, parts as Uint8Array[]) : 0;
  for (const part of parts) {
    if (written >= part.length) {
      written -= part.length;
      continue;
    }
    writeAll(fd, part.subarray(written));
    written = 0;
  }
}
