import { writeSync } from 'node:fs';

/** Writes every byte to `fd`: one write may take fewer bytes than it was given. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}
