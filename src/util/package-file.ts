import { fileURLToPath } from 'node:url';

/**
 * A file of the package, by its path from the package root. This module sits two levels below
 * the root in src/, in dist/ and in the CLI bundle's dist/bundle/ alike.
 */
export function packageFile(path: string): string {
  return fileURLToPath(new URL(`../../${path}`, import.meta.url));
}
