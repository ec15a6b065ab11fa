import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';

// ajv's standalone entry is CommonJS; its default export arrives wrapped under ESM.
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ??
  standaloneModule) as (ajv: Ajv2020, validate: ValidateFunction) => string;

/**
 * Compiled constraint validators kept on disk between runs, as ajv standalone code: compiling
 * the shipped constraints costs ~200 ms at every `matrix`, loading their code ~20 ms. An entry
 * is named by a hash of everything the code depends on (schema text, ajv and ajv-formats
 * versions, ajv options, code lists), so it is never stale; it exists only if that compile
 * succeeded. Anything that goes wrong (no writable folder, a damaged entry) means compiling as
 * before. Schemas with corridor keywords are not cached: their code is a function, not source.
 * CORRIDOR_CACHE=0 turns it off; CORRIDOR_CACHE_DIR moves it.
 */
const require = createRequire(import.meta.url);

function cacheDir(): string | undefined {
  if (process.env['CORRIDOR_CACHE'] === '0') return undefined;
  return (
    process.env['CORRIDOR_CACHE_DIR'] ??
    fileURLToPath(new URL('../../node_modules/.cache/corridor/validators', import.meta.url))
  );
}

export class ValidatorCache {
  private readonly dir = cacheDir();
  private readonly salt: string;

  constructor(
    private readonly ajv: Ajv2020,
    dependsOn: unknown,
  ) {
    const versions = ['ajv', 'ajv-formats'].map(
      (name) => (require(`${name}/package.json`) as { version: string }).version,
    );
    // The options that shape generated code (ajv.opts as a whole holds functions and modules).
    const o = ajv.opts;
    const options: unknown[] = [o.allErrors, o.ownProperties, o.strictSchema, o.strictTypes];
    options.push(o.strictTuples, o.strictRequired, o.unicodeRegExp, o.useDefaults);
    options.push(o.coerceTypes, o.removeAdditional, o.$data, o.messages, o.validateFormats);
    options.push(o.code.optimize, String(o.code.formats));
    this.salt = JSON.stringify({ versions, options, dependsOn });
  }

  /** Compiles `schema` (text `key`) or loads its code compiled by an earlier run. */
  compile(schema: object, key: string): ValidateFunction {
    if (!this.dir || key.includes('"x-corridor-')) return this.ajv.compile(schema);
    const file = join(
      this.dir,
      `${createHash('sha256').update(this.salt).update(key).digest('hex')}.cjs`,
    );
    const cached = this.load(file);
    if (cached) return cached;
    const validate = this.ajv.compile(schema);
    this.store(file, validate);
    return validate;
  }

  private load(file: string): ValidateFunction | undefined {
    let code: string;
    try {
      code = readFileSync(file, 'utf8');
    } catch {
      return undefined; // not cached yet
    }
    try {
      const module = { exports: {} as unknown };
      // The code is ajv's own output for this very schema, written by store() below.
      new Function('module', 'exports', 'require', code)(module, module.exports, require);
      return typeof module.exports === 'function'
        ? (module.exports as ValidateFunction)
        : undefined;
    } catch {
      return undefined; // damaged: compile again, and overwrite it
    }
  }

  private store(file: string, validate: ValidateFunction): void {
    try {
      const code = standaloneCode(this.ajv, validate);
      mkdirSync(this.dir!, { recursive: true });
      // Written aside and renamed, so a concurrent run never reads half a file.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, code);
      renameSync(partial, file);
    } catch {
      // A read-only install runs without the cache.
    }
  }
}
