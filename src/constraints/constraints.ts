import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { commonJsDefault } from '../util/commonjs-default.js';
import type { DocumentType, ModelValue } from '../documents/model.js';
import { meta as generatedMetaValidator } from '../generated/shape-validators.js';
import { CODE_LISTS_DIGEST, SHIPPED_CONSTRAINTS } from '../generated/constraint-validators.js';
import type { DocumentConstraint, Level, ResolvedProfile } from '../profiles/types.js';
import type { Memo } from '../util/memo.js';
import { codeListsDigest, loadCodeLists } from './code-lists.js';
import { isLinearRegExp, linearRegExp } from './linear-regexp.js';
import { addCompareKeyword, unknownCorridorKeywords } from './cross-field.js';

const addFormats = commonJsDefault<(ajv: Ajv2020) => void>(addFormatsModule);

export interface Violation {
  constraintId: string;
  pointer: string;
  message: string;
  severity: Level;
  hint?: string;
}

/**
 * A constraint as it is evaluated, identified by what it checks and reports (id, description,
 * severity, hint, formats, schema) rather than by the profile carrying it: profiles extending
 * one another carry copies of the same constraints, and all of them get this one object, so
 * that a document is checked once per distinct constraint (per-document memo), whichever
 * receivers and senders carry it. Each profile's rule then only maps the shared violations to
 * its own findings.
 */
export interface SharedConstraint {
  readonly id: string;
  readonly formats?: readonly string[];
  readonly constraint: DocumentConstraint;
  readonly validate: ValidateFunction;
}

/** Shared constraints by canonical content (profile content, never document content). */
const sharedConstraints = new Map<string, SharedConstraint>();

function canonicalKey(constraint: DocumentConstraint, schemaText: string): string {
  const { id, description, severity, hint, formats } = constraint;
  return JSON.stringify([id, description, severity, hint, formats, schemaText]);
}

/** One shared ajv instance: code lists are registered once and referenced by `$ref`. */
let sharedAjv: Ajv2020 | undefined;

export function constraintAjv(): Ajv2020 {
  if (!sharedAjv) {
    // ownProperties: `required` and friends look at the document's own members only, never
    // at what every object inherits (`constructor`, `toString`…). optimize: false skips ajv's
    // pass over the generated code: a third of compile time at every start, while validation
    // speed is unchanged (V8 optimises the code anyway; measured with bench/startup.ts).
    sharedAjv = new Ajv2020({
      allErrors: true,
      strict: false,
      ownProperties: true,
      // No on-disk cache of compiled code: it saved ~0.1-0.2 s CPU per run and was a
      // code-injection path (issue #15); validators are compiled in memory every run.
      code: { optimize: false, regExp: linearRegExp },
      inlineRefs: false,
      // Schemas are checked against the meta-schema by checkAgainstMeta below, with the
      // validator generated at build time, not by ajv compiling the meta-schema (~35 ms) at
      // every start. The code lists ajv takes here are corridor's own files (tested valid).
      validateSchema: false,
    });
    addFormats(sharedAjv);
    addCompareKeyword(sharedAjv);
    for (const schema of loadCodeLists()) sharedAjv.addSchema(schema);
  }
  return sharedAjv;
}

/**
 * Validators by schema text. Profiles that extend one another carry copies of the same
 * constraints (the shipped set compiles 28 distinct schemas, not 267), and ajv caches only by
 * object identity. A validator is shared safely: `errors` is read right after each call.
 */
const validators = new Map<string, ValidateFunction>();

/** A validator from the shared instance, through the in-memory cache. */
export function sharedValidator(schema: object): ValidateFunction {
  return compileShared(schema);
}

/**
 * A validator through the in-memory cache: the one generated at build time for a shipped
 * schema, else compiled on the shared instance. The instance (~10 ms to create, with its code
 * lists) is made only when something is compiled: the shipped profiles need none.
 */
