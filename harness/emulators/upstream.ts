/**
 * A local upstream standing in for one revision / one ECS service's tasks: real HTTP handling whose
 * behaviour a test sets (healthy, failing a share of requests, slow), answering with its version
 * in a header and the body so smoke tests can prove who answered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface UpstreamBehaviour {
  /** Share of requests answered 500, 0–1. */
  errorRate: number;
  /** Added latency per request in ms. */
  latencyMs: number;
  /** What the app reports as its version (header x-version and the body). */
  version: string;
}

export class Upstream {
  behaviour: UpstreamBehaviour;
  /** A seeded sequence keeps error injection reproducible: every 1/errorRate-th request fails on average. */
  private errorCredit = 0;

  constructor(behaviour: Partial<UpstreamBehaviour> & { version: string }) {
    this.behaviour = { errorRate: 0, latencyMs: 0, ...behaviour };
  }

  set(behaviour: Partial<UpstreamBehaviour>): void {
    this.behaviour = { ...this.behaviour, ...behaviour };
  }

  /** Whether the next request fails: deterministic spreading of errorRate over requests. */
  nextFails(): boolean {
    this.errorCredit += this.behaviour.errorRate;
    if (this.errorCredit >= 1) {
      this.errorCredit -= 1;
      return true;
    }
    return false;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<number> {
    if (this.behaviour.latencyMs > 0) await new Promise((r) => setTimeout(r, this.behaviour.latencyMs));
    const failed = this.nextFails();
    const status = failed ? 500 : 200;
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-version', this.behaviour.version);
    res.end(
      JSON.stringify({ status: failed ? 'error' : 'ok', version: this.behaviour.version, path: req.url }),
    );
    return status;
  }
}
