import { Option } from 'commander';

// The CI-gate options `check` and `matrix` share, apart from gate.ts so that declaring them
// (for `--help`) does not load the baseline and shard code.

export const maxWarningsOption = (): Option =>
  new Option('--max-warnings <n>', 'exit 1 when there are more than n warnings (after --baseline)');

export const baselineOption = (): Option =>
  new Option('--baseline <file>', 'drop the known findings recorded in this baseline file');

export const shardOption = (): Option =>
  new Option('--shard <i/n>', 'evaluate only shard i of n (split by a stable hash of the path)');
