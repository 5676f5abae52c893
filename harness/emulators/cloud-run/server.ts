/**
 * A local Cloud Run: the Admin API v2 subset that @google-cloud/run calls in REST mode (services
 * get/patch returning long-running operations, operations get, revisions list/get), and real HTTP
 * routing. Each service URL splits requests between revision upstreams by the observed
 * `trafficStatuses` weights, each tag URL reaches its revision, and every routed request is
 * recorded in a TrafficLog (group = service name, version = revision name) for the metrics APIs.
 *
 * Faults on request: 429/503 answers, slow or stuck operations, a failing reconcile (desired split
 * kept, serving split unchanged), and a concurrent writer changing the service under a write.
 *
 * Stricter than lenient, as the real API is (harness/emulators/README.md has the references):
 * - PATCH applies only the fields named in `updateMask` (all of them without one, and then the
 *   REQUIRED `template` must be there); a template naming an existing revision is 409
 *   ALREADY_EXISTS unless the write changes nothing else and the configuration is the same.
 * - After a failed reconcile, `observedGeneration`, `trafficStatuses` and `latestReadyRevision` keep
 *   the last serving state (service.proto, `reconciling`).
 * - A traffic write naming a missing revision is accepted; its operation fails.
 * - Revision names are DNS labels of ≤ 63 characters; tags ≥ 3 characters, tag + service ≤ 46.
 * - Routing is a weighted random choice per request (seeded), not exact shares.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TrafficLog } from '../traffic-log';
import { Upstream } from '../upstream';
import { RandomWeightedPicker, seededRandom } from '../weighted-random';
import {
  ALLOCATION,
  ApiError,
  allocationType,
  CONDITION,
  configOf,
  etagOf,
  fullServiceName,
  type Operation,
  type Revision,
  type RevisionBehaviour,
  revisionJson,
  type Service,
  serviceJson,
  statusBody,
  type Template,
  type TrafficTarget,
  type TrafficTargetStatus,
  versionOfImage,
} from './model';

const SERVICE_TYPE = 'type.googleapis.com/google.cloud.run.v2.Service';
const HOST = '127.0.0.1';

export interface ServiceSeed {
  name: string;
  /** Image of the first revision, which serves 100 %. */
  image: string;
  /**
   * How the first revision takes traffic: `latest` (Cloud Run's default for a new service: type
   * LATEST, so a plain deploy would move all traffic) or `pinned` (type REVISION).
   */
  traffic?: 'latest' | 'pinned';
}

export interface CloudRunEmulatorOptions {
  project: string;
  region: string;
  services: ServiceSeed[];
  /**
   * How revisions deployed from an image behave, by exact image reference. Unlisted images are
   * healthy and fast. E.g. `{'shop:bad': {errorRate: 0.2}, 'shop:crash': {failsToStart: true}}`.
   */
  images?: Record<string, Partial<RevisionBehaviour>>;
  /** How long a reconcile (a long-running operation) takes, ms. Default 100. */
  reconcileMs?: number;
  /** API port; 0 picks a free one. */
  port?: number;
  /** Where routed requests are recorded; a new log by default. */
  log?: TrafficLog;
  /** Seed of the routers' weighted random choice (default 1: the same sequence every run). */
  seed?: number;
}

/** A handler mounted on the API port (e.g. Cloud Monitoring's timeSeries.list); returns true when it answered. */
export type MountedHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
) => boolean | Promise<boolean>;

export interface ApiCall {
  method: string;
  path: string;
  status: number;
  at: number;
  userAgent: string;
}

