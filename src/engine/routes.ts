import { algorithmById } from '../algorithms/registry.js';
import type { ProfileSet } from '../profiles/load.js';
import type { AlgorithmPolicyEntry, ResolvedProfile } from '../profiles/types.js';
import { algorithmLabel, matchAlgorithm } from '../rules/policy-match.js';
import type { CellBuilder } from './cells.js';
import type { GatewayRoute, MatrixCell } from './types.js';
import { compareText } from '../util/collate.js';

const cellKey = (sender: string, receiver: string): string => `${sender}\u0000${receiver}`;

/**
 * Marks every cell with how the sender reaches the receiver. A failing cell is routed via a
 * gateway G when: G serves the sender (if it lists whom it serves), the sender's documents pass
 * S→G (evaluated in the same run), every error of S→R is a signature finding other than a
 * refused format (a gateway re-signs; it changes neither content nor syntax), and G re-issues
 * with a signature algorithm R accepts on the as-of date.
 */
export function attachRoutes(built: CellBuilder, profiles: ProfileSet, asOf: Date): MatrixCell[] {
  const cells = built.cells();
  const gateways = [...profiles.profiles.values()]
    .filter((profile) => profile.kind === 'gateway')
    .sort((a, b) => compareText(a.id, b.id));
  const byKey = new Map(cells.map((cell) => [cellKey(cell.sender, cell.receiver), cell]));
  return cells.map((cell): MatrixCell => {
    if (cell.status !== 'fail') return { ...cell, route: 'direct' };
    const receiver = profiles.profiles.get(cell.receiver);
    const contentErrors = built.hasContentErrors(cell.sender, cell.receiver);
    const routes = receiver
      ? gateways.flatMap((gateway) => {
          const route = routeVia(cell, gateway, receiver, byKey, contentErrors, asOf);
          return route ? [route] : [];
        })
      : [];
    return routes.length > 0 ? { ...cell, route: 'gateway', routes } : { ...cell, route: 'none' };
  });
}

function routeVia(
  cell: MatrixCell,
  gateway: ResolvedProfile,
  receiver: ResolvedProfile,
  cells: ReadonlyMap<string, MatrixCell>,
  /** A pair of the cell has an error re-signing does not repair (cells.ts isContentError). */
  contentErrors: boolean,
  asOf: Date,
): GatewayRoute | undefined {
  if (gateway.id === cell.sender || gateway.id === cell.receiver) return undefined;
  const serves = gateway.gateway?.serves;
  if (serves && !serves.includes(cell.sender)) return undefined;
  const hop = cells.get(cellKey(cell.sender, gateway.id));
  if (!hop || hop.status === 'fail') return undefined;
  // A gateway re-signs in the document's own syntax (a JSON document stays JWS): a refused
  // signature format is as much beyond it as a content error.
  if (contentErrors) return undefined;
  for (const reissue of gateway.gateway?.reissues ?? []) {
    const accepted = acceptedReissue(reissue, receiver, asOf);
    if (accepted === undefined) continue;
    return {
      via: gateway.id,
      conditions: conditions(cell, gateway, receiver, reissue, accepted, hop),
    };
  }
  return undefined;
}

/**
 * The receiver's entry that accepts what the gateway re-issues with, `null` when the receiver
 * does not restrict signature methods, `undefined` when it refuses it. The gateway's own entry
 * must be inside its window too.
 */
function acceptedReissue(
  reissue: AlgorithmPolicyEntry,
  receiver: ResolvedProfile,
  asOf: Date,
): AlgorithmPolicyEntry | null | undefined {
  const algorithm = algorithmById(reissue.algorithm);
  if (!algorithm) return undefined;
  const uris = reissue.uris ?? algorithm.uris;
  const curves: Array<string | undefined> = reissue.curves ?? [undefined];
  for (const uri of uris) {
    if (matchAlgorithm(uri, [reissue], asOf).outcome !== 'accepted') continue;
    const methods = receiver.signature?.methods;
    if (!methods) return null;
    for (const curveOid of curves) {
      const match = matchAlgorithm(uri, methods, asOf, { bits: reissue.minKeyBits, curveOid });
      if (match.outcome === 'accepted') return match.entry;
    }
  }
  return undefined;
}

function conditions(
  cell: MatrixCell,
  gateway: ResolvedProfile,
  receiver: ResolvedProfile,
  reissue: AlgorithmPolicyEntry,
  accepted: AlgorithmPolicyEntry | null,
  hop: MatrixCell,
): string[] {
  const name = algorithmLabel(reissue.algorithm);
  const bits = reissue.minKeyBits ? ` with a ${reissue.minKeyBits}-bit key` : '';
  const unconfirmed = reissue.confirmed === false ? ' (unconfirmed)' : '';
  const list = [`${gateway.id} re-signs with ${name}${bits}${unconfirmed}`];
  if (accepted?.minKeyBits && !reissue.minKeyBits) {
    list.push(
      `the re-signing key has at least ${accepted.minKeyBits} bits (${receiver.id}'s minimum)`,
    );
  }
  if (accepted?.curves && !reissue.curves) {
    list.push(`the re-signing key is on a curve ${receiver.id} accepts`);
  }
  if (accepted?.notAfter)
    list.push(`${receiver.id} accepts ${name} only until ${accepted.notAfter}`);
  if (accepted?.signedNotAfter)
    list.push(
      `${receiver.id} accepts ${name} only for signatures made until ${accepted.signedNotAfter}`,
    );
  if (accepted?.level === 'warning') list.push(`${receiver.id} accepts ${name} with a warning`);
  if (hop.status === 'warn') {
    const rules = Object.keys(hop.findings).sort().join(', ');
    list.push(`${cell.sender} → ${gateway.id} passes with warnings${rules ? ` (${rules})` : ''}`);
  }
  if (receiver.signature?.requireTrustedSigner) {
    list.push(`${receiver.id} trusts ${gateway.id}'s signing certificate`);
  }
  return list;
}
