import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseCertificate } from '../pki/certificate.js';
import { parseCrl, type Crl } from '../pki/crl.js';
import type { ProfileSet } from '../profiles/read.js';
import { pemBlocks } from '../pki/pem.js';
import { errorMessage, UserError } from '../util/errors.js';

const FILE_MAX_BYTES = 4 * 1024 * 1024;
const DIR_MAX_FILES = 2000;
const EXTENSIONS: Record<string, readonly string[]> = {
  certificate: ['.pem', '.crt', '.cer', '.der'],
  crl: ['.pem', '.crl', '.der'],
};

/**
 * The files a path names: the file itself, or the regular files of a directory with the
 * given kind's extensions (not recursive, symlinks and special files skipped, at most
 * DIR_MAX_FILES), in name order so runs are reproducible.
 */
export function materialFiles(path: string, option: string, kind: 'certificate' | 'crl'): string[] {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    throw new UserError(`${option} ${path}: no such file or directory`);
  }
  if (!stat.isDirectory()) return [path];
  const extensions = EXTENSIONS[kind]!;
  const names = readdirSync(path)
    .filter((name) => extensions.includes(extname(name).toLowerCase()))
    .sort();
  if (names.length > DIR_MAX_FILES) {
    throw new UserError(`${option} ${path}: more than ${DIR_MAX_FILES} files`);
  }
  return names.map((name) => join(path, name)).filter((file) => lstatSync(file).isFile());
}

/** Bytes of a material file, capped so a mistaken path cannot exhaust memory. */
export function readMaterial(file: string, option: string): Buffer {
  let bytes: Buffer;
  try {
    if (lstatSync(file).size > FILE_MAX_BYTES) {
      throw new UserError(`${option} ${file}: larger than ${FILE_MAX_BYTES / 1024 ** 2} MB`);
    }
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot read ${option} file: ${file}`);
  }
  return bytes;
}

/** DER blocks of a file holding PEM (`label` blocks) or one DER value. */
export function derBlocks(bytes: Buffer, label: string): Uint8Array[] {
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN ')) {
    return pemBlocks(text)
      .filter((b) => b.label === label)
      .map((b) => b.der);
  }
  return [new Uint8Array(bytes)];
}

/** Every certificate of `--certs` paths (PEM, DER or directories), each checked to parse. */
export function loadCertificates(paths: readonly string[] | undefined): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const path of paths ?? []) {
    for (const file of materialFiles(path, '--certs', 'certificate')) {
      const blocks = derBlocks(readMaterial(file, '--certs'), 'CERTIFICATE');
      if (blocks.length === 0) throw new UserError(`--certs ${file}: no CERTIFICATE`);
      for (const der of blocks) {
        try {
          parseCertificate(der);
        } catch (error) {
          throw new UserError(`--certs ${file}: ${errorMessage(error)}`);
        }
        out.push(der);
      }
    }
  }
  return out;
}

/** Every CRL of `--crl` paths (PEM `X509 CRL` blocks or DER, or directories of them). */
export function loadCrls(paths: readonly string[] | undefined): Crl[] {
  const out: Crl[] = [];
  for (const path of paths ?? []) {
    for (const file of materialFiles(path, '--crl', 'crl')) {
      const blocks = derBlocks(readMaterial(file, '--crl'), 'X509 CRL');
      if (blocks.length === 0) throw new UserError(`--crl ${file}: no X509 CRL`);
      for (const der of blocks) {
        try {
          out.push(parseCrl(der));
        } catch (error) {
          throw new UserError(`--crl ${file}: ${errorMessage(error)}`);
        }
      }
    }
  }
  return out;
}

/** Key material options of check, matrix and verify, loaded once per run. */
export interface KeyMaterialOptions {
  certs?: string[];
  crl?: string[];
  requireRevocation?: boolean;
}

/** The verification options key material gives, `anchors` being who may sign CRLs. */
export function keyMaterial(
  options: KeyMaterialOptions,
  anchors: readonly Uint8Array[],
): {
  certificates: Uint8Array[];
  crls: Crl[];
  requireRevocation: boolean;
  issuers: Uint8Array[];
} {
  const certificates = loadCertificates(options.certs);
  return {
    certificates,
    crls: loadCrls(options.crl),
    requireRevocation: options.requireRevocation === true,
    issuers: [...anchors, ...certificates],
  };
}

/**
 * Every trust anchor and shipped intermediate of the loaded profiles: they may sign CRLs of the
 * certificates they issue (issuers for `--crl`, never trusted for that).
 */
export function profileAnchors(profiles: ProfileSet): Uint8Array[] {
  return [...profiles.profiles.values()].flatMap((p) =>
    [...p.anchors, ...(p.intermediates ?? [])].map((a) => a.der),
  );
}
