import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A finding's file relative to `cwd`, with `/` separators; absolute when outside `cwd`. */
export function relativeFile(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return absolute;
  return relative.split(path.sep).join('/');
}

/**
 * A SARIF `artifactLocation.uri`: a relative URI reference for files under `cwd` (viewers resolve
 * it against the repository root), a `file:` URI otherwise.
 */
export function artifactUri(file: string, cwd: string): string {
  const shown = relativeFile(file, cwd);
  if (path.isAbsolute(shown)) return pathToFileURL(shown).href;
  // Encode each segment so ':' in a first segment cannot read as a URI scheme.
  return shown
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
