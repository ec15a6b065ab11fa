import { diffProfiles, isWorse } from '../../engine/profile-diff.js';
import { findDocuments, loadDocument } from '../../engine/run.js';
import { loadProfileSource } from '../../profiles/overlay.js';
import { PROFILE_DIFF_FORMATS, formatProfileDiff } from '../../report/profile-diff.js';
import { UserError } from '../../util/errors.js';
import { displayPaths, emit, parseAsOf } from '../options.js';
import { progressBar } from '../progress.js';
import type { CommandResult } from '../result.js';
import { SHIPPED_DOCUMENTS_DIR } from '../shipped.js';

export interface ProfilesDiffOptions {
  docs?: string;
  profiles?: string;
  asOf?: string;
  format: string;
  output?: string;
  failOnWorse?: boolean;
}

/** `corridor profiles diff <old> <new>`: the matrix under both, on the same documents. */
export function profilesDiffAction(
  oldPath: string,
  newPath: string,
  options: ProfilesDiffOptions,
): CommandResult {
  if (!(PROFILE_DIFF_FORMATS as readonly string[]).includes(options.format)) {
    throw new UserError(
      `unknown --format "${options.format}" for profiles diff (available: ${PROFILE_DIFF_FORMATS.join(', ')})`,
    );
  }
  const asOf = parseAsOf(options.asOf);
  const oldSet = loadProfileSource(oldPath, options.profiles);
  const newSet = loadProfileSource(newPath, options.profiles);
  const files = displayPaths(findDocuments(options.docs ?? SHIPPED_DOCUMENTS_DIR));
  const tick = progressBar();
  const documents = files.map((file, index) => {
    const loaded = loadDocument(file, undefined, asOf);
    tick?.(index + 1, files.length);
    return loaded;
  });
  const result = diffProfiles(documents, {
    old: { source: oldPath, profiles: oldSet },
    new: { source: newPath, profiles: newSet },
    asOf,
  });
  emit(formatProfileDiff(result, options.format), options.output);
  const worse = result.cells.some(isWorse) || result.pairs.some(isWorse);
  return { exitCode: options.failOnWorse && worse ? 1 : 0 };
}
