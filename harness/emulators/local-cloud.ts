/**
 * One local cloud for running a whole pipeline: the Cloud Run emulator with Cloud Monitoring's
 * timeSeries.list mounted on the same port (its metrics are the requests the emulator routed), or
 * the AWS emulator (ECS, ELBv2) with CloudWatch's GetMetricData mounted likewise; the Slack
 * emulator; and a load generator sending steady traffic to the service URL so that the gate
 * judges real requests split by the real weights. `env` holds the endpoint overrides every bundle
 * needs; nothing listens beyond 127.0.0.1.
 *
 * The metrics APIs answer on an accelerated timeline (shared/clock.ts, `timeScale` times real
 * time) that `env` hands to the gate too: the gate keeps the real APIs' 60 s periods and metrics
 * delays, and a minute of them passes in half a second at the default scale. Pipeline inputs for
 * the gate (`gate-interval`, `bake-time`, `metrics-delay`) are therefore in virtual time.
 */
import { Agent, request } from 'node:http';
import { type AwsEmulator, startAwsEmulator } from './aws/server';
import { cloudMonitoringHandler, type MetricsEmulatorHandler } from './cloud-monitoring';
import { type CloudRunEmulator, startCloudRunEmulator } from './cloud-run/server';
import { cloudWatchHandler } from './cloudwatch';
import { SlackEmulator } from './slack/index';
import { acceleratedTime } from './traffic-log';

/**
 * Speed of the local cloud's metrics timeline: 120× keeps `npm run demo` under a minute with
 * Cloud Monitoring's real 180 s delay (1.5 s a gate step) and 60 s periods (0.5 s each).
 */
export const LOCAL_CLOUD_TIME_SCALE = 120;

export interface LocalCloudOptions {
  project?: string;
  region?: string;
  service?: string;
  /** Image of the revision serving 100 % at the start. */
  stableImage: string;
  /** How revisions deployed from each image behave, e.g. {'shop:v3': {errorRate: 0.3}}. */
  images?: Record<string, { errorRate?: number; latencyMs?: number; failsToStart?: boolean }>;
  /** Steady load on the service URL, requests per second (default 200). */
  requestsPerSecond?: number;
  /** How long a Cloud Run reconcile takes, ms (default 100). */
  reconcileMs?: number;
  /** How much faster than real time the metrics run (default LOCAL_CLOUD_TIME_SCALE). */
  timeScale?: number;
}

export interface LoadStats {
  sent: number;
  byStatus: Record<string, number>;
  /** Requests that got no HTTP answer at all (connection refused, reset, timeout). */
  failedToConnect: number;
  /** Those failures by error code, e.g. {ECONNRESET: 2}. */
  connectErrors: Record<string, number>;
}

export interface LocalCloud {
  project: string;
  region: string;
  service: string;
  cloudRun: CloudRunEmulator;
  monitoring: MetricsEmulatorHandler;
  slack: SlackEmulator;
  slackToken: string;
  slackChannel: string;
  serviceUrl: string;
  /** Environment for every bundle: the emulators' endpoints. */
  env: Record<string, string>;
  load: LoadStats;
  stop(): Promise<void>;
}

