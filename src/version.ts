import { readFileSync } from 'node:fs';
import { packageFile } from './util/package-file.js';

const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as {
  version: string;
};

export const TOOL = { name: 'corridor', version: pkg.version } as const;
