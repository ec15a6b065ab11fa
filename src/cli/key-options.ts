import { Option } from 'commander';

/**
 * Options naming key material outside the document, shared by check, matrix and verify. Only
 * commander here: the loaders (key-material.ts) parse certificates and run with the command.
 */
export const certsOption = (): Option =>
  new Option(
    '--certs <pem|der|dir>',
    'untrusted certificates (signers, intermediates) to find the signer and build paths; never trusted by themselves; repeatable',
  ).argParser(collect);

export const crlOption = (): Option =>
  new Option(
    '--crl <file|dir>',
    'CRLs (PEM or DER) for offline revocation checks on the as-of date; nothing is fetched; repeatable',
  ).argParser(collect);

export const requireRevocationOption = (): Option =>
  new Option(
    '--require-revocation',
    'a signer or intermediate certificate without a current CRL is a finding',
  );

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
