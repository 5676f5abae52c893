/**
 * A tiny routed service for the error-rate-gate tests: real HTTP requests from a load loop go to a
 * router that splits them between two Upstreams by weight and records each response in a
 * TrafficLog, the log the metrics emulators answer from. It also exports the same traffic as
 * Prometheus counters (`http_requests_total{version,code}`) for a real Prometheus to scrape.
 *
 * As an ALB, the router also answers for a candidate whose tasks fail below HTTP: crashed tasks
 * refuse connections (502, TargetConnectionErrorCount), reset them (502) or hang until the idle
 * timeout (504); with every task gone it has no target to choose (503). Those answers are the load
 * balancer's own (HTTPCode_ELB_*), never the target group's HTTPCode_Target_*.
 */
import { Agent, request } from 'node:http';
import { TrafficLog } from '../../harness/emulators/traffic-log';
import { Upstream } from '../../harness/emulators/upstream';
import { RandomWeightedPicker, seededRandom } from '../../harness/emulators/weighted-random';
import { startServer, type TestServer } from '../../harness/helpers/http-server';

export const COUNTER_HEADER = [
  '# HELP http_requests_total Requests served, by version and status code.',
  '# TYPE http_requests_total counter',
];

export interface Arm {
  /** The name the metrics know it by (revision, target group dimension, label value). */
  name: string;
  upstream: Upstream;
  percent: number;
}

/** How a candidate's tasks fail below HTTP, and for which share of its requests. */
export interface TaskFailure {
  kind: 'refused' | 'reset' | 'hang' | 'no-targets';
  rate: number;
}

/** The load balancer's own answer to each task failure. */
const ALB_ANSWER: Record<TaskFailure['kind'], { status: number; body: string }> = {
  refused: { status: 502, body: '502 Bad Gateway' },
  reset: { status: 502, body: '502 Bad Gateway' },
  hang: { status: 504, body: '504 Gateway Time-out' },
  'no-targets': { status: 503, body: '503 Service Temporarily Unavailable' },
};
/** How long a hung request is held before the 504 (the idle timeout, shortened for tests). */
const HANG_MS = 200;

export interface RoutedService {
  log: TrafficLog;
  server: TestServer;
  candidate: Arm;
  baseline: Arm;
  /** Sends requests at about `perSecond` until stopped. */
  startLoad(perSecond: number): void;
  stopLoad(): Promise<void>;
  close(): Promise<void>;
  /** Counters in the Prometheus text exposition format. */
  metricsText(): string;
  /** Just the sample lines, for a page that serves several services' counters at once. */
  counterLines(): string[];
}

export async function startRoutedService(options: {
  /** sample.group: the Cloud Run service name or the ALB's `app/name/id`. */
  group: string;
  candidate: { name: string; errorRate: number; percent: number; latencyMs?: number; failure?: TaskFailure };
  baseline: { name: string; errorRate: number; latencyMs?: number };
}): Promise<RoutedService> {
  const log = new TrafficLog();
  const failure = options.candidate.failure;
  // The same even spreading of failures over requests as an Upstream's errorRate.
  const failing = new Upstream({ version: 'task failures', errorRate: failure?.rate ?? 0 });
  // Two tasks per target group; crashed ones are unhealthy, or gone when there is no target left.
  const crashed = failure?.kind === 'refused' || failure?.kind === 'no-targets';
  for (const [version, healthy] of [
    [options.candidate.name, !crashed],
    [options.baseline.name, true],
  ] as const) {
    const gone = version === options.candidate.name && failure?.kind === 'no-targets';
    log.recordHealth({
      at: 0,
      group: options.group,
      version,
      healthy: healthy ? 2 : 0,
      unhealthy: healthy || gone ? 0 : 2,
    });
  }
  // Request by request, as a real load balancer splits (seeded, so a run can be replayed).
  const picker = new RandomWeightedPicker(seededRandom(20261201));
  const candidate: Arm = {
    name: options.candidate.name,
    upstream: new Upstream({
      version: options.candidate.name,
      errorRate: options.candidate.errorRate,
      latencyMs: options.candidate.latencyMs ?? 0,
    }),
    percent: options.candidate.percent,
  };
  const baseline: Arm = {
    name: options.baseline.name,
    upstream: new Upstream({
      version: options.baseline.name,
      errorRate: options.baseline.errorRate,
      latencyMs: options.baseline.latencyMs ?? 0,
    }),
    percent: 100 - options.candidate.percent,
  };
  const counters = new Map<string, number>();
  const counterLines = () =>
    [...counters].map(([labels, value]) => `http_requests_total{${labels}} ${value}`);
  const metricsText = () => [...COUNTER_HEADER, ...counterLines(), ''].join('\n');

  const server = await startServer(async (req, res) => {
    if (req.url === '/metrics') {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      return void res.end(metricsText());
    }
    const began = performance.now();
    const key = picker.pick([
      { key: 'candidate', percent: candidate.percent },
      { key: 'baseline', percent: baseline.percent },
    ]);
    const arm = key === 'candidate' ? candidate : baseline;
    if (failure && arm === candidate && failing.nextFails()) {
      const answer = ALB_ANSWER[failure.kind];
      if (failure.kind === 'hang') await new Promise((r) => setTimeout(r, HANG_MS));
      res.statusCode = answer.status;
      res.end(answer.body);
      log.record({
        at: Date.now(),
        group: options.group,
        version: arm.name,
        status: answer.status,
        latencyMs: performance.now() - began,
        answeredBy: 'load-balancer',
        ...(failure.kind === 'refused' ? { connectionError: true } : {}),
        ...(failure.kind === 'no-targets' ? { noTarget: true } : {}),
      });
      return;
    }
    const status = await arm.upstream.handle(req, res);
    log.record({
      at: Date.now(),
      group: options.group,
      version: arm.name,
      status,
      latencyMs: performance.now() - began,
    });
    const labels = `version="${arm.name}",code="${status}"`;
    counters.set(labels, (counters.get(labels) ?? 0) + 1);
  });

  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();
  const send = () =>
    new Promise<void>((resolve) => {
      const req = request(`${server.url}/checkout`, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
        res.on('error', () => resolve());
      });
      req.on('error', () => resolve());
      req.end();
    });
  return {
    log,
    server,
    candidate,
    baseline,
    metricsText,
    counterLines,
    startLoad(perSecond) {
      const tickMs = 20;
      let credit = 0;
      timer = setInterval(() => {
        credit += (perSecond * tickMs) / 1000;
        while (credit >= 1 && inFlight.size < 64) {
          credit -= 1;
          const p = send().finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
      }, tickMs);
    },
    async stopLoad() {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
    async close() {
      clearInterval(timer);
      await Promise.all(inFlight);
      agent.destroy();
      await server.close();
    },
  };
}
