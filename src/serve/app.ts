import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { SHIPPED_DOCUMENTS_DIR } from '../cli/shipped.js';
import { loadDoctypes } from '../doctypes/load.js';
import { loadProfiles, type ProfileSet } from '../profiles/load.js';
import { documentLimits, type DocumentLimits } from '../security/limits.js';
import { HttpProblem, problemBody } from './problem.js';
import { WorkPool } from '../engine/pool.js';
import { registerRoutes } from './routes.js';

export interface ServeConfig {
  host: string;
  /** 0: an ephemeral port (tests). */
  port: number;
  profilesDir?: string;
  doctypesDir?: string;
  docsDir?: string;
  /** Bytes of documents per request, counted while reading; also the document limit. */
  limits: Partial<DocumentLimits>;
  workers?: number;
  maxQueue?: number;
  logLevel?: string;
  /** Where the JSON log lines go (default: stdout). */
  logStream?: Writable;
}

/** Media types whose bodies are read as one document; its first byte tells XML from JSON. */
const DOCUMENT_TYPES = [
  'application/xml',
  'text/xml',
  'application/json',
  'application/octet-stream',
];
/** Structured-syntax suffixes: application/soap+xml, application/jose+json… */
const DOCUMENT_SUFFIXES = /^application\/[\w.-]+\+(xml|json)$/;

export interface Service {
  app: FastifyInstance;
  pool: WorkPool;
  profiles: ProfileSet;
  /** http://host:port, with the port actually bound. */
  url: string;
  /** Stops taking requests, finishes those in flight, then stops the workers. */
  close(): Promise<void>;
}

/**
 * Builds and starts `corridor serve`. Profiles and document types are loaded here first, on the
 * main thread, so a broken one stops start-up with the CLI's own error (a UserError, exit 2)
 * before anything listens; each worker then loads them once for its own use.
 */
export async function startService(config: ServeConfig): Promise<Service> {
  const profiles = loadProfiles(config.profilesDir);
  const doctypes = loadDoctypes(config.doctypesDir);
  const limits = documentLimits(config.limits);
  const logger = pino(
    { level: config.logLevel ?? 'info', base: { service: 'corridor' } },
    config.logStream ?? pino.destination({ dest: 1, sync: true }),
  );
  const pool = new WorkPool({
    workers: config.workers,
    maxQueue: config.maxQueue,
    deadlineMs: limits.timeBudgetMs + 10_000,
    onError: (error) => logger.error({ err: error }, 'worker failed'),
    config: {
      profilesDir: profiles.dir,
      doctypesDir: config.doctypesDir,
      docsDir: config.docsDir ?? SHIPPED_DOCUMENTS_DIR,
      limits: config.limits,
    },
  });
  const state = { phase: 'starting' as 'starting' | 'ready' | 'stopping' };
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // A client's X-Request-Id is kept when it is a plain token, so logs join across services.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: limits.maxBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  app.removeAllContentTypeParsers();
  // Raw bytes, as the CLI reads a file: fastify counts them against bodyLimit while they
  // arrive and stops reading at the limit (413); a wrong declared length is refused too.
  for (const types of [DOCUMENT_TYPES, DOCUMENT_SUFFIXES])
    app.addContentTypeParser(types, { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
  await app.register(multipart, {
    limits: {
      fileSize: limits.maxBytes,
      files: 64,
      fields: 16,
      fieldSize: 1024,
      parts: 80,
      headerPairs: 100,
    },
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    // Answered while stopping: the client's keep-alive connection must not hold the exit open.
    if (state.phase === 'stopping') reply.header('connection', 'close');
  });
  app.setNotFoundHandler((request, reply) => {
    const problem = new HttpProblem(404, `no such endpoint: ${request.method} ${request.url}`);
    void reply.code(404).type('application/problem+json').send(problemBody(problem, request.id));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
    void reply
      .code(problem.status)
      .type('application/problem+json')
      .send(problemBody(problem, request.id));
  });

  registerRoutes(app, { pool, profiles, doctypes, limits, state });

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await pool.close();
    throw error;
  }
  state.phase = 'ready';
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    app,
    pool,
    profiles,
    url: `http://${host}:${port}`,
    close: async () => {
      state.phase = 'stopping';
      await app.close();
      await pool.close();
    },
  };
}

/** Framework and plugin errors as problem details, with the status they carry. */
function toProblem(error: FastifyError): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const status = error.statusCode ?? 500;
  if (status === 413) return new HttpProblem(413, `${error.message} (--max-bytes)`);
  if (status === 415)
    return new HttpProblem(
      415,
      'send the document as application/xml, text/xml, application/json, application/octet-stream or multipart/form-data',
    );
  if (status >= 400 && status < 500) return new HttpProblem(status, error.message);
  return new HttpProblem(500, 'internal error; the request id names it in the server log');
}
