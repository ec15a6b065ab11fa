import { STATUS_CODES } from 'node:http';

/** An HTTP error the service answers with RFC 9457 problem details. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** The `application/problem+json` body; the request id lets an operator find the log line. */
export function problemBody(problem: HttpProblem, requestId: string): Record<string, unknown> {
  return {
    type: 'about:blank',
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    requestId,
  };
}
