import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCertificate, type Certificate } from '../../src/pki/certificate.js';
import { pemBlocks } from '../../src/pki/pem.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const XMLSEC = new URL('../vectors/xmlsec', import.meta.url).pathname;

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function pemDer(path: string): Uint8Array {
  const [block] = pemBlocks(readFileSync(path, 'utf8'));
  if (!block) throw new Error(`no PEM block in ${path}`);
  return block.der;
}

export function fixtureCert(name: string): Certificate {
  return parseCertificate(pemDer(join(FIXTURES, name)));
}

/** The X509Certificate values of an XML file, in document order. */
export function xmlCertificates(path: string): Uint8Array[] {
  const xml = readFileSync(path, 'utf8');
  return [...xml.matchAll(/<(?:\w+:)?X509Certificate>([\s\S]*?)<\/(?:\w+:)?X509Certificate>/g)].map(
    (m) => new Uint8Array(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64')),
  );
}

/** Runs openssl; returns exit status 0 as true, and the combined output. */
export function openssl(args: string[], cwd?: string): { ok: boolean; out: string } {
  try {
    const out = execFileSync('openssl', args, { cwd, stdio: 'pipe' }).toString();
    return { ok: true, out };
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    return { ok: false, out: `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}` };
  }
}

export const FAMILIES = ['rsa', 'p256', 'ed25519', 'sm2'] as const;

const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else out.push(path);
  }
  return out;
}

/** Every certificate shipped with corridor or its tests: PEM files and XML X509Certificate values. */
export function knownCertificates(): Uint8Array[] {
  const found = new Map<string, Uint8Array>();
  const dirs = [FIXTURES, XMLSEC, join(ROOT, 'fixtures'), join(ROOT, 'profiles')];
  for (const file of dirs.flatMap((dir) => files(dir))) {
    const ders: Uint8Array[] = [];
    if (/\.(pem|crt|cer)$/.test(file)) {
      for (const block of pemBlocks(readFileSync(file, 'utf8')))
        if (block.label === 'CERTIFICATE') ders.push(block.der);
    } else if (
      /\.(xml|json)$/.test(file) &&
      readFileSync(file, 'utf8').includes('509Certificate')
    ) {
      if (file.endsWith('.xml')) ders.push(...xmlCertificates(file));
    }
    for (const der of ders) found.set(Buffer.from(der).toString('base64'), der);
  }
  return [...found.values()].filter((der) => der.length > 0);
}