function compileShared(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    validate = prebuilt(key);
    if (!validate) {
      const ajv = constraintAjv();
      // What ajv.compile did first while validateSchema was on.
      if (!checked.has(key)) checkAgainstMeta(ajv, schema);
      validate = ajv.compile(schema);
    }
    validators.set(key, validate);
  }
  return validate;
}

/** Whether the code lists are those the build-time validators hold (they are corridor's own). */
let shippedCodeLists: boolean | undefined;

/**
 * The validator generated at build time for a shipped profile's schema of this exact text
 * (scripts/constraint-validators.ts: the same options as constraintAjv, so the same verdicts and
 * errors), instead of compiling it again at every run (~60-120 ms for the shipped set).
 */
function prebuilt(key: string): ValidateFunction | undefined {
  const validate = SHIPPED_CONSTRAINTS.get(key) as ValidateFunction | undefined;
  if (!validate) return undefined;
  shippedCodeLists ??= codeListsDigest() === CODE_LISTS_DIGEST;
  return shippedCodeLists ? validate : undefined;
}

/**
 * A profile's document constraints, compiled once per profile and document type (never per
 * pair). A constraint whose schema does not compile is a profile error raised at compile time.
 */
export class ConstraintSet {
  private readonly compiled = new Map<DocumentType, SharedConstraint[]>();
  private readonly whenCache = new Map<string, ValidateFunction>();
  private readonly applicableCache = new Map<string, readonly SharedConstraint[]>();

  constructor(private readonly profile: ResolvedProfile) {}

  private compiledFor(type: DocumentType): SharedConstraint[] {
    let list = this.compiled.get(type);
    if (!list) {
      list = (this.profile.documents?.[type]?.constraints ?? [])
        .filter((c) => c.schema)
        .map((constraint) => {
          const key = canonicalKey(constraint, JSON.stringify(constraint.schema));
          let shared = sharedConstraints.get(key);
          if (!shared) {
            shared = {
              id: constraint.id,
              formats: constraint.formats,
              constraint,
              validate: compileOrExplain(this.profile, constraint),
            };
            sharedConstraints.set(key, shared);
          }
          return shared;
        });
      this.compiled.set(type, list);
    }
    return list;
  }

  /**
   * The constraints that apply to a document of `type` in `format` (its definition id;
   * constraints naming other formats are left out), compiled on first use.
   */
  applicable(type: DocumentType, format?: string): readonly SharedConstraint[] {
    // Asked for every pair: the filtered list is kept per type and format.
    const key = `${type}\u0000${format ?? ''}\u0000${format === undefined ? 0 : 1}`;
    let list = this.applicableCache.get(key);
    if (!list) {
      list = this.compiledFor(type).filter(
        (c) => !c.formats || (format !== undefined && c.formats.includes(format)),
      );
      this.applicableCache.set(key, list);
    }
    return list;
  }

  /**
   * Checks every constraint schema now, so that a broken profile stops at load, without
   * compiling what the command may never evaluate (see checkSchema).
   */
  checkAll(): void {
    for (const policy of Object.values(this.profile.documents ?? {}))
      for (const constraint of policy?.constraints ?? [])
        if (constraint.schema)
          explainFailure(this.profile, constraint, () => checkSchema(constraint.schema as object));
  }

  /**
   * The violations of `model`. `format`: the document's definition id; constraints naming other
   * formats are skipped. With the document's memo, each distinct schema is validated once per
   * document, whichever profiles carry it (profiles that extend one another share most).
   */
  evaluate(type: DocumentType, model: ModelValue, format?: string, memo?: Memo): Violation[] {
    return this.applicable(type, format).flatMap((shared) => violationsOf(shared, model, memo));
  }

  /** Whether `value` matches a data-export rule's `when` schema (compiled once). */
  matches(
    profileId: string,
    ruleId: string,
    schema: Record<string, unknown>,
    value: ModelValue,
  ): boolean {
    const key = `${profileId}|${ruleId}`;
    let validate = this.whenCache.get(key);
    if (!validate) {
      validate = compileShared(schema);
      this.whenCache.set(key, validate);
    }
    return validate(value) === true;
  }
}

