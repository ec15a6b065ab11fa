import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ProfileSet } from '../profiles/load.js';
import { UserError } from '../util/errors.js';
import { buildCells } from './cells.js';
import { attachRoutes } from './routes.js';
import type { MatrixResult, PairResult } from './types.js';

const SCHEMA_PATH = fileURLToPath(
  new URL('../../schemas/matrix-output.schema.json', import.meta.url),
);

let validator: ValidateFunction | undefined;

export interface ShardInput {
  file: string;
  result: MatrixResult;
}

/** Reads one `--format json` result; anything else is a user error naming the file. */
export function readResult(file: string): ShardInput {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'not valid JSON' : 'cannot read file';
    throw new UserError(`${file}: ${reason}`);
  }
  validator ??= new Ajv2020({ strict: false }).compile(
    JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object,
  );
  if (!validator(value)) {
    const error = validator.errors?.[0];
    throw new UserError(
      `${file}: not a corridor JSON result (${error?.instancePath || '/'} ${error?.message ?? ''})`,
    );
  }
  return { file, result: value as MatrixResult };
}

/** Whether routes must be recomputed, which needs the profiles the shards ran with. */
export function needsProfiles(inputs: readonly ShardInput[]): boolean {
  return inputs.some((input) => input.result.cells.some((cell) => cell.route !== undefined));
}

/**
 * Combines shard results into the result of one run over all their documents: documents in
 * path order, each with its pairs as its shard produced them; cells (and routes) recomputed
 * from the pairs. Results from different dates, kinds or profile versions are refused: their
 * cells would mix two different questions.
 */
export function mergeResults(inputs: readonly ShardInput[], profiles?: ProfileSet): MatrixResult {
  const first = inputs[0];
  if (!first) throw new UserError('merge needs at least one JSON result');
  for (const input of inputs.slice(1)) {
    const { result } = input;
    if (result.asOf !== first.result.asOf) {
      throw new UserError(
        `cannot merge results of different dates: ${first.file} is as of ${first.result.asOf}, ${input.file} as of ${result.asOf}`,
      );
    }
    if (result.kind !== first.result.kind) {
      throw new UserError(
        `cannot merge a ${first.result.kind} result with a ${result.kind} result`,
      );
    }
    const differs = versionDifference(first.result, result);
    if (differs) {
      throw new UserError(
        `cannot merge results of different profile versions: ${differs} (${first.file} vs ${input.file})`,
      );
    }
  }
  if (profiles) {
    const differs = versionDifference(first.result, {
      profiles: [...profiles.profiles.keys()].sort(),
      profileVersions: Object.fromEntries(
        [...profiles.profiles.values()].map((profile) => [profile.id, profile.version]),
      ),
    });
    if (differs) {
      throw new UserError(
        `the profiles in ${profiles.dir} are not the ones the results were produced with (${differs}); pass --profiles`,
      );
    }
  }

  const owner = new Map<string, string>();
  const documents: MatrixResult['documents'] = [];
  const pairsByDocument = new Map<string, PairResult[]>();
  for (const input of inputs) {
    for (const document of input.result.documents) {
      const seen = owner.get(document.document);
      if (seen !== undefined) {
        throw new UserError(
          `document ${document.document} is in both ${seen} and ${input.file}: shards overlap`,
        );
      }
      owner.set(document.document, input.file);
      documents.push(document);
    }
    for (const pair of input.result.pairs) {
      const list = pairsByDocument.get(pair.document);
      if (list) list.push(pair);
      else pairsByDocument.set(pair.document, [pair]);
    }
  }
  documents.sort((a, b) => a.document.localeCompare(b.document));
  const pairs = documents.flatMap((document) => pairsByDocument.get(document.document) ?? []);
  const cells = buildCells(pairs);
  const merged: MatrixResult = {
    ...first.result,
    documents,
    cells: profiles
      ? attachRoutes(cells, profiles, new Date(`${first.result.asOf}T00:00:00Z`))
      : cells.cells(),
    pairs,
  };
  delete merged.baseline;
  // A shard's forecast speaks for its documents only.
  delete merged.forecast;
  const baselines = inputs.flatMap((input) =>
    input.result.baseline ? [input.result.baseline] : [],
  );
  if (baselines.length > 0) {
    merged.baseline = {
      suppressed: baselines.reduce((sum, b) => sum + b.suppressed, 0),
      stale: baselines.flatMap((b) => b.stale),
    };
  }
  return merged;
}

function versionDifference(
  a: Pick<MatrixResult, 'profiles' | 'profileVersions'>,
  b: Pick<MatrixResult, 'profiles' | 'profileVersions'>,
): string | undefined {
  const ids = [...new Set([...a.profiles, ...b.profiles])].sort();
  for (const id of ids) {
    const left = a.profileVersions[id];
    const right = b.profileVersions[id];
    if (left !== right) return `${id} ${left ?? 'absent'} vs ${right ?? 'absent'}`;
  }
  return undefined;
}
