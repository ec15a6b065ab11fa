import type { MatrixResult } from '../../src/engine/types.js';
import { matrixResult } from './fixture.js';

/**
 * The report fixture as a run with gateway routes: RU → CN fails directly but goes through
 * TTP-EAEU, KZ → CN fails with no route, every other cell is direct. The second condition
 * carries characters each format must escape (markup, CSV and workflow-command delimiters).
 */
export const ROUTE_CONDITIONS = [
  'TTP-EAEU re-signs with SM2 with SM3',
  'CN trusts TTP-EAEU\'s signing certificate, 100% <checked> & "pinned": yes',
];

export const routedResult: MatrixResult = {
  ...matrixResult,
  cells: matrixResult.cells.map((cell) => {
    if (cell.sender === 'RU' && cell.receiver === 'CN') {
      return {
        ...cell,
        route: 'gateway',
        routes: [{ via: 'TTP-EAEU', conditions: ROUTE_CONDITIONS }],
      };
    }
    return { ...cell, route: cell.status === 'fail' ? 'none' : 'direct' };
  }),
};

/** Routes with a formula-looking gateway id, as a `merge` of hand-edited JSON could bring. */
export const hostileRouteResult: MatrixResult = {
  ...routedResult,
  cells: routedResult.cells.map((cell) =>
    cell.route === 'gateway'
      ? { ...cell, routes: [{ via: '=HYPERLINK("http://x")', conditions: [] }] }
      : cell,
  ),
};
