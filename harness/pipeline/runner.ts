/**
 * Runs a reusable workflow of this repository the way GitHub would, as far as a test can: it
 * reads the workflow's YAML and nothing else about its wiring, then runs its jobs in dependency
 * order, evaluating every `if:`, `with:`, `env:` and job output with @actions/expressions against
 * the contexts GitHub provides (inputs with their declared defaults, secrets, vars, github, needs,
 * steps, env, job, runner).
 *
 * - A `uses:` of one of our actions (`./.rollout-actions/actions/<name>`, `./actions/<name>`, or
 *   `OWNER/rollout-actions/actions/<name>@ref`) runs the built bundle dist/<name>/index.js through
 *   runBundle(), with action.yml defaults for inputs the step leaves out, exactly as the runner does.
 *   An input that action.yml does not declare fails the step: GitHub only warns, but here it would
 *   be a wiring mistake.
 * - A `uses:` of any other action (actions/checkout, google-github-actions/auth,
 *   aws-actions/configure-aws-credentials) is recorded with its evaluated inputs and not run: there
 *   is nothing to check out (the bundles are on disk) and no cloud to authenticate to (the
 *   emulators accept the test credentials in the environment).
 * - Checkouts are checked instead of performed: actions/checkout's `repository` and `ref` (with
 *   its defaults, the caller's repository and commit) are recorded per path, and a step that runs
 *   `./<path>/actions/<name>` fails unless <path> holds the called workflow's own repository at
 *   its own commit (options.origin): the bundles on disk are that code, and nothing else.
 * - A job granted `id-token: write` (by itself and by the caller) gets ACTIONS_ID_TOKEN_REQUEST_URL
 *   and ACTIONS_ID_TOKEN_REQUEST_TOKEN, served by a loopback OIDC endpoint (./oidc.ts) whose token
 *   names options.origin in its job_workflow_ref and job_workflow_sha claims.
 * - A `run:` step runs with bash as GitHub's ubuntu runners do (`bash --noprofile --norc -eo
 *   pipefail`), its values given only through `env:`.
 * - Jobs run one at a time in a topological order of `needs` (ties in file order); GitHub may run
 *   independent jobs in parallel, which these pipelines don't have. `timeout-minutes`,
 *   `concurrency` (evaluated and recorded, not enforced), runners and matrices are not emulated.
 * - Environments: a job naming an `environment:` waits, before any of its steps, for the decision
 *   of that environment's required reviewers, which the test gives through options.review. As on
 *   GitHub, an approved job runs; a rejected one fails without running a step, and so does one
 *   not approved within 30 days ("If a job is rejected, the workflow will fail"; "If a job is not
 *   approved within 30 days, it will automatically fail":
 *   https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/reviewing-deployments).
 *   An environment expression that evaluates to nothing names no environment: the job runs.
 * - Cancellation: aborting `signal` sends SIGINT to the running step (SIGTERM 7.5 s later, as the
 *   runner does), marks it cancelled, and from then on `cancelled()` is true: steps and jobs run
 *   only if their condition asks for it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseCommandFile, REPO_ROOT, runBundle } from '../helpers/runner';
import { type Contexts, condition, interpolate, loadExpressionEngine, type Status } from './expressions';
import { type OidcEndpoint, startOidcEndpoint } from './oidc';

export type Result = 'success' | 'failure' | 'cancelled' | 'skipped';

interface WorkflowInput {
  type?: 'string' | 'boolean' | 'number' | 'choice' | 'environment';
  required?: boolean;
  default?: string | boolean | number;
}

interface StepSpec {
  id?: string;
  name?: string;
  if?: string | boolean;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'continue-on-error'?: boolean;
}

interface JobSpec {
  name?: string;
  needs?: string | string[];
  if?: string | boolean;
  environment?: string | { name: string; url?: string };
  env?: Record<string, unknown>;
  outputs?: Record<string, string>;
  permissions?: Record<string, string>;
  steps?: StepSpec[];
}

export interface WorkflowSpec {
  name?: string;
  on: {
    workflow_call?: {
      inputs?: Record<string, WorkflowInput>;
      secrets?: Record<string, { required?: boolean; description?: string } | null>;
      outputs?: Record<string, { value: string; description?: string }>;
    };
    workflow_dispatch?: { inputs?: Record<string, WorkflowInput> };
  };
  env?: Record<string, unknown>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean | string };
  permissions?: unknown;
  jobs: Record<string, JobSpec>;
}

export interface StepRecord {
  job: string;
  /** The step's id, or its position when it has none. */
  id: string;
  name: string;
  kind: 'action' | 'external' | 'run';
  /** Our action's name, or the external `uses:` reference. */
  uses?: string;
  outcome: Result;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  summary: string;
  errors: string[];
  warnings: string[];
  notices: string[];
  /** Everything written to stdout, for failure messages. */
  log: string;
  startedAt: number;
  durationMs: number;
}

