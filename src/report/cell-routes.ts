import type { GatewayRoute, MatrixCell, MatrixResult } from '../engine/types.js';

/** What the finding-per-row formats (csv, junit, sarif, github) say about a pair's cell route. */
export interface PairRoute {
  /** The cell's `route`; absent in results from before routes existed. */
  route?: MatrixCell['route'];
  /** The gateways that carry a failing cell; empty unless `route` is `gateway`. */
  gateways: GatewayRoute[];
}

const NONE: PairRoute = { gateways: [] };

/**
 * Looks up the route of a pair's sender→receiver cell. Those formats walk findings, not cells,
 * so the cells are indexed once instead of searched per finding.
 */
export function routeLookup(result: MatrixResult): (sender: string, receiver: string) => PairRoute {
  const routes = new Map<string, PairRoute>();
  for (const cell of result.cells) {
    const gateways =
      cell.status === 'fail' && cell.route === 'gateway' && cell.routes ? cell.routes : [];
    routes.set(JSON.stringify([cell.sender, cell.receiver]), {
      ...(cell.route ? { route: cell.route } : {}),
      gateways,
    });
  }
  return (sender, receiver) => routes.get(JSON.stringify([sender, receiver])) ?? NONE;
}

/** `↪ reachable via G1, G2`: the same arrow text, markdown and html use. */
export function reachableVia(gateways: readonly GatewayRoute[]): string {
  return `↪ reachable via ${gateways.map((gateway) => gateway.via).join(', ')}`;
}

/** One line per gateway: `↪ via G: condition; condition`. */
export function routeLines(gateways: readonly GatewayRoute[]): string[] {
  return gateways.map(
    (gateway) =>
      `↪ via ${gateway.via}` +
      (gateway.conditions.length > 0 ? `: ${gateway.conditions.join('; ')}` : ''),
  );
}
