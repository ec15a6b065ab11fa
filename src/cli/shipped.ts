import { fileURLToPath } from 'node:url';

/** The sample corpus the package ships: the default `--docs` of matrix, forecast and diffs. */
export const SHIPPED_DOCUMENTS_DIR = fileURLToPath(
  new URL('../../fixtures/documents', import.meta.url),
);

/** The shipped fixtures folder, which `fixtures generate` rewrites by default. */
export const SHIPPED_FIXTURES_DIR = fileURLToPath(new URL('../../fixtures', import.meta.url));
