import { join, resolve, sep } from 'node:path';
import { generateFixtures } from '../../fixtures/generate.js';
import { SHIPPED_PROFILES_DIR } from '../../profiles/load.js';
import { emit } from '../options.js';
import type { CommandResult } from '../result.js';
import { SHIPPED_FIXTURES_DIR } from '../shipped.js';
import { UserError } from '../../util/errors.js';

/** True when `dir` lies inside an installed package (under some node_modules folder). */
function insideInstalledPackage(dir: string): boolean {
  return dir.split(sep).includes('node_modules');
}

/** `corridor fixtures generate`: the signed sample corpus, TEST ONLY keys and manifest. */
export function fixturesGenerateAction(options: { out?: string; anchors?: string }): CommandResult {
  const out = resolve(options.out ?? SHIPPED_FIXTURES_DIR);
  const anchorsDir = resolve(options.anchors ?? join(SHIPPED_PROFILES_DIR, 'anchors'));
  // An installed corridor must not rewrite its own package: new TEST ONLY keys and anchors in
  // node_modules would silently change what every later run trusts.
  for (const [flag, dir] of [
    ['--out', out],
    ['--anchors', anchorsDir],
  ] as const) {
    if (insideInstalledPackage(dir))
      throw new UserError(
        `fixtures generate would write into the installed package (${dir}); give ${flag} <dir> outside node_modules`,
      );
  }
  const entries = generateFixtures({ out, anchorsDir, profilesDir: SHIPPED_PROFILES_DIR });
  emit(
    `wrote ${entries.length} documents and manifest.json to ${out}; test CA anchors to ${anchorsDir}`,
    undefined,
  );
  return { exitCode: 0 };
}
