import type { MatrixResult, PairResult } from './types.js';

/**
 * A step every pair goes through as it streams past, before cells, counts and reports see it
 * (rule levels, the baseline): applied per pair, so a run never has to hold its pairs to
 * re-judge them afterwards.
 */
export interface PairStage {
  apply(pair: PairResult): PairResult;
  /** What the stage adds to the result once every pair has passed (the baseline's outcome). */
  finish?(result: MatrixResult): MatrixResult;
}
