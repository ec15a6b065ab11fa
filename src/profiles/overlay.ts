import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../util/errors.js';
import {
  loadProfiles,
  readProfileFile,
  resolveProfiles,
  SHIPPED_PROFILES_DIR,
  type ProfileSet,
} from './load.js';

/**
 * A profile set from a folder, or from one profile file laid over a base folder: the file
 * replaces the base profile with the same id (or is added), so `extends` still resolves and a
 * draft of one jurisdiction can be compared with the published folder.
 */
export function loadProfileSource(
  path: string,
  baseDir: string = SHIPPED_PROFILES_DIR,
): ProfileSet {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new UserError(`profiles not found: ${path}`);
  }
  if (isDirectory) return loadProfiles(path);
  const overlay = readProfileFile(path);
  const base = loadProfiles(baseDir); // validates the base folder once, with its own messages
  const files = readdirSync(base.dir)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .sort()
    .map((name) => readProfileFile(join(base.dir, name)))
    .filter((loaded) => loaded.profile.id !== overlay.profile.id);
  return { dir: resolve(path), profiles: resolveProfiles([...files, overlay]) };
}
