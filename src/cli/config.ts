import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { UserError } from '../util/errors.js';
import { JsonSyntaxError, parseJsonText } from '../util/json-position.js';

export const CONFIG_FILE = 'corridor.config.json';
const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/config.schema.json', import.meta.url));

/** One report of a run: a format, written to a file or (no file) to standard output. */
export interface OutputTarget {
  format: string;
  file?: string;
}

/** corridor.config.json with its paths resolved against the file's folder. */
export interface Config {
  file: string;
  profiles?: string;
  doctypes?: string;
  docs?: string;
  asOf?: string;
  failOn?: string;
  maxWarnings?: number;
  baseline?: string;
  outputs?: OutputTarget[];
  docsBaseUri?: string;
  /** Rule id → off | info | warning | error. */
  rules?: Record<string, string>;
}

/** The `--config` option as commander gives it: a file, `false` for `--no-config`, or unset. */
export type ConfigOption = string | false | undefined;

/**
 * The config in force: `--config <file>`, else the first corridor.config.json in the working
 * directory or a parent folder (as ESLint looks for its config), else none; `--no-config` none.
 */
export function findConfig(option: ConfigOption, cwd: string = process.cwd()): Config | undefined {
  if (option === false) return undefined;
  if (option !== undefined) return readConfig(resolve(cwd, option));
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate) && statSync(candidate).isFile()) return readConfig(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

let validator: ValidateFunction | undefined;

export function readConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`cannot read config file: ${file}`);
  }
  let value: unknown;
  try {
    value = parseJsonText(text, file);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new UserError(error.message);
    throw error;
  }
  validator ??= new Ajv2020({ allErrors: false, strict: false }).compile(
    JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object,
  );
  if (!validator(value)) {
    const error = validator.errors?.[0];
    const where = error?.instancePath || '/';
    const extra =
      error?.keyword === 'additionalProperties'
        ? ` "${String(error.params['additionalProperty'])}"`
        : '';
    throw new UserError(`${file}: ${where} ${error?.message ?? 'invalid'}${extra}`);
  }
  const raw = value as Omit<Config, 'file'> & { $schema?: string };
  const dir = dirname(file);
  const path = (p: string | undefined) => (p === undefined ? undefined : resolve(dir, p));
  return {
    file,
    profiles: path(raw.profiles),
    doctypes: path(raw.doctypes),
    docs: path(raw.docs),
    asOf: raw.asOf,
    failOn: raw.failOn,
    maxWarnings: raw.maxWarnings,
    baseline: path(raw.baseline),
    outputs: raw.outputs?.map((o) => ({ format: o.format, file: path(o.file) })),
    docsBaseUri: raw.docsBaseUri,
    rules: raw.rules,
  };
}

/** The options a config can set, as the commands name them. */
interface Configurable {
  config?: ConfigOption;
  profiles?: string;
  doctypes?: string;
  docs?: string;
  asOf?: string;
  failOn?: string;
  maxWarnings?: string;
  baseline?: string;
}

/** What a config adds that no flag sets. */
export interface ConfigExtras {
  configOutputs?: OutputTarget[];
  docsBaseUri?: string;
  ruleLevels?: { file: string; levels: Record<string, string> };
}

/** Flags first, then the config: a flag given on the command line always wins. */
export function withConfig<T extends Configurable>(
  options: T,
  keys: readonly (keyof Omit<Configurable, 'config'>)[],
): T & ConfigExtras {
  const config = findConfig(options.config);
  if (!config) return options;
  const merged: T & ConfigExtras = { ...options };
  for (const key of keys) {
    const value = config[key];
    if (merged[key] === undefined && value !== undefined) {
      (merged as Configurable)[key] = String(value);
    }
  }
  merged.configOutputs = config.outputs;
  merged.docsBaseUri = config.docsBaseUri;
  if (config.rules) merged.ruleLevels = { file: config.file, levels: config.rules };
  return merged;
}