export interface CloudRunFaults {
  /** Answers the next `count` API calls (of `method`, whose path contains `pathIncludes`) with `status`. */
  failNext(
    status: 429 | 500 | 503,
    options?: { count?: number; method?: string; pathIncludes?: string; retryAfterSeconds?: number },
  ): void;
  /** How long operations take from now on, ms. */
  operationDelayMs: number;
  /** Operations never finish (the service stays reconciling). */
  stuckOperations: boolean;
  /** The next reconcile fails: the desired split is kept, the serving split does not change. */
  failNextReconcile(message?: string): void;
  /**
   * Another writer changes the service just before each of the next `times` (default 1) PATCHes
   * is applied (its etag goes stale).
   */
  concurrentWriteBeforeNextPatch(service?: string, times?: number): void;
  /** Another writer changes the service right after the next GET of it is answered. */
  concurrentWriteAfterNextRead(service?: string): void;
}

export interface CloudRunEmulator {
  /** Base URL of the Admin API, for ROLLOUT_ACTIONS_CLOUD_RUN_ENDPOINT. */
  endpoint: string;
  port: number;
  log: TrafficLog;
  faults: CloudRunFaults;
  /** Every Admin API call answered, in order (for API-calls-per-step figures). */
  calls: ApiCall[];
  serviceUrl(service: string): string;
  /** The URL of a tag, once a reconcile has made it serve; undefined before. */
  tagUrl(service: string, tag: string): string | undefined;
  setRevisionBehaviour(
    revision: string,
    behaviour: Partial<Pick<RevisionBehaviour, 'errorRate' | 'latencyMs'>>,
  ): void;
  /** The service as the API returns it (desired traffic, statuses, generations, etag). */
  describe(service: string): Record<string, unknown>;
  /** Revision names of a service, oldest first. */
  revisions(service: string): string[];
  /** The observed split of a service: revision → percent. */
  observed(service: string): Record<string, number>;
  /** Another writer's change (a label), as `gcloud` run by someone else would make. */
  foreignWrite(service: string): void;
  /** Mounts an extra handler on the API port, tried before the 404. */
  mount(handler: MountedHandler): void;
  stop(): Promise<void>;
}

interface FailRule {
  status: number;
  remaining: number;
  method?: string;
  pathIncludes?: string;
  retryAfterSeconds?: number;
}

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Fields of a Service a PATCH may set (the rest are output only). */
const MUTABLE_FIELDS = ['template', 'traffic', 'labels', 'annotations', 'scaling', 'description'] as const;

const randomSuffix = () => Array.from(randomBytes(3), (b) => String.fromCharCode(97 + (b % 26))).join('');

function now(): string {
  return new Date().toISOString();
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port = 0,
): Promise<Server> {
  const server = createServer(handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(port, HOST, resolve));
  return server;
}

const urlOf = (server: Server) => `http://${HOST}:${(server.address() as AddressInfo).port}`;

