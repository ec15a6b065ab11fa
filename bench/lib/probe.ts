import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A preload for a measured node child: at exit it writes its own CPU time (µs) and peak RSS
 * (KiB) on stderr, after everything else, as `probe:<cpu>:<rss>` (readProbe). CommonJS, given
 * with `-r`: an `--import` preload starts Node's ES module loader, which a corridor run never
 * starts (bin/corridor.js), and would add its ~10 ms to every run measured.
 */
const PROBE =
  'process.on("exit",()=>{const u=process.cpuUsage();' +
  'process.stderr.write("\\nprobe:"+(u.user+u.system)+":"+process.resourceUsage().maxRSS)});\n';

/** Writes the preload into `dir` and returns the node arguments that load it. */
export function probeArgs(dir: string): string[] {
  const file = join(dir, 'probe.cjs');
  writeFileSync(file, PROBE);
  return ['-r', file];
}

/** The child's CPU seconds and peak RSS in MiB, from its stderr; undefined without a probe line. */
export function readProbe(stderr: string): { cpu: number; rssMiB: number } | undefined {
  const probe = /probe:(\d+):(\d+)\s*$/.exec(stderr);
  return probe ? { cpu: Number(probe[1]) / 1e6, rssMiB: Number(probe[2]) / 1024 } : undefined;
}
