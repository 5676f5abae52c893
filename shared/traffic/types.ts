import type { Clock } from '../clock';
import { ActionError } from '../errors';

/**
 * The traffic contract every traffic action codes against: which service (a target), what it
 * serves (a state), and the provider that reads and writes it. Cloud Run and ECS implement it in
 * shared/providers/; the actions never see an SDK type.
 */

export type ProviderName = 'cloud-run' | 'ecs';

/** One routing entry: who serves, and what share. */
export interface TrafficEntry {
  /** Cloud Run: revision name. ECS: the service name (blue or green) behind its target group. */
  target: string;
  /** Whole percent, 0–100; the entries of a split sum to 100. */
  percent: number;
  /** Cloud Run: the traffic tag giving the target its own URL. */
  tag?: string;
}

export interface ServingState {
  /** What the platform was asked to serve (Cloud Run `traffic`, ECS the weights last written). */
  desired: TrafficEntry[];
  /** What the platform reports it serves (Cloud Run `trafficStatuses`, ECS listener weights read back). */
  observed: TrafficEntry[];
  /** Changes with every write (Cloud Run etag/generation, ECS a digest of the weights): optimistic concurrency. */
  version: string;
  /** False while the platform is still converging (Cloud Run reconciling, an ECS deployment in progress). */
  settled: boolean;
  /** Cloud Run: a tag → URL map for tagged revisions. */
  urls?: Record<string, string>;
  /** ECS: the task definition each service runs, copied into a rollback target when one is captured. */
  taskDefinitions?: Record<string, string>;
  /** Why the platform is not converging, when it says so (Cloud Run terminalCondition failed). */
  failure?: string;
}

/**
 * The last known good state, captured before the first write of a rollout and handed from
 * canary-shift to rollback as an opaque JSON token (output `rollback-target`, input `to`).
 */
export interface RollbackTarget {
  v: 1;
  provider: ProviderName;
  /** Identifies the resource so that a token can't be applied to another service. */
  resource: Record<string, string>;
  /** The split to restore. */
  traffic: TrafficEntry[];
  /** ECS: the task definition each service ran, to return a service without a load balancer to it. */
  taskDefinitions?: Record<string, string>;
  capturedAt: string;
}

export interface CandidateRequest {
  /** An existing revision / task definition to use as it is. */
  candidate?: string;
  /** Cloud Run: deploy this image as a new revision at 0 %. */
  image?: string;
  revisionSuffix?: string;
  /** Cloud Run: the tag that gives the candidate its own URL. */
  tag?: string;
  /** ECS: register or use this task definition on the idle service. */
  taskDefinition?: string;
  /**
   * ECS-native mode: the rollout's steps (increasing, ending at 100), mapped onto the service's
   * CANARY or LINEAR configuration when its deployment starts, or refused before any write.
   */
  steps?: number[];
}

export interface Candidate {
  /** What the traffic entries call it (revision name, or the idle ECS service). */
  target: string;
  /** Revision name or task definition ARN, for outputs and logs. */
  id: string;
  /** A URL that reaches only the candidate, where the platform offers one. */
  url?: string;
}

export interface WaitOptions {
  timeoutMs: number;
  pollMs: number;
  signal: AbortSignal;
}

/** The gate's arms on a platform that picks them itself (ECS-native: its deployment's target groups). */
export interface GateTargets {
  candidate: string;
  baseline: string;
  loadBalancer: string;
  /** Who waits for what: the platform's own bake time at each step, and where our gate's falls. */
  waits: string;
}

export interface TrafficProvider {
  readonly name: ProviderName;
  /** Identifies the resource this provider acts on, as stored in a rollback target. */
  readonly resource: Record<string, string>;
  read(): Promise<ServingState>;
  /**
   * Names the candidate without writing anything (the revision a deploy will create, or the
   * existing one), so the rollback target can leave it out before the first write.
   */
  resolveCandidate(request: CandidateRequest, state: ServingState): Promise<Pick<Candidate, 'target' | 'id'>>;
  /**
   * Deploys (or resolves) the candidate so it serves 0 % and is ready to take traffic; writes only
   * if `state` is still current (ConcurrentWriteError otherwise). Returns the state afterwards,
   * whose version the next write is checked against.
   */
  prepareCandidate(
    request: CandidateRequest,
    state: ServingState,
    options: WaitOptions,
  ): Promise<{ candidate: Candidate; state: ServingState }>;
  /**
   * Writes a split if the resource is still at `expectedVersion`; throws ConcurrentWriteError
   * without writing otherwise.
   */
  setSplit(split: TrafficEntry[], expectedVersion: string): Promise<void>;
  /** Polls until the observed split equals `split`; throws on timeout with the last observed state. */
  waitForObserved(split: TrafficEntry[], options: WaitOptions): Promise<ServingState>;
  /**
   * The state in which an explicitly named revision / task definition serves 100 % (rollback's
   * `revision` / `task-definition` inputs): checks that it exists and can serve; writes nothing.
   */
  explicitTarget(id: string, state: ServingState): Promise<RollbackTarget>;
  /**
   * ECS only: returns the services that serve traffic in `target` to their recorded task
   * definitions and waits for COMPLETED; true when it had to deploy anything.
   */
  restoreTaskDefinitions?(target: RollbackTarget, options: WaitOptions): Promise<boolean>;
  /**
   * ECS-native only: what the gate compares, as the platform's deployment in progress has it (the
   * green and blue target groups and their load balancer); reads, never writes.
   */
  gateTargets?(): Promise<GateTargets>;
  /** API calls made so far, for the step's report and the benchmark. */
  apiCalls(): number;
}

/** What every provider is built with: injected so tests and the orchestration control time and I/O. */
export interface ProviderDeps {
  clock: Clock;
  /** Aborted on SIGINT/SIGTERM: a provider starts no new write once it is. */
  signal: AbortSignal;
  /** Progress lines for the job log (core.info). */
  log: (message: string) => void;
  /** Names the action, its version and the run (user agent of every SDK client). */
  userAgent: string;
  /** Where endpoint overrides (test-only) are read from. */
  env: NodeJS.ProcessEnv;
  /**
   * Epoch ms by which the step must end (its `timeout`): a provider stops retrying a throttled or
   * failing call there instead of outliving the step. Undefined: the provider's own cap applies.
   */
  deadlineAt?: number;
}

/**
 * The platform did not come to serve the requested split in time, or said it can't: carries the
 * last state read so the step reports what is actually served (never success on an unknown state).
 */
export class SplitNotObservedError extends ActionError {
  constructor(
    message: string,
    readonly state: ServingState | undefined,
  ) {
    super(message);
  }
}

/** Another writer changed the resource between our read and our write: nothing was written. */
export class ConcurrentWriteError extends ActionError {}

/** Which service a traffic action acts on (parsed from inputs by ./settings). */
export interface CloudRunTarget {
  provider: 'cloud-run';
  project: string;
  region: string;
  service: string;
}

export interface EcsTarget {
  provider: 'ecs';
  cluster: string;
  /**
   * The two services, blue and green, each behind its own target group; or one service, given
   * without a listener: ECS-native (its CANARY, LINEAR or BLUE_GREEN strategy shifts the traffic,
   * found from the service), or, for rollback only, a ROLLING service returned to a task definition.
   */
  services: [string, string] | [string];
  /** Exactly one of the two: a listener rule, or a listener's default action, with a weighted forward. */
  listenerArn?: string;
  listenerRuleArn?: string;
  /** AWS region; undefined leaves it to the default chain (AWS_REGION). */
  region?: string;
}

export type TrafficTarget = CloudRunTarget | EcsTarget;
