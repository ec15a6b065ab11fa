import { mergeResults, needsProfiles, readResult } from '../../engine/merge.js';
import { loadProfiles } from '../../profiles/load.js';
import { writeResult } from '../format-result.js';
import { exitCodeFor, parseFailOn, useColor } from '../options.js';
import type { CommandResult } from '../result.js';

export interface MergeOptions {
  profiles?: string;
  format: string;
  output?: string;
  failOn?: string;
}

/** `corridor merge`: `--shard` JSON results combined into one, cells and routes recomputed. */
export function mergeAction(files: string[], options: MergeOptions): CommandResult {
  const failOn = parseFailOn(options.failOn, 'never');
  const inputs = files.map(readResult);
  const profiles = needsProfiles(inputs) ? loadProfiles(options.profiles) : undefined;
  const result = mergeResults(inputs, profiles);
  writeResult(result, options.format, useColor(options.output), options.output);
  return { exitCode: exitCodeFor(result, failOn) };
}