function compileOrExplain(
  profile: ResolvedProfile,
  constraint: DocumentConstraint,
): ValidateFunction {
  return explainFailure(profile, constraint, () => {
    checkSchema(constraint.schema as object);
    return compileShared(constraint.schema as object);
  });
}

/** Schema texts that passed checkSchema. */
const checked = new Set<string>();

/**
 * Throws what compiling the schema would throw, at a fraction of the cost: ajv's meta-schema
 * check takes ~0.1 ms where compiling takes ~6 ms, and `profiles list` or `check` of one pair
 * need few of the shipped constraints. What the meta-schema cannot vouch for is compiled now:
 * a corridor keyword (its arguments are checked when it compiles) and a `$ref` that is not a
 * registered code list (an unresolvable one fails only when compiled).
 */
function checkSchema(schema: object): void {
  const key = JSON.stringify(schema);
  // A shipped schema's validator was generated at build time, after the same meta-schema
  // check (scripts/lib/constraint-validators-source.ts): ~16 ms of every start not spent again.
  if (checked.has(key) || validators.has(key) || prebuilt(key)) return;
  const unknown = unknownCorridorKeywords(schema);
  if (unknown.length > 0) throw new Error(`unknown keyword ${unknown.join(', ')}`);
  if (needsCompiling(schema, schema)) compileShared(schema);
  else checkAgainstMeta(constraintAjv(), schema);
  checked.add(key);
}

type MetaValidator = ((schema: unknown) => boolean) & { errors?: ErrorObject[] | null };
const metaValidator = generatedMetaValidator as unknown as MetaValidator;

/**
 * ajv's validateSchema(schema, true), verdict and message alike ("schema is invalid: …"), with
 * the 2020-12 meta-schema's validator generated at build time; a schema naming another
 * meta-schema in `$schema` takes ajv's own path (which compiles what it names, or throws).
 */
export function checkAgainstMeta(ajv: Ajv2020, schema: unknown): void {
  if (typeof schema === 'boolean') return;
  const named = (schema as { $schema?: unknown }).$schema;
  if (named !== undefined && named !== META_SCHEMA_ID) {
    ajv.validateSchema(schema as object, true);
    return;
  }
  if (!metaValidator(schema)) {
    throw new Error(`schema is invalid: ${ajv.errorsText(metaValidator.errors)}`);
  }
}

const META_SCHEMA_ID = 'https://json-schema.org/draft/2020-12/schema';

/**
 * What only compiling checks: references, corridor's own keywords and regular expressions
 * (ajv's meta-schema does not test `format: regex`). A regex is tried as ajv builds it (RE2);
 * one that fails is compiled, whose verdict counts (a `pattern` may be data inside a `const`).
 */
const COMPILE_CHECKED = /^(\$id|\$anchor|\$dynamicAnchor|\$dynamicRef|\$recursiveRef|x-corridor-)/;

let codeListIds: Set<unknown> | undefined;

function needsCompiling(schema: unknown, root: object, depth = 0): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  if (depth > 64) return true;
  codeListIds ??= new Set(loadCodeLists().map((list) => (list as { $id?: unknown }).$id));
  for (const [key, value] of Object.entries(schema)) {
    if (COMPILE_CHECKED.test(key)) return true;
    if (key === '$ref' && !codeListIds.has(value) && !isLocalDefinition(root, value)) return true;
    if (key === 'pattern' && typeof value === 'string' && !isRegExp(value)) return true;
    if (key === 'patternProperties' && value && !Object.keys(value).every(isRegExp)) return true;
    if (needsCompiling(value, root, depth + 1)) return true;
  }
  return false;
}

