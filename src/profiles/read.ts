import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../util/errors.js';
import { JsonSyntaxError, parseJsonText } from '../util/json-position.js';
import { mergePolicies, type MergedPolicies } from './merge.js';
import type { ProfileFile, ResolvedProfile } from './types.js';
import { lintDefinitions } from './definition-lint.js';
import { validateProfileShape } from './validate.js';
import { ProfileError, type ProfileProblem } from './profile-error.js';

export { formatProblem, ProfileError, type ProfileProblem } from './profile-error.js';

export const SHIPPED_PROFILES_DIR = fileURLToPath(new URL('../../profiles', import.meta.url));

export interface ProfileSet {
  dir: string;
  profiles: Map<string, ResolvedProfile>;
}

/**
 * Reads every `*.json` profile of a folder (not the schema), validates and resolves it, and
 * runs `lint`; its errors stop the load. Unknown algorithm ids, uncited sources, broken
 * constraint schemas and unreadable anchors stop every command, not only `profiles lint`: a run
 * on a broken profile would mislead.
 */
export function readProfiles(dir: string, lint: (set: ProfileSet) => ProfileProblem[]): ProfileSet {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UserError(`profiles folder not found: ${dir}`);
  }
  const files = readdirSync(root)
    .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
    .sort()
    .map((name) => join(root, name));
  if (files.length === 0) throw new UserError(`no profiles (*.json) in ${dir}`);
  const set = { dir: root, profiles: resolveProfiles(files.map(readProfileFile)) };
  const errors = lint(set);
  if (errors.length > 0) throw new ProfileError(errors);
  return set;
}

/**
 * The profiles for commands that only describe them (`profiles list`, `profiles show`): every
 * check but parsing the trust anchors as certificates, whose parser costs ~200 ms to load and
 * run. Anchor files are still read, so a missing or non-PEM one still stops the load.
 */
export function loadProfileDescriptions(dir: string = SHIPPED_PROFILES_DIR): ProfileSet {
  return readProfiles(dir, (set) => lintDefinitions(set).errors);
}

export interface LoadedFile {
  file: string;
  profile: ProfileFile;
}

export function readProfileFile(file: string): LoadedFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ProfileError([{ file, pointer: '/', message: 'cannot read file' }]);
  }
  let value: unknown;
  try {
    value = parseJsonText(text, file);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new UserError(error.message);
    throw error;
  }
  const problems = validateProfileShape(value);
  if (problems.length > 0) {
    throw new ProfileError(problems.map((p) => ({ file, ...p })));
  }
  const profile = value as ProfileFile;
  // Anchor paths are relative to the file that names them, which matters once a child
  // profile inherits them from a parent in another folder.
  const signature = profile.signature;
  for (const ref of [
    ...(signature?.trustAnchors ?? []),
    ...(signature?.intermediates ?? []),
    ...(signature?.crls ?? []),
  ]) {
    ref.file = resolve(dirname(file), ref.file);
  }
  return { file, profile };
}

