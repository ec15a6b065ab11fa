import { beltHmac } from './hmac.js';

/**
 * PBKDF2 (RFC 8018 §5.2) with hmac-hbelt as PRF, producing the one 32-octet block a belt-kwp256
 * key needs: T1 = U1 ⊕ … ⊕ Uc, U1 = PRF(P, S ‖ INT(1)), Ui = PRF(P, U(i-1)). This is how
 * STB 34.101.78 (bee2's bpki) protects private keys.
 */

/** Far above what key containers use (10 000), low enough that hostile input cannot hang us. */
export const MAX_PBKDF2_ITERATIONS = 1_000_000;

export function beltPbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number): Uint8Array {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new RangeError(
      `PBKDF2 iteration count ${iterations} is outside 1..${MAX_PBKDF2_ITERATIONS}`,
    );
  }
  const first = new Uint8Array(salt.length + 4);
  first.set(salt);
  first[salt.length + 3] = 1;
  let u = beltHmac(password, first);
  const t = Uint8Array.from(u);
  for (let i = 1; i < iterations; i++) {
    u = beltHmac(password, u);
    for (let j = 0; j < t.length; j++) t[j] = (t[j] as number) ^ (u[j] as number);
  }
  return t;
}
