import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allAlgorithms } from '../algorithms/registry.js';
import { ALGORITHM_KINDS, type AlgorithmKind } from '../algorithms/types.js';
import { doctypeRow } from '../cli/actions/doctypes.js';
import { profileRow, profileShown } from '../cli/actions/profiles.js';
import { parseList } from '../cli/options.js';
import type { DoctypeSet } from '../doctypes/load.js';
import type { MatrixResult } from '../engine/types.js';
import type { ProfileSet } from '../profiles/load.js';
import { resolveProfileCode } from '../profiles/members.js';
import type { DocumentLimits } from '../security/limits.js';
import { contentTypeOf, negotiateFormat } from './negotiate.js';
import { openApiDocument } from './openapi.js';
import { PAGE_CSP, uploadPage } from './page.js';
import { QueueFullError, TaskTimeoutError, type WorkPool } from '../engine/pool.js';
import { HttpProblem } from './problem.js';
import type { Task, TaskOutcome } from './tasks.js';
import { readUploads } from './uploads.js';
import { compareText } from '../util/collate.js';

export interface RouteContext {
  pool: WorkPool;
  profiles: ProfileSet;
  doctypes: DoctypeSet;
  limits: DocumentLimits;
  state: { phase: 'starting' | 'ready' | 'stopping' };
}

type Query = Record<string, string | undefined>;

/** Seconds a client is told to wait when the queue is full. */
const RETRY_AFTER = '2';
/** Dates whose matrix is kept; each holds one MatrixResult and its rendered formats. */
const MATRIX_DATES = 8;
const KNOWN_KINDS = new Set<AlgorithmKind>(ALGORITHM_KINDS);

export function registerRoutes(app: FastifyInstance, context: RouteContext): void {
  const { pool, profiles, doctypes, limits, state } = context;
  const openapi = JSON.stringify(openApiDocument());
  const page = uploadPage(profiles);
  const matrix = new MatrixCache(pool);

  // Refused before the body is read: a full queue costs the server no upload.
  const refuseWhenFull = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (pool.full) throw busy();
    void reply;
  };

  app.post('/v1/check', { onRequest: refuseWhenFull }, async (request, reply) => {
    const query = request.query as Query;
    const uploads = await readUploads(request, limits.maxBytes, query.name);
    const param = (key: string) => query[key] ?? uploads.fields[key];
    const format = negotiateFormat(param('format'), request.headers.accept);
    const to = param('to') ?? 'all';
    const outcome = await dispatch(pool, {
      kind: 'check',
      documents: uploads.documents,
      from: param('from') || undefined,
      to: to === 'all' ? 'all' : parseList(to),
      asOf: param('asOf'),
      failOn: param('failOn') ?? 'error',
      format,
    });
    request.log.info(
      { documents: uploads.documents.length, bytes: uploads.bytes, failed: outcome.failed },
      'check',
    );
    return reply
      .code(outcome.failed ? 422 : 200)
      .type(contentTypeOf(format))
      .send(outcome.body);
  });

  app.post('/v1/verify', { onRequest: refuseWhenFull }, async (request, reply) => {
    const query = request.query as Query;
    const uploads = await readUploads(request, limits.maxBytes, query.name);
    const outcome = await dispatch(pool, {
      kind: 'verify',
      documents: uploads.documents,
      asOf: query.asOf ?? uploads.fields.asOf,
    });
    request.log.info(
      { documents: uploads.documents.length, bytes: uploads.bytes, failed: outcome.failed },
      'verify',
    );
    return reply
      .code(outcome.failed ? 422 : 200)
      .type(contentTypeOf('json'))
      .send(outcome.body);
  });

  app.get('/v1/profiles', async () =>
    [...profiles.profiles.values()].sort((a, b) => compareText(a.id, b.id)).map(profileRow),
  );

  app.get('/v1/profiles/:id', async (request) => {
    const { id } = request.params as { id: string };
    const resolved = resolveProfileCode(profiles.profiles, id);
    if (!resolved) throw new HttpProblem(404, `unknown profile: ${id}`);
    return profileShown(resolved.profile, profiles.dir);
  });

  app.get('/v1/algorithms', async (request) => {
    const { kind } = request.query as Query;
    if (kind !== undefined && !KNOWN_KINDS.has(kind as AlgorithmKind))
      throw new HttpProblem(400, `unknown kind "${kind}" (${[...ALGORITHM_KINDS].join(', ')})`);
    return allAlgorithms(kind as AlgorithmKind | undefined);
  });

  app.get('/v1/doctypes', async () =>
    [...doctypes.doctypes].sort((a, b) => compareText(a.id, b.id)).map(doctypeRow),
  );

  app.get('/v1/matrix', async (request, reply) => {
    const query = request.query as Query;
    const format = negotiateFormat(query.format, request.headers.accept);
    const body = await matrix.rendered(query.asOf, format);
    return reply.type(contentTypeOf(format)).send(body);
  });

  app.get('/matrix', async (_request, reply) =>
    reply.type(contentTypeOf('html')).send(await matrix.rendered(undefined, 'html')),
  );

  app.get('/', async (_request, reply) =>
    reply.type(contentTypeOf('html')).header('content-security-policy', PAGE_CSP).send(page),
  );

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply) => {
    const ready = state.phase === 'ready';
    return reply.code(ready ? 200 : 503).send({
      status: state.phase,
      workers: pool.workers,
      queued: pool.queued,
      profiles: profiles.profiles.size,
    });
  });

  app.get('/openapi.json', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(openapi),
  );
}

