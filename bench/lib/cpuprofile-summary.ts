// Self time per function of a V8 .cpuprofile (from `node --cpu-prof`), largest first:
//   node --import tsx bench/lib/cpuprofile-summary.ts CPU.….cpuprofile [top=30]
// Under tsx the line numbers are those of the transpiled module; profile a `tsc` build for
// exact ones.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, top = '30'] = process.argv.slice(2);
if (!file) {
  console.error('usage: cpuprofile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const microsByNode = new Map<number, number>();
profile.samples.forEach((id, i) => {
  microsByNode.set(id, (microsByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const selfMs = new Map<string, number>();
let totalMs = 0;
for (const node of profile.nodes) {
  const ms = (microsByNode.get(node.id) ?? 0) / 1000;
  totalMs += ms;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  selfMs.set(where, (selfMs.get(where) ?? 0) + ms);
}
for (const [where, ms] of [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  console.log(
    `${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${where}`,
  );
}
console.log(`${totalMs.toFixed(0)} ms sampled`);