export interface JobRecord {
  id: string;
  name: string;
  result: Result;
  outputs: Record<string, string>;
  steps: StepRecord[];
  /** The job's summary as GitHub shows it: each step's summary, in order. */
  summary: string;
  permissions?: Record<string, string>;
  /** The environment the job waited on, and what its reviewers decided. */
  review?: { environment: string; decision: ReviewDecision };
  startedAt: number;
  durationMs: number;
}

/** What an environment's required reviewers do with a waiting job; a timeout fails it like a rejection. */
export type ReviewDecision = 'approve' | 'reject' | 'timeout';
export interface ReviewRequest {
  job: string;
  environment: string;
}

export interface PipelineRun {
  workflow: string;
  result: Result;
  /** Jobs in the order they were considered. */
  jobs: JobRecord[];
  job(id: string): JobRecord;
  /** Every step that ran (or was skipped), in order. */
  steps(): StepRecord[];
  concurrencyGroup?: string;
  /** The workflow's own outputs (on.workflow_call.outputs), as a caller would read them. */
  outputs: Record<string, string>;
  cancelled: boolean;
}

export type PipelineEvent =
  | { type: 'job-start'; job: string; name: string }
  | { type: 'review-requested'; job: string; environment: string }
  | { type: 'reviewed'; job: string; environment: string; decision: ReviewDecision }
  | { type: 'job-end'; record: JobRecord }
  | { type: 'step-start'; job: string; step: string; name: string; inputs: Record<string, string> }
  | { type: 'step-end'; record: StepRecord };

export interface PipelineOptions {
  /** Path of the workflow, absolute or relative to the repository root. */
  workflow: string;
  /** The event: workflow_call (the default) or workflow_dispatch; it decides which inputs exist. */
  event?: 'workflow_call' | 'workflow_dispatch';
  inputs: Record<string, string | number | boolean>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** Environment for every step, e.g. the emulators' endpoint overrides. */
  env?: Record<string, string>;
  /** Aborting it cancels the run, as the Cancel button does. */
  signal?: AbortSignal;
  onEvent?: (event: PipelineEvent) => void;
  /** Longest a step may run before it is killed (default 120 s). */
  stepTimeoutMs?: number;
  /**
   * The repository, ref and commit the caller's `uses:` resolved the workflow to (by default
   * rollout/rollout-actions at refs/tags/v1, commit ORIGIN_SHA). Started by hand, it is also the
   * `github` context's repository and commit.
   */
  origin?: { repository: string; ref: string; sha: string };
  /** Whether the caller's job grants id-token: write (default true): without it no job gets a token. */
  callerGrantsIdToken?: boolean;
  /**
   * The required reviewers of every environment a job names: called when such a job is about to
   * start. Without it, a job naming an environment stops the run with an error.
   */
  review?: (request: ReviewRequest) => ReviewDecision | Promise<ReviewDecision>;
}

export const ORIGIN_SHA = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
const DEFAULT_ORIGIN = { repository: 'rollout/rollout-actions', ref: 'refs/tags/v1', sha: ORIGIN_SHA };

const OUR_ACTION = [
  /^\.\/(?:\.rollout-actions\/)?actions\/([a-z0-9-]+)\/?$/,
  /^[\w.-]+\/rollout-actions\/actions\/([a-z0-9-]+)@[\w./-]+$/,
];
const GRACE_BEFORE_SIGTERM_MS = 7_500;