/** Runs a task; a full queue or a task past its deadline become 503s, usage errors 400s. */
async function dispatch(pool: WorkPool, task: Task): Promise<Extract<TaskOutcome, { ok: true }>> {
  let outcome: TaskOutcome;
  try {
    outcome = await pool.run(task);
  } catch (error) {
    if (error instanceof QueueFullError) throw busy();
    if (error instanceof TaskTimeoutError)
      throw new HttpProblem(503, `${error.message}; its worker was stopped and replaced`);
    throw error;
  }
  if (!outcome.ok) throw new HttpProblem(400, outcome.error);
  return outcome;
}

function busy(): HttpProblem {
  return new HttpProblem(
    503,
    'the server is busy: every worker is working and the queue is full; retry later',
    { 'retry-after': RETRY_AFTER },
  );
}

/**
 * The matrix over the server's corpus, computed once per as-of date (in a worker) and rendered
 * once per format. Concurrent requests for the same date share one computation; a failed one is
 * forgotten, so the next request tries again.
 */
class MatrixCache {
  private readonly results = new Map<string, Promise<MatrixResult>>();
  private readonly renders = new Map<string, Promise<string>>();

  constructor(private readonly pool: WorkPool) {}

  rendered(asOf: string | undefined, format: string): Promise<string> {
    const date = asOf ?? new Date().toISOString().slice(0, 10);
    const key = `${date} ${format}`;
    let render = this.renders.get(key);
    if (!render) {
      render = this.result(date).then((result) =>
        format === 'json'
          ? JSON.stringify(result, null, 2)
          : dispatch(this.pool, { kind: 'format', result, format }).then((o) => o.body),
      );
      this.remember(this.renders, key, render, MATRIX_DATES * 4);
    }
    return render;
  }

  private result(date: string): Promise<MatrixResult> {
    let result = this.results.get(date);
    if (!result) {
      result = dispatch(this.pool, { kind: 'matrix', asOf: date }).then((outcome) => {
        if (!outcome.result) throw new Error('matrix task returned no result');
        return outcome.result;
      });
      this.remember(this.results, date, result, MATRIX_DATES);
    }
    return result;
  }

  private remember<T>(map: Map<string, Promise<T>>, key: string, value: Promise<T>, max: number) {
    map.set(key, value);
    value.catch(() => map.delete(key));
    // Oldest first: a Map iterates in insertion order.
    while (map.size > max) map.delete(map.keys().next().value as string);
  }
}
