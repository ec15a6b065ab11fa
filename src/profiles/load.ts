import { lintProfiles } from './lint.js';
import { readProfiles, SHIPPED_PROFILES_DIR, type ProfileSet } from './read.js';

// Reading, resolving and the profile error types live in read.ts (no certificate parser).
export * from './read.js';

/** Reads, validates and resolves a folder of profiles; any lint error stops the load. */
export function loadProfiles(dir: string = SHIPPED_PROFILES_DIR): ProfileSet {
  return readProfiles(dir, (set) => lintProfiles(set).errors);
}
