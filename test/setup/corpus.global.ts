/**
 * vitest globalSetup: generates the fixture corpus once per test run (~2.5 s) for the suites
 * that need a freshly generated one, instead of once per suite at import time. Suites read its
 * location with `inject('generatedCorpus')` (test/helpers/generated-corpus.ts).
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestProject } from 'vitest/node';
// The generator signs with every family, synchronously (as the test processes, see eager-crypto).
import '../../src/crypto/eager.js';
import { generateCorpusInTemp } from '../helpers/generate-corpus-in-temp.js';

declare module 'vitest' {
  export interface ProvidedContext {
    generatedCorpus: { out: string; profilesDir: string };
  }
}

export default function setup(project: TestProject): () => void {
  const corpus = generateCorpusInTemp('corridor-corpus-');
  project.provide('generatedCorpus', corpus);
  return () => rmSync(dirname(corpus.out), { recursive: true, force: true });
}
