/**
 * GOST 28147-89 throughput: CFB with CryptoPro key meshing (the fixture's data cipher), the
 * MAC, and key transport (VKO + CryptoPro key wrap) per recipient. Run: npx tsx bench/gost28147.ts
 */
import { randomBytes } from 'node:crypto';
import { generateGostKeyPair } from '../src/crypto/gost/keys.js';
import {
  gost28147CfbDecrypt,
  gost28147CfbEncrypt,
  gost28147Mac,
  gostKeyTransportUnwrap,
  gostKeyTransportWrap,
  TC26_Z_PARAMSET,
} from '../src/crypto/gost28147/index.js';
import { opsPerSecond } from './lib/rate.js';

const key = new Uint8Array(randomBytes(32));
const iv = new Uint8Array(randomBytes(8));
const opts = { paramSet: TC26_Z_PARAMSET, key, iv };

for (const size of [1024, 64 * 1024, 1024 * 1024]) {
  const data = new Uint8Array(randomBytes(size));
  const ct = gost28147CfbEncrypt(opts, data);
  const enc = opsPerSecond(() => gost28147CfbEncrypt(opts, data));
  const dec = opsPerSecond(() => gost28147CfbDecrypt(opts, ct));
  const mac = opsPerSecond(() => gost28147Mac({ paramSet: TC26_Z_PARAMSET, key }, data));
  const mb = size / (1024 * 1024);
  console.log(
    `${String(size).padStart(8)} B: CFB encrypt ${(enc * mb).toFixed(1)} MB/s, decrypt ${(dec * mb).toFixed(1)} MB/s, MAC ${(mac * mb).toFixed(1)} MB/s`,
  );
}

for (const [family, oid, name] of [
  ['gost2012-256', '1.2.643.7.1.2.1.1.1', 'tc26-256-A'],
  ['gost2012-256', '1.2.643.2.2.35.1', 'CryptoPro-A'],
  ['gost2012-512', '1.2.643.7.1.2.1.2.1', 'tc26-512-A'],
] as const) {
  const { privateKey, publicKey } = generateGostKeyPair(family, oid);
  const cek = new Uint8Array(randomBytes(32));
  const der = gostKeyTransportWrap(publicKey, cek);
  const wrap = opsPerSecond(() => gostKeyTransportWrap(publicKey, cek), 1000);
  const unwrap = opsPerSecond(() => gostKeyTransportUnwrap(der, privateKey), 1000);
  console.log(
    `key transport ${family} ${name}: wrap ${wrap.toFixed(0)}/s, unwrap ${unwrap.toFixed(0)}/s`,
  );
}
