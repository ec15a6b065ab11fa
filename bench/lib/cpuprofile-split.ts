// Inclusive time of the phases of a run, from a V8 .cpuprofile (`node --cpu-prof`): a sample
// counts once for each phase on its stack (its innermost occurrence), so nested phases overlap
// but none is counted twice.
//   node --import tsx bench/lib/cpuprofile-split.ts CPU.….cpuprofile
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Phase name → test on "functionName url". */
const PHASES: Array<[string, RegExp]> = [
  [
    'module loading (import/compile)',
    /^(wrapSafe|compileSourceTextModule|moduleStrategy|link|instantiate|require) /,
  ],
  ['loadProfiles', /^loadProfiles .*profiles\/load/],
  ['read + parse document', /^readDocumentFile /],
  ['  xml parse', /^parseXml .*xml\/parse/],
  ['  document model', /^(xmlToModel|documentModel) /],
  ['verify signatures', /^verifyWithinLimits /],
  ['evaluatePair (rules per receiver)', /^evaluatePair /],
  ['  constraints', /^check .*rules\/constraint-rule/],
  ['  signature/trusted + trust', /^evaluateTrust /],
  ['  policy matches', /^(acceptedList|entryFailures) .*policy-match/],
  ['cells + routes', /^(buildCells|attachRoutes) /],
  ['formatter', /^(writeResult|write) .*(format-result|report\/)/],
  ['garbage collector', /^\(garbage collector\)/],
];

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: cpuprofile-split.ts <file.cpuprofile>');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);
const self = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  self.set(id, (self.get(id) ?? 0) + us);
  total += us;
});
const phaseTime = new Map<string, number>();
for (const [id, us] of self) {
  const hit = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)!.callFrame;
    const label = `${frame.functionName} ${frame.url}`;
    for (const [name, test] of PHASES) if (test.test(label)) hit.add(name);
    const rule = /^check .*\/rules\/([\w-]+)\.[jt]s$/.exec(label);
    if (rule && process.argv.includes('--rules')) hit.add(`    rule ${rule[1]}`);
  }
  for (const name of hit) phaseTime.set(name, (phaseTime.get(name) ?? 0) + us);
}
console.log(`${(total / 1000).toFixed(0)} ms sampled`);
const names = [
  ...PHASES.map(([name]) => name),
  ...[...phaseTime.keys()]
    .filter((k) => k.startsWith('    rule'))
    .sort((a, b) => (phaseTime.get(b) ?? 0) - (phaseTime.get(a) ?? 0)),
];
for (const name of names) {
  const us = phaseTime.get(name) ?? 0;
  console.log(
    `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`,
  );
}
