// Cross-field constraint checks (x-corridor-compare): the cost per comparison on real values,
// scaling on hostile ones (should be linear), and what the EAEU constraints cost per document.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ModelObject } from '../src/documents/model.js';
import { ConstraintSet } from '../src/constraints/constraints.js';
import { addCompareKeyword, compareDecimals } from '../src/constraints/cross-field.js';
import { sampleModels } from '../src/fixtures/sample-models.js';
import { loadProfiles } from '../src/profiles/load.js';
import { opsPerSecond } from './lib/rate.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en');

console.log(
  `compareDecimals("1180", "1250.50"): ${fmt(opsPerSecond(() => compareDecimals('1180', '1250.50')))} ops/s`,
);

const ajv = new Ajv2020({ allErrors: true, strict: false });
addCompareKeyword(ajv);
const validate = ajv.compile({
  'x-corridor-compare': { left: '/net', op: '<=', right: '/gross', as: 'decimal' },
});
for (const size of [1 << 18, 1 << 19, 1 << 20, 1 << 21]) {
  const item = { net: `1.${'0'.repeat(size)}1`, gross: `1.${'0'.repeat(size)}2` };
  const rate = opsPerSecond(() => validate(item), 500);
  console.log(`hostile run of ${size} zeros: ${(1000 / rate).toFixed(2)} ms per comparison`);
}

// The RU profile as a receiver on a declaration with 100 goods items, with and without the
// eaeu-net-mass constraint: the keyword's share of constraint evaluation.
const set = loadProfiles();
const ru = set.profiles.get('RU');
if (!ru) throw new Error('no RU profile');
const declaration = structuredClone(sampleModels('RU')['customs-declaration']);
const item = (declaration['goodsItems'] as ModelObject[])[0] as ModelObject;
declaration['goodsItems'] = Array.from({ length: 100 }, (_, i) => ({
  ...item,
  sequence: String(i + 1),
}));
const withoutMass = {
  ...ru,
  documents: {
    ...ru.documents,
    'customs-declaration': {
      ...ru.documents?.['customs-declaration'],
      constraints: ru.documents?.['customs-declaration']?.constraints?.filter(
        (c) => c.id !== 'eaeu-net-mass',
      ),
    },
  },
};
for (const [label, profile] of [
  ['with eaeu-net-mass', ru],
  ['without', withoutMass],
] as const) {
  const constraints = new ConstraintSet(profile);
  const rate = opsPerSecond(() => constraints.evaluate('customs-declaration', declaration));
  console.log(`RU constraints, 100 goods items, ${label}: ${fmt(rate)} documents/s`);
}
