/**
 * Raised when corridor is asked to compute something it has no implementation for (an
 * unknown registry id, or a recognised algorithm such as belt-hash that cannot be computed
 * here). Callers turn it into an "unverifiable" finding instead of a crash.
 */
export class UnsupportedAlgorithmError extends Error {
  constructor(
    readonly algorithmId: string,
    message = `algorithm '${algorithmId}' is not supported by this build of corridor`,
  ) {
    super(message);
    this.name = 'UnsupportedAlgorithmError';
  }
}

/** A key or signature value whose bytes cannot be decoded (bad DER, wrong length, off-curve). */
export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFormatError';
  }
}
