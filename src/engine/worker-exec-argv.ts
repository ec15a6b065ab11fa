/** Node options that take the inline script (or its input type) as their next argument. */
const WITH_SCRIPT = new Set(['-e', '--eval', '-p', '--print', '-pe', '--input-type']);
/** The same options written with `=`. */
const WITH_SCRIPT_INLINE = ['--eval=', '--print=', '--input-type='];

/**
 * The Node options a pool's worker thread starts with. From source (tests, `tsx`), the
 * TypeScript loader, and only it. Compiled, the parent's options without an inline script
 * (`-e`, `-p` and `--input-type`, which only applies to one): Worker inherits them by default,
 * and with an `--import` beside them Node 20's workers never came up, so a matrix on several
 * threads run from `node --import … -e …` ended silently with exit code 13 (unsettled await).
 */
export function workerExecArgv(workerFile: string, parent: readonly string[]): string[] {
  if (workerFile.endsWith('.ts')) return ['--import', 'tsx'];
  const kept: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const option = parent[i]!;
    if (WITH_SCRIPT.has(option)) {
      i++; // and its argument
      continue;
    }
    if (WITH_SCRIPT_INLINE.some((prefix) => option.startsWith(prefix))) continue;
    kept.push(option);
  }
  return kept;
}