export function loadWorkflow(path: string): WorkflowSpec {
  const full = path.startsWith('/') ? path : join(REPO_ROOT, path);
  return parse(readFileSync(full, 'utf8')) as WorkflowSpec;
}

/** Our action a `uses:` names, or undefined for a third-party action. */
export function ourAction(uses: string): string | undefined {
  for (const pattern of OUR_ACTION) {
    const match = uses.match(pattern);
    if (match) return match[1];
  }
  return undefined;
}

interface ActionMetadata {
  inputs?: Record<string, { default?: string; required?: boolean }>;
}

const metadataCache = new Map<string, ActionMetadata>();
function actionMetadata(name: string): ActionMetadata {
  let metadata = metadataCache.get(name);
  if (!metadata) {
    metadata = parse(readFileSync(join(REPO_ROOT, 'actions', name, 'action.yml'), 'utf8')) as ActionMetadata;
    metadataCache.set(name, metadata);
  }
  return metadata;
}

/** Jobs in an order where each comes after everything it needs; ties keep the file's order. */
export function jobOrder(jobs: Record<string, JobSpec>): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (id: string): void => {
    if (order.includes(id)) return;
    if (visiting.has(id)) throw new Error(`needs cycle at job ${id}`);
    const job = jobs[id];
    if (!job) throw new Error(`a job needs "${id}", which the workflow does not define`);
    visiting.add(id);
    for (const need of needsOf(job)) visit(need);
    visiting.delete(id);
    order.push(id);
  };
  for (const id of Object.keys(jobs)) visit(id);
  return order;
}

function needsOf(job: JobSpec): string[] {
  if (job.needs === undefined) return [];
  return Array.isArray(job.needs) ? job.needs : [job.needs];
}

function ancestorsOf(id: string, jobs: Record<string, JobSpec>): Set<string> {
  const found = new Set<string>();
  const walk = (job: string): void => {
    for (const need of needsOf(jobs[job] ?? {})) {
      if (!found.has(need)) {
        found.add(need);
        walk(need);
      }
    }
  };
  walk(id);
  return found;
}

/** The workflow's inputs for this event: given values typed as declared, defaults for the rest. */
export function resolveInputs(
  spec: WorkflowSpec,
  event: 'workflow_call' | 'workflow_dispatch',
  given: Record<string, string | number | boolean>,
): Record<string, string | number | boolean> {
  const declared = spec.on[event]?.inputs ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in declared)) throw new Error(`${event} has no input "${name}"`);
  }
  const resolved: Record<string, string | number | boolean> = {};
  for (const [name, input] of Object.entries(declared)) {
    const value = given[name] ?? input.default;
    if (value === undefined) {
      if (input.required) throw new Error(`required input "${name}" is missing`);
      continue;
    }
    if (input.type === 'boolean') resolved[name] = value === true || value === 'true';
    else if (input.type === 'number') resolved[name] = Number(value);
    else resolved[name] = String(value);
  }
  return resolved;
}

/**
 * The secrets a caller passes by name: a called workflow receives only those it declares, and
 * GitHub refuses a call that leaves out a required one or names one it doesn't declare.
 */
export function resolveSecrets(
  spec: WorkflowSpec,
  event: 'workflow_call' | 'workflow_dispatch',
  given: Record<string, string>,
): Record<string, string> {
  // Started by hand, a workflow reads the repository's secrets by name: any of them.
  if (event === 'workflow_dispatch') return { ...given };
  const declared = spec.on.workflow_call?.secrets ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in declared)) throw new Error(`workflow_call declares no secret "${name}"`);
  }
  for (const [name, secret] of Object.entries(declared)) {
    if (secret?.required && !given[name]) throw new Error(`required secret "${name}" is missing`);
  }
  return { ...given };
}