/** Resolves `extends` for a set of profile files; cycles and unknown parents are errors. */
export function resolveProfiles(loaded: LoadedFile[]): Map<string, ResolvedProfile> {
  const byId = new Map<string, LoadedFile>();
  const problems: ProfileProblem[] = [];
  for (const entry of loaded) {
    const previous = byId.get(entry.profile.id);
    if (previous) {
      problems.push({
        file: entry.file,
        pointer: '/id',
        message: `duplicate profile id ${entry.profile.id} (also in ${basename(previous.file)})`,
      });
    }
    byId.set(entry.profile.id, entry);
  }

  const resolved = new Map<string, ResolvedProfile>();
  const resolving: string[] = [];

  const resolveOne = (id: string): ResolvedProfile | undefined => {
    const done = resolved.get(id);
    if (done) return done;
    const entry = byId.get(id);
    if (!entry) return undefined;
    if (resolving.includes(id)) {
      const cycle = [...resolving.slice(resolving.indexOf(id)), id].join(' → ');
      problems.push({ file: entry.file, pointer: '/extends', message: `extends cycle: ${cycle}` });
      return undefined;
    }
    resolving.push(id);
    const { profile, file } = entry;
    const parents = profile.extends === undefined ? [] : [profile.extends].flat();
    let merged: MergedPolicies = {};
    const lineage: string[] = [];
    parents.forEach((parentId, index) => {
      const parent = resolveOne(parentId);
      if (!parent) {
        if (!byId.has(parentId)) {
          const pointer = Array.isArray(profile.extends) ? `/extends/${index}` : '/extends';
          problems.push({ file, pointer, message: `extends unknown profile ${parentId}` });
        }
        return;
      }
      merged = mergePolicies(merged, { ...parent, id: parent.id });
      for (const ancestor of parent.lineage)
        if (!lineage.includes(ancestor)) lineage.push(ancestor);
    });
    resolving.pop();
    merged = mergePolicies(merged, profile);
    const { extends: _extends, ...own } = profile;
    const result: ResolvedProfile = {
      ...own,
      ...merged,
      file,
      lineage: [...lineage, profile.id],
      anchors: loadMaterial(file, merged, 'trustAnchors', problems),
      intermediates: loadMaterial(file, merged, 'intermediates', problems),
      crls: loadMaterial(file, merged, 'crls', problems),
    };
    resolved.set(id, result);
    return result;
  };

  for (const id of byId.keys()) resolveOne(id);
  if (problems.length > 0) throw new ProfileError(problems);
  return resolved;
}

/** A PEM file of trust anchors is a few kilobytes; a megabyte is generous. */
const MAX_ANCHOR_BYTES = 1024 * 1024;
/** A national CA's CRL can list many thousands of serials. */
const MAX_CRL_BYTES = 16 * 1024 * 1024;

type MaterialKey = 'trustAnchors' | 'intermediates' | 'crls';
const WHAT: Record<MaterialKey, string> = {
  trustAnchors: 'trust anchor',
  intermediates: 'intermediate certificate',
  crls: 'CRL',
};

/** Certificates (anchors, intermediates) or CRLs a profile names, read once at load. */
function loadMaterial(
  profileFile: string,
  merged: MergedPolicies,
  key: MaterialKey,
  problems: ProfileProblem[],
): Array<{ file: string; der: Uint8Array }> {
  const out: Array<{ file: string; der: Uint8Array }> = [];
  const limit = key === 'crls' ? MAX_CRL_BYTES : MAX_ANCHOR_BYTES;
  (merged.signature?.[key] ?? []).forEach((ref, index) => {
    const path = ref.file;
    const pointer = `/signature/${key}/${index}/file`;
    try {
      // A regular file under a size cap: `/dev/zero` or a FIFO must not be read (issue #15).
      const stat = statSync(path);
      if (!stat.isFile()) throw new Error('not a regular file');
      if (stat.size > limit) {
        problems.push({
          file: profileFile,
          pointer,
          message: `${WHAT[key]} file ${basename(path)} is ${stat.size} bytes, over the ${limit}-byte limit`,
        });
        return;
      }
      const bytes = readFileSync(path);
      const ders = key === 'crls' ? crlBlocks(bytes) : pemCertificates(bytes.toString('utf8'));
      for (const der of ders) out.push({ file: path, der });
    } catch {
      problems.push({
        file: profileFile,
        pointer,
        message: `${WHAT[key]} file not found or unreadable: ${basename(path)}`,
      });
    }
  });
  return out;
}

/** The CRLs of a file: its `X509 CRL` PEM blocks, or the file itself as one DER CRL. */
function crlBlocks(bytes: Buffer): Uint8Array[] {
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN ')) return [new Uint8Array(bytes)];
  const blocks = [...text.matchAll(/-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/g)];
  if (blocks.length === 0) throw new Error('no X509 CRL in PEM');
  return blocks.map((m) => new Uint8Array(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64')));
}

/** All CERTIFICATE blocks of a PEM text, as DER. */
export function pemCertificates(pem: string): Uint8Array[] {
  const blocks = [
    ...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g),
  ];
  if (blocks.length === 0) throw new Error('no certificate in PEM');
  return blocks.map((m) => new Uint8Array(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64')));
}