/** `#/$defs/name` naming a definition of the schema itself (which the meta-schema checks). */
function isLocalDefinition(root: object, ref: unknown): boolean {
  const name = typeof ref === 'string' ? /^#\/\$defs\/([^/~%]+)$/.exec(ref)?.[1] : undefined;
  const defs = (root as { $defs?: unknown }).$defs;
  if (name === undefined || defs === null || typeof defs !== 'object') return false;
  const target = Object.hasOwn(defs, name) ? (defs as Record<string, unknown>)[name] : undefined;
  return typeof target === 'boolean' || (typeof target === 'object' && target !== null);
}

/** Compiles on the engine ajv runs patterns on (RE2, linear-regexp.ts). */
function isRegExp(source: string): boolean {
  return isLinearRegExp(source);
}

function explainFailure<T>(
  profile: ResolvedProfile,
  constraint: DocumentConstraint,
  work: () => T,
): T {
  try {
    return work();
  } catch (error) {
    throw new ConstraintCompileError(
      `${profile.file}: constraint ${constraint.id} has an invalid schema: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export class ConstraintCompileError extends Error {
  override name = 'ConstraintCompileError';
}

/**
 * The violations of one shared constraint in `model`. With the document's memo they are made
 * once per document and shared by every profile carrying the constraint (the objects are
 * shared: read them, never change them); the schema is validated once per document even when
 * constraints of different ids carry it.
 */
export function violationsOf(
  shared: SharedConstraint,
  model: ModelValue,
  memo?: Memo,
): Violation[] {
  if (!memo) return violationsNow(shared, failuresOf(shared.validate, model));
  return memo.once(shared, 'violations', () =>
    violationsNow(
      shared,
      memo.once(shared.validate, 'failures', () => failuresOf(shared.validate, model)),
    ),
  );
}

function violationsNow(
  { constraint }: SharedConstraint,
  failures: ReadonlyArray<{ pointer: string; text: string }>,
): Violation[] {
  return failures.map(({ pointer, text }) => ({
    constraintId: constraint.id,
    pointer,
    message: `${constraint.description ?? constraint.id}: ${text}`,
    severity: constraint.severity ?? 'error',
    hint: constraint.hint,
  }));
}

/** What a validator finds wrong with a value: where, and said for a person. */
function failuresOf(
  validate: ValidateFunction,
  model: ModelValue,
): Array<{ pointer: string; text: string }> {
  if (validate(model)) return [];
  return usefulErrors(validate.errors ?? []).map((error) => {
    const pointer = errorPointer(error);
    return { pointer, text: describeError(error, pointer) };
  });
}

/** Branch noise from anyOf/oneOf/if is dropped; the leaf errors say what is wrong. */
function usefulErrors(errors: ErrorObject[]): ErrorObject[] {
  const leaves = errors.filter((e) => !['anyOf', 'oneOf', 'if', 'allOf'].includes(e.keyword));
  const seen = new Set<string>();
  return (leaves.length > 0 ? leaves : errors).filter((e) => {
    const key = `${errorPointer(e)}|${e.keyword}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function errorPointer(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params['missingProperty'] === 'string') {
    return `${error.instancePath}/${params['missingProperty']}`;
  }
  return error.instancePath;
}

function describeError(error: ErrorObject, pointer: string): string {
  const params = error.params as Record<string, unknown>;
  const at = pointer || '/';
  switch (error.keyword) {
    case 'required':
      return `${at} is required but missing`;
    case 'pattern':
      return `${at} does not match ${String(params['pattern'])}`;
    case 'enum':
      return `${at} is not an allowed value`;
    case 'const':
      return `${at} must be ${JSON.stringify(params['allowedValue'])}`;
    case 'maxLength':
    case 'minLength':
      return `${at} ${error.message ?? ''}`;
    default:
      return `${at} ${error.message ?? error.keyword}`;
  }
}

const sets = new WeakMap<ResolvedProfile, ConstraintSet>();

/** The compiled constraint set of a profile, created once per loaded profile. */
export function constraintSetFor(profile: ResolvedProfile): ConstraintSet {
  let set = sets.get(profile);
  if (!set) {
    set = new ConstraintSet(profile);
    sets.set(profile, set);
  }
  return set;
}