function evaluateMap(
  values: Record<string, unknown> | undefined,
  contexts: Contexts,
  status?: Status,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values ?? {})) out[key] = interpolate(value, contexts, status);
  return out;
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineRun> {
  await loadExpressionEngine();
  const spec = loadWorkflow(options.workflow);
  const event = options.event ?? 'workflow_call';
  const inputs = resolveInputs(spec, event, options.inputs);
  let cancelled = options.signal?.aborted ?? false;
  /** Signals the running step: the bundle's process, or a shell step's whole process group. */
  let running: { child: ChildProcess; group: boolean } | undefined;
  const signalRunning = (signal: NodeJS.Signals) => {
    const current = running;
    if (!current || current.child.exitCode !== null || current.child.signalCode !== null) return;
    const pid = current.child.pid;
    if (current.group && pid !== undefined) process.kill(-pid, signal);
    else current.child.kill(signal);
  };
  const onAbort = () => {
    cancelled = true;
    signalRunning('SIGINT');
    setTimeout(() => signalRunning('SIGTERM'), GRACE_BEFORE_SIGTERM_MS).unref();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const origin = options.origin ?? DEFAULT_ORIGIN;
  const dispatched = event === 'workflow_dispatch';
  const github = {
    repository: dispatched ? origin.repository : 'acme/shop',
    repository_owner: dispatched ? (origin.repository.split('/')[0] ?? '') : 'acme',
    sha: dispatched ? origin.sha : '0123456789abcdef0123456789abcdef01234567',
    ref: dispatched ? origin.ref : 'refs/heads/main',
    event_name: event === 'workflow_dispatch' ? 'workflow_dispatch' : 'push',
    run_id: '4242',
    run_attempt: '1',
    actor: 'octocat',
    workflow: spec.name ?? options.workflow,
    server_url: 'https://github.com',
    token: 'ghs_test-token-not-used',
  };
  const base: Contexts = {
    github,
    inputs,
    secrets: resolveSecrets(spec, event, options.secrets ?? {}),
    vars: options.vars ?? {},
    runner: { os: 'Linux', arch: 'X64', temp: tmpdir() },
  };
  const concurrencyGroup = spec.concurrency
    ? interpolate(spec.concurrency.group, { ...base, env: {} })
    : undefined;

  const grantsIdToken = (job: JobSpec) =>
    job.permissions?.['id-token'] === 'write' && (options.callerGrantsIdToken ?? true);
  const oidc: OidcEndpoint | undefined = Object.values(spec.jobs).some(grantsIdToken)
    ? await startOidcEndpoint({
        repository: github.repository,
        ref: github.ref,
        sha: github.sha,
        job_workflow_ref: `${origin.repository}/${workflowPath(options.workflow)}@${origin.ref}`,
        job_workflow_sha: origin.sha,
      })
    : undefined;

  const records = new Map<string, JobRecord>();
  const ordered: JobRecord[] = [];
  try {
    for (const id of jobOrder(spec.jobs)) {
      const job = spec.jobs[id] as JobSpec;
      const needs = Object.fromEntries(
        needsOf(job).map((need) => {
          const record = records.get(need);
          return [need, { result: record?.result ?? 'skipped', outputs: record?.outputs ?? {} }];
        }),
      );
      const ancestors = [...ancestorsOf(id, spec.jobs)].map((a) => records.get(a)?.result ?? 'skipped');
      const jobStatus: Status = {
        success: ancestors.every((r) => r === 'success'),
        failure: ancestors.some((r) => r === 'failure'),
        cancelled,
      };
      const jobContexts: Contexts = { ...base, needs, env: evaluateMap(spec.env, { ...base, needs }) };
      const startedAt = Date.now();
      /** A job that runs no step: skipped by its condition, or refused by its environment's reviewers. */
      const withoutSteps = (result: Result, review?: JobRecord['review']): JobRecord => ({
        id,
        name: job.name ?? id,
        result,
        outputs: {},
        steps: [],
        summary: '',
        ...(review ? { review } : {}),
        startedAt,
        durationMs: Date.now() - startedAt,
        ...(job.permissions ? { permissions: job.permissions } : {}),
      });
      const finish = (record: JobRecord) => {
        records.set(id, record);
        ordered.push(record);
        options.onEvent?.({ type: 'job-end', record });
      };
      if (!condition(job.if, jobContexts, jobStatus)) {
        finish(withoutSteps(cancelled ? 'cancelled' : 'skipped'));
        continue;
      }
      const environment = environmentOf(job, jobContexts);
      const review =
        environment === '' ? undefined : { environment, decision: await awaitReview(id, environment) };
      if (review && (review.decision !== 'approve' || cancelled)) {
        finish(withoutSteps(cancelled ? 'cancelled' : 'failure', review));
        continue;
      }
      options.onEvent?.({ type: 'job-start', job: id, name: job.name ?? id });
      finish({ ...(await runJob(id, job, jobContexts)), ...(review ? { review } : {}) });
    }
  } finally {
    await oidc?.close();
  }
  options.signal?.removeEventListener('abort', onAbort);

  const results = ordered.map((j) => j.result);
  const jobsContext = Object.fromEntries(
    ordered.map((j) => [j.id, { result: j.result, outputs: j.outputs }]),
  );
  const outputs = Object.fromEntries(
    Object.entries(spec.on.workflow_call?.outputs ?? {}).map(([name, output]) => [
      name,
      interpolate(output.value, { ...base, jobs: jobsContext }),
    ]),
  );
  return {
    workflow: options.workflow,
    result: cancelled
      ? 'cancelled'
      : results.includes('failure')
        ? 'failure'
        : results.includes('cancelled')
          ? 'cancelled'
          : 'success',
    jobs: ordered,
    job(jobId: string): JobRecord {
      const found = records.get(jobId);
      if (!found) throw new Error(`no job "${jobId}" in ${options.workflow}`);
      return found;
    },
    steps: () => ordered.flatMap((j) => j.steps),
    ...(concurrencyGroup !== undefined ? { concurrencyGroup } : {}),
    outputs,
    cancelled,
  };

  /** The reviewers' decision on a job waiting on `environment`; a cancellation ends the wait. */
  async function awaitReview(job: string, environment: string): Promise<ReviewDecision> {
    if (!options.review) {
      throw new Error(
        `job "${job}" waits on environment "${environment}": give runPipeline a review callback to decide it`,
      );
    }
    options.onEvent?.({ type: 'review-requested', job, environment });
    const cancelledWait = new Promise<ReviewDecision>((resolve) => {
      if (options.signal?.aborted) resolve('reject');
      options.signal?.addEventListener('abort', () => resolve('reject'), { once: true });
    });
    const decision = await Promise.race([
      Promise.resolve(options.review({ job, environment })),
      cancelledWait,
    ]);
    options.onEvent?.({ type: 'reviewed', job, environment, decision });
    return decision;
  }

  async function runJob(id: string, job: JobSpec, jobContexts: Contexts): Promise<JobRecord> {
    const startedAt = Date.now();
    const steps: Record<string, { outputs: Record<string, string>; outcome: Result; conclusion: Result }> =
      {};
    const stepRecords: StepRecord[] = [];
    let failed = false;
    let stepCancelled = false;
    // A job that starts after the cancellation (because its condition asked for cancelled() or
    // always()) runs its steps normally: only a job running at that moment sees cancelled().
    const cancelledBefore = cancelled;
    const cancelledHere = () => cancelled && !cancelledBefore;
    const jobEnv = { ...(jobContexts.env as Record<string, string>), ...evaluateMap(job.env, jobContexts) };
    // Set by the runner for the processes, not part of the `env` context.
    const runnerEnv = grantsIdToken(job) && oidc ? oidc.env : {};
    const checkouts = new Map<string, { repository: string; ref: string }>();

    for (const [index, step] of (job.steps ?? []).entries()) {
      const stepId = step.id ?? `step-${index + 1}`;
      const status: Status = { success: !failed, failure: failed, cancelled: cancelledHere() };
      const jobStatus = failed ? 'failure' : cancelledHere() ? 'cancelled' : 'success';
      const contexts: Contexts = { ...jobContexts, env: jobEnv, steps, job: { status: jobStatus } };
      const name = interpolate(step.name ?? step.uses ?? step.run?.split('\n')[0] ?? stepId, contexts);
      const startedStep = Date.now();
      if (!condition(step.if, contexts, status)) {
        const skipped = stepRecord(id, stepId, name, step, 'skipped', {}, startedStep);
        stepRecords.push(skipped);
        steps[stepId] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
        options.onEvent?.({ type: 'step-end', record: skipped });
        continue;
      }
      const env = { ...jobEnv, ...evaluateMap(step.env, contexts) };
      const withInputs = evaluateMap(step.with, { ...contexts, env });
      options.onEvent?.({ type: 'step-start', job: id, step: stepId, name, inputs: withInputs });
      const record = await runStep(id, stepId, name, step, withInputs, env, { ...contexts, env }, cancelled, {
        runnerEnv,
        checkouts,
      });
      if (record.outcome === 'cancelled') stepCancelled = true;
      const conclusion: Result =
        record.outcome === 'failure' && step['continue-on-error'] === true ? 'success' : record.outcome;
      if (conclusion === 'failure') failed = true;
      steps[stepId] = { outputs: record.outputs, outcome: record.outcome, conclusion };
      stepRecords.push(record);
      options.onEvent?.({ type: 'step-end', record });
    }
    const finalContexts: Contexts = { ...jobContexts, env: jobEnv, steps };
    return {
      id,
      name: job.name ?? id,
      result: failed ? 'failure' : stepCancelled || cancelledHere() ? 'cancelled' : 'success',
      // GitHub evaluates job outputs when the job ends, whatever its result.
      outputs: evaluateMap(job.outputs, finalContexts),
      steps: stepRecords,
      summary: stepRecords
        .map((s) => s.summary)
        .filter((s) => s.trim() !== '')
        .join('\n'),
      startedAt,
      durationMs: Date.now() - startedAt,
      ...(job.permissions ? { permissions: job.permissions } : {}),
    };
  }

  async function runStep(
    job: string,
    stepId: string,
    name: string,
    step: StepSpec,
    withInputs: Record<string, string>,
    env: Record<string, string>,
    contexts: Contexts,
    cancelledBefore: boolean,
    jobState: {
      runnerEnv: Record<string, string>;
      checkouts: Map<string, { repository: string; ref: string }>;
    },
  ): Promise<StepRecord> {
    const startedAt = Date.now();
    // A step that starts after the cancellation (it asked for always() or cancelled()) runs to its end.
    const cancelledHere = () => cancelled && !cancelledBefore;
    const processEnv = { ...jobState.runnerEnv, ...env };
    if (step.run !== undefined)
      return runShell(job, stepId, name, step, processEnv, startedAt, cancelledHere);
    const uses = step.uses ?? '';
    const action = ourAction(uses);
    if (action === undefined) {
      if (/^actions\/checkout@/.test(uses)) {
        // actions/checkout's defaults: the repository and commit of the run (the caller's).
        jobState.checkouts.set(normalisePath(withInputs.path ?? ''), {
          repository: withInputs.repository || github.repository,
          ref: withInputs.ref || github.sha,
        });
      }
      return { ...stepRecord(job, stepId, name, step, 'success', withInputs, startedAt), kind: 'external' };
    }
    const checkedOutAt = uses.match(/^\.\/(.+)\/actions\/[a-z0-9-]+\/?$/)?.[1];
    if (checkedOutAt !== undefined) {
      const checkout = jobState.checkouts.get(normalisePath(checkedOutAt));
      if (checkout?.repository !== origin.repository || checkout.ref !== origin.sha) {
        const held = checkout ? `${checkout.repository}@${checkout.ref || '(default branch)'}` : 'nothing';
        return {
          ...stepRecord(job, stepId, name, step, 'failure', withInputs, startedAt),
          errors: [
            `${uses}: ${checkedOutAt} holds ${held}, not the called workflow's own ${origin.repository}@${origin.sha}: the step would run other code than the bundles under test`,
          ],
        };
      }
    }
    if (!existsSync(join(REPO_ROOT, 'actions', action, 'action.yml'))) {
      return {
        ...stepRecord(job, stepId, name, step, 'failure', withInputs, startedAt),
        errors: [`Can't find 'action.yml' for ${uses} (no actions/${action} in this repository)`],
      };
    }
    const metadata = actionMetadata(action);
    const declared = metadata.inputs ?? {};
    const unknown = Object.keys(withInputs).filter((input) => !(input in declared));
    if (unknown.length > 0) {
      return {
        ...stepRecord(job, stepId, name, step, 'failure', withInputs, startedAt),
        errors: [`${action} has no input ${unknown.map((u) => `"${u}"`).join(', ')} (see its action.yml)`],
      };
    }
    const inputs: Record<string, string> = {};
    for (const [input, meta] of Object.entries(declared)) {
      if (input in withInputs) inputs[input] = withInputs[input] as string;
      else if (meta.default !== undefined) inputs[input] = interpolate(meta.default, contexts);
    }
    const result = await runBundle(action, inputs, {
      env: { ...(options.env ?? {}), ...processEnv },
      timeoutMs: options.stepTimeoutMs ?? 120_000,
      onStart: (child) => {
        running = { child, group: false };
        if (cancelledHere()) onAbort();
      },
    });
    running = undefined;
    const outcome: Result = cancelledHere() ? 'cancelled' : result.exitCode === 0 ? 'success' : 'failure';
    return {
      job,
      id: stepId,
      name,
      kind: 'action',
      uses: action,
      outcome,
      inputs,
      outputs: result.outputs,
      summary: result.summary,
      errors: result.errors,
      warnings: result.warnings,
      notices: result.notices,
      log: result.stdout + result.stderr,
      startedAt,
      durationMs: Date.now() - startedAt,
    };
  }

  async function runShell(
    job: string,
    stepId: string,
    name: string,
    step: StepSpec,
    env: Record<string, string>,
    startedAt: number,
    cancelledHere: () => boolean,
  ): Promise<StepRecord> {
    const temp = mkdtempSync(join(tmpdir(), 'runner-run-'));
    const files = {
      script: join(temp, 'script.sh'),
      output: join(temp, 'output'),
      summary: join(temp, 'summary'),
    };
    writeFileSync(files.script, step.run ?? '');
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', files.script], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? temp,
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        RUNNER_TEMP: temp,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        ...(options.env ?? {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that a cancellation reaches the commands it runs, as on a runner.
      detached: true,
    });
    running = { child, group: true };
    if (cancelledHere()) onAbort();
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    running = undefined;
    const commands = (kind: string) =>
      log
        .split('\n')
        .filter((line) => line.startsWith(`::${kind}`))
        .map((line) => line.slice(line.indexOf('::', 2) + 2));
    return {
      job,
      id: stepId,
      name,
      kind: 'run',
      outcome: cancelledHere() ? 'cancelled' : code === 0 ? 'success' : 'failure',
      inputs: {},
      outputs: parseCommandFile(readFileSync(files.output, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
      errors: commands('error'),
      warnings: commands('warning'),
      notices: commands('notice'),
      log,
      startedAt,
      durationMs: Date.now() - startedAt,
    };
  }
}

/** The environment a job names (`environment: name` or `environment: {name, url}`), evaluated; '' for none. */
function environmentOf(job: JobSpec, contexts: Contexts): string {
  if (job.environment === undefined) return '';
  const name = typeof job.environment === 'string' ? job.environment : job.environment.name;
  return interpolate(name, contexts).trim();
}

/** `owner/repo/.github/workflows/<file>` as job_workflow_ref names it. */
function workflowPath(workflow: string): string {
  return `.github/workflows/${workflow.split('/').pop() ?? workflow}`;
}

function normalisePath(path: string): string {
  return path.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}

function stepRecord(
  job: string,
  id: string,
  name: string,
  step: StepSpec,
  outcome: Result,
  inputs: Record<string, string>,
  startedAt: number,
): StepRecord {
  const action = step.uses ? ourAction(step.uses) : undefined;
  return {
    job,
    id,
    name,
    kind: step.run !== undefined ? 'run' : action !== undefined ? 'action' : 'external',
    ...(step.uses ? { uses: action ?? step.uses } : {}),
    outcome,
    inputs,
    outputs: {},
    summary: '',
    errors: [],
    warnings: [],
    notices: [],
    log: '',
    startedAt,
    durationMs: Date.now() - startedAt,
  };
}