export async function startCloudRunEmulator(options: CloudRunEmulatorOptions): Promise<CloudRunEmulator> {
  const log = options.log ?? new TrafficLog();
  const images = options.images ?? {};
  const services = new Map<string, Service>();
  const operations = new Map<string, Operation>();
  const pendingOps = new Map<string, Operation[]>();
  const routers: Server[] = [];
  const mounted: MountedHandler[] = [];
  const calls: ApiCall[] = [];
  const failRules: FailRule[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let failReconcile: string | undefined;
  let writeBeforePatch: { service: string; remaining: number } | undefined;
  let writeAfterRead: string | undefined;
  let operationCounter = 0;

  const faults: CloudRunFaults = {
    operationDelayMs: options.reconcileMs ?? 100,
    stuckOperations: false,
    failNext(status, rule = {}) {
      failRules.push({
        status,
        remaining: rule.count ?? 1,
        ...(rule.method ? { method: rule.method } : {}),
        ...(rule.pathIncludes ? { pathIncludes: rule.pathIncludes } : {}),
        ...(rule.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: rule.retryAfterSeconds }),
      });
    },
    failNextReconcile(message = 'Revision failed to become ready: container exited with code 1') {
      failReconcile = message;
    },
    concurrentWriteBeforeNextPatch(service = '*', times = 1) {
      writeBeforePatch = { service, remaining: times };
    },
    concurrentWriteAfterNextRead(service = '*') {
      writeAfterRead = service;
    },
  };

  const behaviourOf = (image: string): RevisionBehaviour => ({
    errorRate: 0,
    latencyMs: 0,
    ...images[image],
  });

  const touch = (s: Service) => {
    s.revisionOfResource++;
    s.updateTime = now();
  };

  // ---- routing ---------------------------------------------------------------------------------

  const serve = async (
    s: Service,
    revisionName: string | undefined,
    req: IncomingMessage,
    res: ServerResponse,
  ) => {
    const revision = revisionName === undefined ? undefined : s.revisions.get(revisionName);
    if (revision === undefined || !revision.ready) {
      res.statusCode = 503;
      res.end('no revision is serving');
      return;
    }
    const started = performance.now();
    const status = await revision.upstream.handle(req, res);
    log.record({
      at: Date.now(),
      group: s.name,
      version: revision.name,
      status,
      latencyMs: performance.now() - started,
    });
  };

  const random = seededRandom(options.seed ?? 1);
  const routeService = (s: Service) => {
    const picker = new RandomWeightedPicker(random);
    return (req: IncomingMessage, res: ServerResponse) => {
      const weights = s.trafficStatuses.map((t) => ({ key: t.revision, percent: t.percent }));
      void serve(s, picker.pick(weights), req, res);
    };
  };

  const ensureTagRouter = async (s: Service, tag: string) => {
    if (s.tagUris.has(tag)) return;
    const server = await listen((req, res) => {
      const status = s.trafficStatuses.find((t) => t.tag === tag);
      if (status === undefined) {
        res.statusCode = 404;
        res.end(`tag ${tag} does not exist`);
        return;
      }
      void serve(s, status.revision, req, res);
    });
    routers.push(server);
    s.tagUris.set(tag, urlOf(server));
  };

  // ---- model -----------------------------------------------------------------------------------

  const createRevision = (s: Service, name: string, template: Template, config: string): Revision => {
    const image = template.containers?.[0]?.image ?? '';
    const behaviour = behaviourOf(image);
    const revision: Revision = {
      name,
      config,
      template: { ...template, revision: name },
      createTime: now(),
      ready: false,
      upstream: new Upstream({
        version: versionOfImage(image),
        errorRate: behaviour.errorRate,
        latencyMs: behaviour.latencyMs,
      }),
    };
    s.revisions.set(name, revision);
    s.latestCreatedRevision = name;
    return revision;
  };

  const generatedName = (s: Service) =>
    `${s.name}-${String(++s.revisionCounter).padStart(5, '0')}-${randomSuffix()}`;

  const resolveStatuses = (s: Service): TrafficTargetStatus[] =>
    s.traffic.map((t) => {
      const type = allocationType(t.type) === ALLOCATION.LATEST ? ALLOCATION.LATEST : ALLOCATION.REVISION;
      const revision = type === ALLOCATION.LATEST ? s.latestReadyRevision : (t.revision ?? '');
      return {
        type,
        revision,
        percent: t.percent ?? 0,
        ...(t.tag ? { tag: t.tag, uri: s.tagUris.get(t.tag) ?? '' } : {}),
      };
    });

  const reconcile = async (s: Service, generation: number, newRevision: Revision | undefined) => {
    if (s.generation !== generation) return; // a later write supersedes this one; its reconcile finishes the ops
    const startFailure =
      failReconcile ??
      (newRevision && behaviourOf(newRevision.template.containers?.[0]?.image ?? '').failsToStart
        ? `Revision '${newRevision.name}' is not ready and cannot serve traffic. The user-provided container failed to start and listen on the port defined by PORT=8080.`
        : undefined);
    failReconcile = undefined;
    const missing = s.traffic.find(
      (t) => allocationType(t.type) === ALLOCATION.REVISION && !s.revisions.has(t.revision ?? ''),
    );
    const failure =
      startFailure ??
      (missing ? `Revision '${missing.revision ?? ''}' referenced in traffic not found.` : undefined);
    const ops = pendingOps.get(s.name) ?? [];
    pendingOps.delete(s.name);
    if (failure !== undefined) {
      if (newRevision && startFailure !== undefined) newRevision.failed = failure;
      // service.proto: after a failed reconcile, observedGeneration, trafficStatuses and
      // latestReadyRevision keep the state of the last serving revision.
      s.reconciling = false;
      s.terminalCondition = {
        type: 'Ready',
        state: CONDITION.FAILED,
        message: failure,
        lastTransitionTime: now(),
      };
      touch(s);
      for (const op of ops) {
        op.done = true;
        op.error = new ApiError(400, 'FAILED_PRECONDITION', failure);
      }
      return;
    }
    if (newRevision) {
      newRevision.ready = true;
      s.latestReadyRevision = newRevision.name;
    }
    for (const t of s.traffic) if (t.tag) await ensureTagRouter(s, t.tag);
    if (s.generation !== generation) return;
    s.trafficStatuses = resolveStatuses(s);
    s.observedGeneration = generation;
    s.reconciling = false;
    s.terminalCondition = { type: 'Ready', state: CONDITION.SUCCEEDED, lastTransitionTime: now() };
    touch(s);
    for (const op of ops) op.done = true;
  };

  const schedule = (fn: () => Promise<void>, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void fn();
    }, ms);
    timers.add(timer);
  };

  const foreignWrite = (s: Service) => {
    s.generation++;
    s.labels = { ...s.labels, 'changed-by': `someone-else-${s.generation}` };
    s.observedGeneration = s.generation;
    touch(s);
  };

  const validateTraffic = (s: Service, traffic: TrafficTarget[]) => {
    const tags = new Set<string>();
    let total = 0;
    for (const t of traffic) {
      const type = allocationType(t.type) || (t.revision ? ALLOCATION.REVISION : ALLOCATION.UNSPECIFIED);
      if (type === ALLOCATION.REVISION) {
        // A revision that does not exist is not refused here: the real API accepts the write and
        // fails its long-running operation (the reconcile), leaving the serving split as it was.
        if (!t.revision) {
          throw new ApiError(400, 'INVALID_ARGUMENT', 'Traffic target of type REVISION needs a revision.');
        }
        const revision = s.revisions.get(t.revision);
        if (revision?.failed && (t.percent ?? 0) > 0) {
          throw new ApiError(
            400,
            'FAILED_PRECONDITION',
            `Revision '${t.revision}' is not ready and cannot serve traffic.`,
          );
        }
      } else if (type !== ALLOCATION.LATEST) {
        throw new ApiError(400, 'INVALID_ARGUMENT', 'Traffic target type must be LATEST or REVISION.');
      }
      if (t.tag) {
        if (tags.has(t.tag))
          throw new ApiError(400, 'INVALID_ARGUMENT', `Tag '${t.tag}' used more than once.`);
        if (!DNS_LABEL.test(t.tag) || t.tag.length < 3) {
          throw new ApiError(400, 'INVALID_ARGUMENT', `Tag '${t.tag}' is not a valid tag.`);
        }
        if (t.tag.length + s.name.length > 46) {
          throw new ApiError(
            400,
            'INVALID_ARGUMENT',
            `spec.traffic.tag: traffic tag '${t.tag}' and service name '${s.name}' together are too long. Combined traffic tag and service name cannot exceed 46 characters.`,
          );
        }
        tags.add(t.tag);
      }
      const percent = t.percent ?? 0;
      if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
        throw new ApiError(400, 'INVALID_ARGUMENT', `Traffic percent ${percent} must be between 0 and 100.`);
      }
      total += percent;
    }
    if (total !== 100)
      throw new ApiError(400, 'INVALID_ARGUMENT', `Traffic percents must sum to 100, got ${total}.`);
  };

  /**
   * The fields a PATCH sets: those named in `updateMask` (FieldMask, comma-separated in the query),
   * or, without one, every mutable field (a replace), where the REQUIRED `template` must be given.
   */
  const fieldsToUpdate = (body: Record<string, unknown>, updateMask: string | null): Set<string> => {
    if (updateMask === null || updateMask === '') {
      if (typeof body.template !== 'object' || body.template === null) {
        throw new ApiError(400, 'INVALID_ARGUMENT', 'template: field is required without an update mask.');
      }
      return new Set(MUTABLE_FIELDS);
    }
    const paths = updateMask.split(',').map((p) => p.trim().split('.')[0] ?? '');
    for (const path of paths) {
      if (!(MUTABLE_FIELDS as readonly string[]).includes(path)) {
        throw new ApiError(400, 'INVALID_ARGUMENT', `Invalid update mask path: '${path}'.`);
      }
    }
    return new Set(paths);
  };

  const updateService = (s: Service, body: Record<string, unknown>, updateMask: string | null): Operation => {
    if (writeBeforePatch && (writeBeforePatch.service === '*' || writeBeforePatch.service === s.name)) {
      if (--writeBeforePatch.remaining <= 0) writeBeforePatch = undefined;
      foreignWrite(s);
    }
    if (typeof body.etag === 'string' && body.etag !== '' && body.etag !== etagOf(s)) {
      throw new ApiError(
        409,
        'ABORTED',
        `The service ${s.name} was modified since it was read (etag ${body.etag} is stale, current ${etagOf(s)}).`,
      );
    }
    const fields = fieldsToUpdate(body, updateMask);
    const given = (field: string) => fields.has(field) && body[field] !== undefined && body[field] !== null;
    const template = (given('template') ? body.template : s.template) as Template;
    const config = configOf(template);
    const traffic = given('traffic') ? (body.traffic as TrafficTarget[]) : s.traffic;
    const labels = given('labels') ? (body.labels as Record<string, string>) : s.labels;
    let newRevisionName: string | undefined;
    if (given('template') && template.revision) {
      const existing = s.revisions.get(template.revision);
      // A template that names an existing revision asks to create it again. The real API refuses
      // that unless the configuration is the same, and (as reported for traffic, tag and scaling
      // writes that sent the template back as read) whenever anything else changes with it.
      const othersChange =
        JSON.stringify(traffic) !== JSON.stringify(s.traffic) ||
        JSON.stringify(labels) !== JSON.stringify(s.labels);
      if (existing && (existing.config !== config || othersChange)) {
        throw new ApiError(
          409,
          'ALREADY_EXISTS',
          `Revision named '${template.revision}' with different configuration already exists.`,
        );
      }
      if (!existing) {
        if (!template.revision.startsWith(`${s.name}-`)) {
          throw new ApiError(400, 'INVALID_ARGUMENT', `Revision name must start with '${s.name}-'.`);
        }
        if (template.revision.length > 63 || !DNS_LABEL.test(template.revision)) {
          throw new ApiError(
            400,
            'INVALID_ARGUMENT',
            `Revision name '${template.revision}' must be a DNS label of at most 63 characters.`,
          );
        }
        newRevisionName = template.revision;
      }
    } else if (given('template') && s.revisions.get(s.latestCreatedRevision)?.config !== config) {
      newRevisionName = generatedName(s);
    }
    validateTraffic(s, traffic);

    s.generation++;
    s.template = { ...template };
    s.traffic = traffic.map((t) => ({
      type: allocationType(t.type) || ALLOCATION.REVISION,
      ...(t.revision ? { revision: t.revision } : {}),
      percent: t.percent ?? 0,
      ...(t.tag ? { tag: t.tag } : {}),
    }));
    s.labels = labels;
    s.reconciling = true;
    s.terminalCondition = { type: 'Ready', state: CONDITION.RECONCILING, lastTransitionTime: now() };
    touch(s);
    const newRevision =
      newRevisionName === undefined ? undefined : createRevision(s, newRevisionName, template, config);
    const operation: Operation = {
      name: `projects/${s.project}/locations/${s.region}/operations/${randomBytes(8).toString('hex')}-${++operationCounter}`,
      service: s,
      done: false,
    };
    operations.set(operation.name, operation);
    pendingOps.set(s.name, [...(pendingOps.get(s.name) ?? []), operation]);
    const generation = s.generation;
    if (!faults.stuckOperations)
      schedule(() => reconcile(s, generation, newRevision), faults.operationDelayMs);
    return operation;
  };

  const operationJson = (op: Operation) => ({
    name: op.name,
    metadata: { '@type': SERVICE_TYPE, ...serviceJson(op.service) },
    done: op.done,
    ...(op.done && op.error
      ? { error: { code: JSON.parse(statusBody(op.error)).grpcCode, message: op.error.message } }
      : {}),
    ...(op.done && !op.error ? { response: { '@type': SERVICE_TYPE, ...serviceJson(op.service) } } : {}),
  });

  // ---- API -------------------------------------------------------------------------------------

  const serviceFor = (project: string, region: string, name: string): Service => {
    const s = services.get(name);
    if (!s || s.project !== project || s.region !== region) {
      throw new ApiError(
        404,
        'NOT_FOUND',
        `Resource 'projects/${project}/locations/${region}/services/${name}' was not found`,
      );
    }
    return s;
  };

  const api = (method: string, path: string, query: URLSearchParams, body: string): unknown => {
    const service = path.match(/^\/v2\/projects\/([^/]+)\/locations\/([^/]+)\/services\/([^/]+)$/);
    if (service) {
      const [, project, region, name] = service as unknown as [string, string, string, string];
      const s = serviceFor(project, region, name);
      if (method === 'GET') {
        const json = serviceJson(s);
        if (writeAfterRead === '*' || writeAfterRead === s.name) {
          writeAfterRead = undefined;
          foreignWrite(s);
        }
        return json;
      }
      if (method === 'PATCH') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          throw new ApiError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
        }
        return operationJson(updateService(s, parsed as Record<string, unknown>, query.get('updateMask')));
      }
    }
    const operation = path.match(/^\/v2\/(projects\/[^/]+\/locations\/[^/]+\/operations\/[^/]+)$/);
    if (operation && method === 'GET') {
      const op = operations.get(operation[1] as string);
      if (!op) throw new ApiError(404, 'NOT_FOUND', `Operation '${operation[1]}' was not found`);
      return operationJson(op);
    }
    const revisions = path.match(
      /^\/v2\/projects\/([^/]+)\/locations\/([^/]+)\/services\/([^/]+)\/revisions(?:\/([^/]+))?$/,
    );
    if (revisions && method === 'GET') {
      const [, project, region, name, revisionName] = revisions as unknown as [
        string,
        string,
        string,
        string,
        string?,
      ];
      const s = serviceFor(project, region, name);
      if (revisionName === undefined) {
        const list = [...s.revisions.values()].reverse().map((r) => revisionJson(s, r));
        return { revisions: list };
      }
      const r = s.revisions.get(revisionName);
      if (!r) {
        throw new ApiError(
          404,
          'NOT_FOUND',
          `Resource '${fullServiceName(s)}/revisions/${revisionName}' was not found`,
        );
      }
      return revisionJson(s, r);
    }
    throw new ApiError(404, 'NOT_FOUND', `No route for ${method} ${path}`);
  };

  const apiServer = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const method = req.method ?? 'GET';
        const url = new URL(req.url ?? '/', 'http://x');
        const path = url.pathname;
        if (!path.startsWith('/v2/')) {
          for (const handler of mounted) if (await handler(req, res, body)) return;
        }
        const answer = (status: number, json: string) => {
          calls.push({ method, path, status, at: Date.now(), userAgent: req.headers['user-agent'] ?? '' });
          res.statusCode = status;
          res.setHeader('content-type', 'application/json; charset=UTF-8');
          res.end(json);
        };
        const rule = failRules.find(
          (r) =>
            r.remaining > 0 &&
            (r.method === undefined || r.method === method) &&
            (r.pathIncludes === undefined || path.includes(r.pathIncludes)),
        );
        if (rule && path.startsWith('/v2/')) {
          rule.remaining--;
          const status =
            rule.status === 429 ? 'RESOURCE_EXHAUSTED' : rule.status === 503 ? 'UNAVAILABLE' : 'INTERNAL';
          if (rule.status === 429 || rule.retryAfterSeconds !== undefined)
            res.setHeader('retry-after', String(rule.retryAfterSeconds ?? 1));
          return answer(
            rule.status,
            statusBody(new ApiError(rule.status, status, `Injected ${rule.status}`)),
          );
        }
        try {
          answer(200, JSON.stringify(api(method, path, url.searchParams, body)));
        } catch (err) {
          const error = err instanceof ApiError ? err : new ApiError(500, 'INTERNAL', String(err));
          answer(error.httpStatus, statusBody(error));
        }
      })();
    });
  }, options.port ?? 0);

  // ---- seed ------------------------------------------------------------------------------------

  for (const seed of options.services) {
    const router = await listen((req, res) => route(req, res));
    routers.push(router);
    const s: Service = {
      project: options.project,
      region: options.region,
      name: seed.name,
      uid: randomBytes(16).toString('hex'),
      generation: 1,
      observedGeneration: 1,
      revisionOfResource: 1,
      template: { containers: [{ image: seed.image }] },
      traffic: [],
      trafficStatuses: [],
      reconciling: false,
      terminalCondition: { type: 'Ready', state: CONDITION.SUCCEEDED, lastTransitionTime: now() },
      latestReadyRevision: '',
      latestCreatedRevision: '',
      labels: {},
      annotations: {},
      revisions: new Map(),
      revisionCounter: 0,
      uri: urlOf(router),
      tagUris: new Map(),
      createTime: now(),
      updateTime: now(),
    };
    const route = routeService(s);
    const first = createRevision(s, generatedName(s), s.template, configOf(s.template));
    first.ready = true;
    s.latestReadyRevision = first.name;
    s.traffic =
      seed.traffic === 'pinned'
        ? [{ type: ALLOCATION.REVISION, revision: first.name, percent: 100 }]
        : [{ type: ALLOCATION.LATEST, percent: 100 }];
    s.trafficStatuses = resolveStatuses(s);
    services.set(seed.name, s);
  }

  const get = (name: string): Service => {
    const s = services.get(name);
    if (!s) throw new Error(`emulator: no service ${name}`);
    return s;
  };

  return {
    endpoint: urlOf(apiServer),
    port: (apiServer.address() as AddressInfo).port,
    log,
    faults,
    calls,
    serviceUrl: (name) => get(name).uri,
    tagUrl: (name, tag) => get(name).tagUris.get(tag),
    setRevisionBehaviour(revision, behaviour) {
      for (const s of services.values()) {
        const r = s.revisions.get(revision);
        if (r) {
          r.upstream.set({
            ...(behaviour.errorRate === undefined ? {} : { errorRate: behaviour.errorRate }),
            ...(behaviour.latencyMs === undefined ? {} : { latencyMs: behaviour.latencyMs }),
          });
          return;
        }
      }
      throw new Error(`emulator: no revision ${revision}`);
    },
    describe: (name) => serviceJson(get(name)),
    revisions: (name) => [...get(name).revisions.keys()],
    observed(name) {
      const out: Record<string, number> = {};
      for (const t of get(name).trafficStatuses)
        if (t.percent > 0) out[t.revision] = (out[t.revision] ?? 0) + t.percent;
      return out;
    },
    foreignWrite: (name) => foreignWrite(get(name)),
    mount: (handler) => void mounted.push(handler),
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(
        [apiServer, ...routers].map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
