import { join, resolve } from 'node:path';
import { generateFixtures } from '../../fixtures/generate.js';
import { SHIPPED_PROFILES_DIR } from '../../profiles/load.js';
import { emit } from '../options.js';
import type { CommandResult } from '../result.js';
import { SHIPPED_FIXTURES_DIR } from '../shipped.js';

/** `corridor fixtures generate`: the signed sample corpus, TEST ONLY keys and manifest. */
export function fixturesGenerateAction(options: { out?: string; anchors?: string }): CommandResult {
  const out = resolve(options.out ?? SHIPPED_FIXTURES_DIR);
  const anchorsDir = resolve(options.anchors ?? join(SHIPPED_PROFILES_DIR, 'anchors'));
  const entries = generateFixtures({ out, anchorsDir, profilesDir: SHIPPED_PROFILES_DIR });
  emit(
    `wrote ${entries.length} documents and manifest.json to ${out}; test CA anchors to ${anchorsDir}`,
    undefined,
  );
  return { exitCode: 0 };
}
