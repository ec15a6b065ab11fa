import { mergeResults, needsProfiles, readResult } from '../../engine/merge.js';
import { loadProfiles } from '../../profiles/load.js';
import { withConfig, type ConfigOption } from '../config.js';
import { exitCodeFor, parseFailOn } from '../options.js';
import { outputTargets, writeOutputs, type OutputOptions } from '../outputs.js';
import type { CommandResult } from '../result.js';

export interface MergeOptions extends OutputOptions {
  profiles?: string;
  failOn?: string;
  config?: ConfigOption;
}

/** `corridor merge`: `--shard` JSON results combined into one, cells and routes recomputed. */
export async function mergeAction(files: string[], flags: MergeOptions): Promise<CommandResult> {
  const options = withConfig(flags, ['profiles', 'failOn']);
  const targets = outputTargets(options);
  const failOn = parseFailOn(options.failOn, 'never');
  const inputs = files.map(readResult);
  const profiles = needsProfiles(inputs) ? loadProfiles(options.profiles) : undefined;
  const result = mergeResults(inputs, profiles);
  await writeOutputs(result, targets, options.docsBaseUri);
  return { exitCode: exitCodeFor(result, failOn) };
}
