import type { SignatureScheme } from '../types.js';
import { bignScheme } from './bign.js';
import { gostScheme } from './gost.js';
import { nodeScheme } from './node.js';
import { sm2Scheme } from './sm2.js';

/** Every signature scheme this build can verify. */
export const SCHEMES: readonly SignatureScheme[] = [nodeScheme, sm2Scheme, gostScheme, bignScheme];

const byAlgorithm = new Map<string, SignatureScheme>();
for (const scheme of SCHEMES) {
  for (const id of scheme.algorithmIds) byAlgorithm.set(id, scheme);
}

/** The scheme for a signature registry id; undefined when it cannot be verified here. */
export function schemeFor(algorithmId: string): SignatureScheme | undefined {
  return byAlgorithm.get(algorithmId);
}
