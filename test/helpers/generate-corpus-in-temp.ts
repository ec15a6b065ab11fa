import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateFixtures } from '../../src/fixtures/generate.js';

/**
 * Generates the fixture corpus into a temp dir, as `corridor fixtures generate` would. The
 * shipped keys are reused when present (fast, same CAs), and the profiles are copied so their
 * anchors are the CAs this run used.
 */
export function generateCorpusInTemp(prefix: string): { out: string; profilesDir: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const out = join(dir, 'fixtures');
  const profilesDir = join(dir, 'profiles');
  const shippedKeys = new URL('../../fixtures/keys/', import.meta.url).pathname;
  if (existsSync(shippedKeys)) cpSync(shippedKeys, join(out, 'keys'), { recursive: true });
  cpSync(new URL('../../profiles/', import.meta.url).pathname, profilesDir, { recursive: true });
  generateFixtures({ out, anchorsDir: join(profilesDir, 'anchors'), profilesDir });
  return { out, profilesDir };
}
