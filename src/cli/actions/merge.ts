import { mergeResults, needsProfiles, readShard, ShardPairs } from '../../engine/merge.js';
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
  // The shards' pairs wait in a temporary file, then stream to the result's spool: memory does
  // not grow with the shards.
  const staged = new ShardPairs();
  let result;
  try {
    const inputs = files.map((file) => readShard(file, staged));
    const profiles = needsProfiles(inputs) ? loadProfiles(options.profiles) : undefined;
    result = mergeResults(inputs, staged, profiles);
  } finally {
    staged.dispose();
  }
  try {
    await writeOutputs(result, targets, options.docsBaseUri);
    return { exitCode: exitCodeFor(result, failOn) };
  } finally {
    result.spool?.dispose();
  }
}