/** Sends `perSecond` GETs a second to `url`, spread over 20 ms ticks, until stopped. */
function startLoad(url: string, perSecond: number): { stats: LoadStats; stop(): Promise<void> } {
  const stats: LoadStats = { sent: 0, byStatus: {}, failedToConnect: 0, connectErrors: {} };
  // A connection per request, as clients arriving at a load balancer: reusing idle keep-alive
  // sockets races the server's idle timeout and turns into spurious ECONNRESETs.
  const agent = new Agent({ keepAlive: false, maxSockets: 64 });
  const target = new URL(url);
  const tickMs = 20;
  let credit = 0;
  let inFlight = 0;
  const fire = () => {
    inFlight++;
    stats.sent++;
    const req = request(
      { host: target.hostname, port: target.port, path: '/', agent, timeout: 5_000 },
      (res) => {
        const key = String(res.statusCode ?? 0);
        stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1;
        res.resume();
        res.on('end', () => inFlight--);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      stats.failedToConnect++;
      const code = error.code ?? error.message;
      stats.connectErrors[code] = (stats.connectErrors[code] ?? 0) + 1;
      inFlight--;
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.end();
  };
  const timer = setInterval(() => {
    credit += (perSecond * tickMs) / 1000;
    while (credit >= 1) {
      credit -= 1;
      // Never pile up more than a second's worth of requests on a slow upstream.
      if (inFlight < perSecond) fire();
    }
  }, tickMs);
  return {
    stats,
    stop: async () => {
      clearInterval(timer);
      const deadline = Date.now() + 2_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      agent.destroy();
    },
  };
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const project = options.project ?? 'demo-project';
  const region = options.region ?? 'europe-west1';
  const service = options.service ?? 'shop';
  const cloudRun = await startCloudRunEmulator({
    project,
    region,
    services: [{ name: service, image: options.stableImage, traffic: 'pinned' }],
    images: options.images ?? {},
    reconcileMs: options.reconcileMs ?? 100,
  });
  const time = acceleratedTime(options.timeScale ?? LOCAL_CLOUD_TIME_SCALE);
  const monitoring = cloudMonitoringHandler(cloudRun.log, {
    location: region,
    ingestion: { timeline: time.timeline },
  });
  cloudRun.mount(monitoring);
  const slack = await SlackEmulator.start();
  const serviceUrl = cloudRun.serviceUrl(service);
  const load = startLoad(serviceUrl, options.requestsPerSecond ?? 200);
  const apiHost = new URL(cloudRun.endpoint).host;
  return {
    project,
    region,
    service,
    cloudRun,
    monitoring,
    slack,
    slackToken: SlackEmulator.TOKEN,
    slackChannel: 'C0DEPLOYS',
    serviceUrl,
    env: {
      ROLLOUT_ACTIONS_CLOUD_RUN_ENDPOINT: cloudRun.endpoint,
      CLOUD_MONITORING_EMULATOR_HOST: apiHost,
      ROLLOUT_ACTIONS_SLACK_API_URL: slack.apiUrl,
      ...time.env,
    },
    load: load.stats,
    stop: async () => {
      await load.stop();
      await slack.close();
      await cloudRun.stop();
    },
  };
}

export interface LocalAwsOptions {
  /** Steady load on the listener, requests per second (default 200). */
  requestsPerSecond?: number;
  /** How long an ECS deployment stays IN_PROGRESS, ms (default 300). */
  deploymentMs?: number;
  /** How much faster than real time the metrics run (default LOCAL_CLOUD_TIME_SCALE). */
  timeScale?: number;
  /**
   * Which listener the load goes to: the two services' weighted listener (default) or the
   * production listener of the service ECS shifts itself (`aws.world.native`).
   */
  loadOn?: 'blue-green' | 'native';
}

export interface LocalAws {
  aws: AwsEmulator;
  monitoring: MetricsEmulatorHandler;
  slack: SlackEmulator;
  slackToken: string;
  slackChannel: string;
  /** The listener the load goes to: real HTTP split between blue and green by its weights. */
  listenerUrl: string;
  env: Record<string, string>;
  load: LoadStats;
  stop(): Promise<void>;
}

/** The AWS side: ECS blue/green services behind a weighted listener, CloudWatch, Slack, load. */
export async function startLocalAws(options: LocalAwsOptions = {}): Promise<LocalAws> {
  const time = acceleratedTime(options.timeScale ?? LOCAL_CLOUD_TIME_SCALE);
  // ECS-native deployments (bake times, hook timeouts) run on the same timeline as the bundles.
  const aws = await startAwsEmulator({ deploymentMs: options.deploymentMs ?? 300, timeline: time.timeline });
  const monitoring = cloudWatchHandler(aws.log, { ingestion: { timeline: time.timeline } });
  aws.mount(monitoring);
  const slack = await SlackEmulator.start();
  const listenerUrl = options.loadOn === 'native' ? aws.world.native.listenerUrl : aws.listenerUrl;
  const load = startLoad(listenerUrl, options.requestsPerSecond ?? 200);
  return {
    aws,
    monitoring,
    slack,
    slackToken: SlackEmulator.TOKEN,
    slackChannel: 'C0DEPLOYS',
    listenerUrl,
    env: {
      ROLLOUT_ACTIONS_AWS_ENDPOINT: aws.endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH: aws.endpoint,
      AWS_REGION: aws.world.region,
      // The emulator checks no signature; the SDKs still want credentials to sign with.
      AWS_ACCESS_KEY_ID: 'AKIAEMULATOR00000000',
      AWS_SECRET_ACCESS_KEY: 'emulator-secret-access-key-not-a-secret',
      ROLLOUT_ACTIONS_SLACK_API_URL: slack.apiUrl,
      ...time.env,
    },
    load: load.stats,
    stop: async () => {
      await load.stop();
      await slack.close();
      await aws.stop();
    },
  };
}
