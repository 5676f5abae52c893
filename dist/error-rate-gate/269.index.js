"use strict";
exports.id = 269;
exports.ids = [269];
exports.modules = {

/***/ 9146:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Is: () => (/* binding */ isSettled),
/* harmony export */   P5: () => (/* binding */ shortTaskDefinition),
/* harmony export */   mR: () => (/* binding */ deploymentOutcome),
/* harmony export */   sg: () => (/* binding */ primaryDeployment)
/* harmony export */ });
/**
 * Pure reading of an ECS service's deployments: where the deployment we started, tracked by its
 * id, has got to. A deployment that failed, was rolled back by the circuit breaker, or vanished
 * from the list is never reported as success.
 */
function deploymentOutcome(service, deploymentId) {
    const deployments = service.deployments ?? [];
    const ours = deployments.find((d) => d.id === deploymentId);
    const primary = deployments.find((d) => d.status === 'PRIMARY');
    if (!ours) {
        const replacement = primary?.rolloutStateReason ? ` (now: ${primary.rolloutStateReason})` : '';
        return {
            state: 'failed',
            reason: `deployment ${deploymentId} is no longer listed: ECS replaced it, as a circuit-breaker rollback does${replacement}`,
        };
    }
    if (ours.rolloutState === 'FAILED') {
        const rolledBack = primary && primary.id !== ours.id ? `; ECS rolled the service back to ${primary.taskDefinition}` : '';
        return {
            state: 'failed',
            reason: `deployment ${deploymentId} failed: ${ours.rolloutStateReason ?? 'no reason given'}${rolledBack}`,
        };
    }
    if (ours.status !== 'PRIMARY') {
        return {
            state: 'failed',
            reason: `deployment ${deploymentId} was superseded by ${primary?.id ?? 'another deployment'} (${primary?.taskDefinition ?? 'unknown task definition'}): another writer or a rollback changed the service`,
        };
    }
    // A count change keeps the deployment COMPLETED while new tasks go through PENDING: it is done
    // only when as many tasks run as it wants.
    if (ours.rolloutState === 'COMPLETED' && fullyRunning(ours))
        return { state: 'completed' };
    return { state: 'in-progress', running: ours.runningCount ?? 0, desired: ours.desiredCount ?? 0 };
}
const fullyRunning = (d) => (d.runningCount ?? 0) >= (d.desiredCount ?? 0);
/** Whether a service runs one completed deployment with all its tasks running: nothing is converging. */
function isSettled(service) {
    const deployments = service.deployments ?? [];
    const only = deployments[0];
    return deployments.length === 1 && only?.rolloutState === 'COMPLETED' && fullyRunning(only);
}
/** The PRIMARY deployment's id, i.e. the one an UpdateService just started or kept. */
function primaryDeployment(service) {
    return (service.deployments ?? []).find((d) => d.status === 'PRIMARY');
}
/** `shop:42` from a task definition ARN, for logs. */
function shortTaskDefinition(arn) {
    if (arn === undefined)
        return 'unknown';
    const slash = arn.lastIndexOf('/');
    return slash >= 0 ? arn.slice(slash + 1) : arn;
}


/***/ }),

/***/ 1269:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createEcsTrafficProvider: () => (/* binding */ createEcsTrafficProvider),
  ecsNativeGateTargets: () => (/* binding */ ecsNativeGateTargets),
  gateTargetsOf: () => (/* binding */ gateTargetsOf),
  isRetryableAwsError: () => (/* reexport */ isRetryableAwsError)
});

// EXTERNAL MODULE: ./shared/aws/clients.ts
var clients = __webpack_require__(9032);
// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(2635);
// EXTERNAL MODULE: ./shared/credentials.ts
var credentials = __webpack_require__(2252);
// EXTERNAL MODULE: ./shared/retry.ts
var retry = __webpack_require__(2372);
;// CONCATENATED MODULE: ./shared/providers/ecs/api.ts




/**
 * SDK attempts per call (its own standard-mode retries), and our retries around them: no fixed
 * count, until the step's deadline (a throttling storm is waited out if the step has the time).
 */
const SDK_MAX_ATTEMPTS = 4;
const CALL_RETRY = { baseDelayMs: 500, maxDelayMs: 8000 };
/** Longest one call keeps retrying when the step gave no deadline. */
const CALL_DEADLINE_MS = 90_000;
/** RegisterTaskDefinition/UpdateService under load answer this ClientException; it clears on retry. */
const CONCURRENT_REVISION = /too many concurrent attempts/i;
function isRetryableAwsError(err) {
    if ((0,retry/* isRetryableError */.$d)(err))
        return true;
    return err instanceof Error && err.name === 'ClientException' && CONCURRENT_REVISION.test(err.message);
}
class EcsApi {
    deps;
    ecsSdk;
    elbSdk;
    ecs;
    elb;
    /** Operations sent (each once, however often the SDK or we retried it). */
    calls = 0;
    /** The step's deadline (epoch ms), from the latest wait options: no call retries beyond it. */
    stepDeadline;
    constructor(deps, region, ecsSdk, elbSdk) {
        this.deps = deps;
        this.ecsSdk = ecsSdk;
        this.elbSdk = elbSdk;
        this.stepDeadline = deps.deadlineAt;
        const settings = { region, userAgent: deps.userAgent, maxAttempts: SDK_MAX_ATTEMPTS };
        this.ecs = (0,clients/* createAwsClient */.nV)(ecsSdk.ECSClient, settings, deps.env);
        this.elb = elbSdk ? (0,clients/* createAwsClient */.nV)(elbSdk.ElasticLoadBalancingV2Client, settings, deps.env) : undefined;
    }
    apiCalls() {
        return this.calls;
    }
    /** Fails at once, naming the step that provides them, when the AWS chain has no credentials. */
    requireCredentials() {
        return (0,credentials/* requireAwsCredentials */.he)(this.ecs);
    }
    /** Starts a step's wait: its deadline also bounds every call's retries from now on. */
    deadlineFrom(options) {
        this.stepDeadline = this.deps.clock.now() + options.timeoutMs;
        return this.stepDeadline;
    }
    /** The poll options of a wait that ends at `deadline`. */
    pollOptions(deadline, options) {
        return { clock: this.deps.clock, deadline, pollMs: options.pollMs, signal: options.signal };
    }
    /**
     * One API call with our retries around the SDK's own (throttling storms, 5xx, "too many
     * concurrent attempts"). A write passes the run's signal, so no new attempt starts after a cancel;
     * reads don't, so the last state can still be reported.
     */
    call(label, fn, signal) {
        this.calls++;
        const now = this.deps.clock.now();
        const deadlineMs = this.stepDeadline === undefined ? CALL_DEADLINE_MS : Math.max(0, this.stepDeadline - now);
        let tries = 0;
        return (0,retry/* retry */.L5)(() => {
            tries++;
            return fn();
        }, {
            ...CALL_RETRY,
            deadlineMs,
            isRetryable: isRetryableAwsError,
            clock: this.deps.clock,
            ...(signal ? { signal } : {}),
            onRetry: ({ attempt, delayMs, error }) => this.deps.log(`${label}: ${(0,errors/* errorMessage */.gJ)(error)} (try ${attempt}); retrying in ${delayMs} ms`),
        }).catch((err) => {
            // A retryable error that outlasted the step: say how long it was retried, so the report is clear.
            if (tries <= 1 || !isRetryableAwsError(err))
                throw err;
            throw Object.assign(new errors/* ActionError */.lZ(`${label} failed: ${(0,errors/* errorMessage */.gJ)(err)} (${tries} tries, until the step's deadline)`), { cause: err });
        });
    }
}

// EXTERNAL MODULE: ./shared/providers/ecs/services.ts
var services = __webpack_require__(5589);
// EXTERNAL MODULE: ./shared/providers/ecs/strategy.ts
var ecs_strategy = __webpack_require__(5672);
// EXTERNAL MODULE: ./shared/run.ts
var run = __webpack_require__(1591);
// EXTERNAL MODULE: ./shared/traffic/settings.ts
var settings = __webpack_require__(4851);
// EXTERNAL MODULE: ./shared/traffic/split.ts
var traffic_split = __webpack_require__(2684);
// EXTERNAL MODULE: ./shared/traffic/types.ts
var types = __webpack_require__(6245);
// EXTERNAL MODULE: ./shared/providers/ecs/deployment.ts
var deployment = __webpack_require__(9146);
// EXTERNAL MODULE: ./shared/providers/ecs/listener.ts
var listener = __webpack_require__(7309);
// EXTERNAL MODULE: ./shared/providers/ecs/poll.ts
var poll = __webpack_require__(1048);
// EXTERNAL MODULE: ./shared/providers/ecs/task-definition.ts
var task_definition = __webpack_require__(5276);
// EXTERNAL MODULE: ./shared/providers/ecs/weights.ts
var weights = __webpack_require__(804);
;// CONCATENATED MODULE: ./shared/providers/ecs/two-services.ts












class TwoServiceProvider {
    target;
    api;
    name = 'ecs';
    resource;
    services;
    listener;
    /** Service name → its target group, learnt from DescribeServices. */
    groupOfService = new Map();
    described = new Map();
    /** The weights version before and after this provider's last write, to tell another writer apart. */
    lastWrite;
    /** Why the one-name form can't run a canary (the service's strategy), for the refusal. */
    oneNameReason;
    constructor(target, api, oneNameReason) {
        this.target = target;
        this.api = api;
        this.resource = (0,settings/* resourceOf */.KU)(target);
        this.services = new services/* EcsServices */.A(api, target.cluster);
        const location = target.listenerRuleArn !== undefined
            ? { listenerRuleArn: target.listenerRuleArn }
            : target.listenerArn !== undefined
                ? { listenerArn: target.listenerArn }
                : undefined;
        this.listener = location ? new listener/* ListenerWeights */.i(api, location) : undefined;
        this.oneNameReason = oneNameReason;
    }
    apiCalls() {
        return this.api.apiCalls();
    }
    // ---- reading --------------------------------------------------------------------------------
    async read() {
        const services = await this.describeServices();
        const taskDefinitions = Object.fromEntries([...services.entries()].map(([name, s]) => [name, s.taskDefinition ?? '']));
        const settled = [...services.values()].every(deployment/* isSettled */.Is);
        if (this.listener === undefined) {
            const [only] = this.target.services;
            const observed = [{ target: only, percent: 100 }];
            return {
                desired: observed,
                observed,
                version: `task:${taskDefinitions[only] ?? ''}`,
                settled,
                taskDefinitions,
            };
        }
        const forward = await this.readForward();
        return {
            desired: forward.split,
            observed: forward.split,
            version: forward.version,
            settled,
            taskDefinitions,
        };
    }
    serviceOfGroup() {
        return new Map([...this.groupOfService.entries()].map(([service, group]) => [group, service]));
    }
    readForward() {
        return this.requireListener().read(this.serviceOfGroup());
    }
    async describeServices() {
        const names = this.target.services;
        const found = await this.services.describe(names);
        for (const [name, service] of found)
            (0,ecs_strategy/* refuseForeignDeployments */.Dh)(name, service, names.length);
        if (this.listener !== undefined) {
            for (const name of names) {
                const groups = (found.get(name)?.loadBalancers ?? []).flatMap((lb) => lb.targetGroupArn ? [lb.targetGroupArn] : []);
                if (groups.length !== 1) {
                    throw new errors/* ActionError */.lZ(`ECS service ${name} is registered with ${groups.length} target groups; blue/green needs exactly one per service`);
                }
                this.groupOfService.set(name, groups[0]);
            }
            if (new Set(this.groupOfService.values()).size !== names.length) {
                throw new errors/* ActionError */.lZ(`ECS services ${names.join(' and ')} share one target group; each needs its own`);
            }
        }
        this.described = found;
        return found;
    }
    requireListener() {
        if (this.listener === undefined)
            throw this.twoServicesError();
        return this.listener;
    }
    twoServicesError() {
        return new errors/* ActionError */.lZ(this.oneNameReason ?? 'a canary needs two services (blue and green) behind a listener or listener rule');
    }
    // ---- the candidate --------------------------------------------------------------------------
    /**
     * Which service gets the candidate: the one already running the requested task definition
     * with a share (a rollout in progress), else the one with the smaller share (the idle one).
     */
    async pickCandidate(request, state) {
        const names = [...this.target.services];
        if (names.length !== 2)
            throw this.twoServicesError();
        const reference = request.taskDefinition ?? request.candidate;
        let requestedArn;
        let spec;
        if (reference !== undefined && (0,task_definition/* isTaskDefinitionFile */.px)(reference)) {
            // Checked at input time already; undefined ARN = not registered yet.
            spec = (0,task_definition/* readTaskDefinitionFile */.BD)(reference, 'task-definition');
            requestedArn = await this.services.registeredRevisionOf(spec);
        }
        else if (reference !== undefined) {
            requestedArn = await this.services.resolveTaskDefinition(reference);
        }
        const share = (service) => state.observed.find((e) => e.target === service)?.percent ?? 0;
        const running = names.find((name) => share(name) > 0 && requestedArn !== undefined && state.taskDefinitions?.[name] === requestedArn);
        const sorted = [...names].sort((a, b) => share(a) - share(b));
        const [lower, higher] = sorted;
        if (running === undefined && share(lower) === share(higher)) {
            throw new errors/* ActionError */.lZ(`both services serve ${share(lower)} %, so neither is idle; name the candidate with "candidate" (the task definition it runs)`);
        }
        const service = running ?? lower;
        if (spec !== undefined)
            return { service, taskDefinitionArn: requestedArn, spec };
        return { service, taskDefinitionArn: requestedArn ?? state.taskDefinitions?.[service] ?? '' };
    }
    async resolveCandidate(request, state) {
        const picked = await this.pickCandidate(request, state);
        const id = picked.taskDefinitionArn ?? `${picked.spec?.family ?? 'task definition'} (new revision from file)`;
        return { target: picked.service, id };
    }
    async prepareCandidate(request, state, options) {
        const deadline = this.api.deadlineFrom(options);
        const picked = await this.pickCandidate(request, state);
        const { service, spec } = picked;
        let taskDefinitionArn = picked.taskDefinitionArn;
        const current = this.described.get(service);
        const share = state.observed.find((e) => e.target === service)?.percent ?? 0;
        const stable = this.target.services.find((name) => name !== service) ?? service;
        let short = (0,deployment/* shortTaskDefinition */.P5)(taskDefinitionArn ?? spec?.family);
        const primary = current ? (0,deployment/* primaryDeployment */.sg)(current) : undefined;
        let deploymentId;
        if (taskDefinitionArn !== undefined &&
            current?.taskDefinition === taskDefinitionArn &&
            (0,deployment/* isSettled */.Is)(current) &&
            (current.runningCount ?? 0) > 0) {
            this.api.deps.log(`${service} already runs ${short} (${current.runningCount} tasks): nothing to deploy`);
        }
        else if (taskDefinitionArn !== undefined &&
            primary?.taskDefinition === taskDefinitionArn &&
            primary.rolloutState === 'IN_PROGRESS' &&
            primary.id) {
            // A re-run after a timeout: the deployment we started is still going; follow it by its id.
            deploymentId = primary.id;
            this.api.deps.log(`${service} is already deploying ${short} (${deploymentId}): waiting for it`);
        }
        else {
            if (share > 0) {
                throw new errors/* ActionError */.lZ(`${service} serves ${share} % with ${(0,deployment/* shortTaskDefinition */.P5)(current?.taskDefinition)}; deploying ${short} to it would change live traffic. Finish or roll back the current rollout first`);
            }
            await this.requireListener().readUnchanged(state.version, this.serviceOfGroup(), 'before deploying the candidate');
            if (taskDefinitionArn === undefined) {
                if (spec === undefined)
                    throw new errors/* ActionError */.lZ('no task definition to deploy');
                (0,run/* throwIfCancelled */.d)(options.signal);
                taskDefinitionArn = await this.services.register(spec, options.signal);
                short = (0,deployment/* shortTaskDefinition */.P5)(taskDefinitionArn);
            }
            const desiredCount = Math.max(1, this.described.get(stable)?.desiredCount ?? 1);
            deploymentId = await this.deploy(service, taskDefinitionArn, options.signal, desiredCount);
            this.api.deps.log(`Deploying ${short} to ${service} at 0 %: deployment ${deploymentId}, ${desiredCount} tasks`);
        }
        if (deploymentId !== undefined)
            await this.services.waitForDeployment(service, deploymentId, deadline, options);
        await this.requireListener().waitForHealthyTargets(service, this.groupOfService.get(service) ?? '', deadline, options);
        const after = await this.read();
        if (after.version !== state.version) {
            throw new types/* ConcurrentWriteError */.D(`the weights changed while the candidate deployed (now ${(0,traffic_split/* formatSplit */.oe)(after.observed)}); another writer is active, so no split was written`);
        }
        return { candidate: { target: service, id: taskDefinitionArn ?? '' }, state: after };
    }
    /** UpdateService to a task definition; the id of the deployment it started (PRIMARY, that task definition). */
    async deploy(service, taskDefinition, signal, desiredCount) {
        (0,run/* throwIfCancelled */.d)(signal);
        const updated = await this.services.update({ service, taskDefinition, ...(desiredCount === undefined ? {} : { desiredCount }) }, signal);
        const started = (0,deployment/* primaryDeployment */.sg)(updated);
        if (!started?.id || started.taskDefinition !== taskDefinition) {
            throw new errors/* ActionError */.lZ(`UpdateService on ${service} did not start a deployment of ${(0,deployment/* shortTaskDefinition */.P5)(taskDefinition)}`);
        }
        return started.id;
    }
    // ---- the split ------------------------------------------------------------------------------
    async setSplit(split, expectedVersion) {
        if (this.listener === undefined) {
            const [only] = this.target.services;
            if ((0,traffic_split/* sameSplit */.xY)(split, [{ target: only, percent: 100 }]))
                return;
            throw this.twoServicesError();
        }
        const listener = this.listener;
        const current = await listener.readUnchanged(expectedVersion, this.serviceOfGroup(), 'before writing the split');
        if ((0,traffic_split/* sameSplit */.xY)(current.split, split))
            return; // already holds: a re-run writes nothing
        // Traffic sent to a service without running tasks is answered 503 by the load balancer.
        const empty = split.filter((e) => e.percent > 0 && (this.described.get(e.target)?.runningCount ?? 0) === 0);
        if (empty.length > 0) {
            throw new errors/* ActionError */.lZ(`refusing to send ${(0,traffic_split/* formatSplit */.oe)(empty)} to a service with no running tasks; scale it up first`);
        }
        const actions = (0,weights/* actionsWithSplit */.Ws)(current.actions, split, this.groupOfService);
        this.lastWrite = {
            before: current.version,
            after: (0,weights/* weightsVersion */.i1)((0,weights/* forwardGroups */.G9)(actions, listener.where())),
        };
        (0,run/* throwIfCancelled */.d)(this.api.deps.signal);
        await listener.write(actions, this.api.deps.signal);
    }
    async waitForObserved(split, options) {
        const deadline = this.api.deadlineFrom(options);
        const where = this.listener?.where() ?? 'the service';
        return (0,poll/* pollUntil */.g)(() => this.read(), (state) => {
            if ((0,traffic_split/* sameSplit */.xY)(state.observed, split))
                return state;
            // Neither what we wrote nor (eventual consistency) what was there before: another writer.
            const write = this.lastWrite;
            if (write && state.version !== write.before && state.version !== write.after) {
                throw new types/* SplitNotObservedError */.k(`another writer changed ${where} right after this step wrote it: it now forwards ${(0,traffic_split/* formatSplit */.oe)(state.observed)}, not ${(0,traffic_split/* formatSplit */.oe)(split)}`, state);
            }
            return undefined;
        }, (state) => new types/* SplitNotObservedError */.k(`${where} forwards ${(0,traffic_split/* formatSplit */.oe)(state.observed)}, not ${(0,traffic_split/* formatSplit */.oe)(split)}: another writer changed it, or the change did not apply`, state), this.api.pollOptions(deadline, options));
    }
    // ---- rollback -------------------------------------------------------------------------------
    async explicitTarget(id, state) {
        const arn = await this.services.resolveTaskDefinition(id);
        const names = [...this.target.services];
        const service = names.length === 1 ? names[0] : names.find((name) => state.taskDefinitions?.[name] === arn);
        if (service === undefined) {
            const running = names
                .map((name) => `${name}: ${(0,deployment/* shortTaskDefinition */.P5)(state.taskDefinitions?.[name])}`)
                .join(', ');
            throw new errors/* ActionError */.lZ(`neither service runs ${(0,deployment/* shortTaskDefinition */.P5)(arn)} (${running}); name the task definition of the service to return all traffic to`);
        }
        return {
            v: 1,
            provider: 'ecs',
            resource: this.resource,
            traffic: names.map((name) => ({ target: name, percent: name === service ? 100 : 0 })),
            taskDefinitions: { [service]: arn },
            capturedAt: new Date(this.api.deps.clock.now()).toISOString(),
        };
    }
    async restoreTaskDefinitions(target, options) {
        const deadline = this.api.deadlineFrom(options);
        // Only services that serve traffic in the target matter; an idle service's revision does not.
        const serving = new Set(target.traffic.filter((e) => e.percent > 0).map((e) => e.target));
        const wanted = Object.entries(target.taskDefinitions ?? {}).filter(([service]) => serving.has(service));
        let deployed = false;
        for (const [service, taskDefinitionArn] of wanted) {
            const current = (await this.describeServices()).get(service);
            if (!current)
                throw new errors/* ActionError */.lZ(`ECS service ${service} not found`);
            const short = (0,deployment/* shortTaskDefinition */.P5)(taskDefinitionArn);
            const primary = (0,deployment/* primaryDeployment */.sg)(current);
            let deploymentId;
            if (current.taskDefinition === taskDefinitionArn && (0,deployment/* isSettled */.Is)(current)) {
                this.api.deps.log(`${service} already runs ${short}`);
                continue;
            }
            if (primary?.taskDefinition === taskDefinitionArn && primary.rolloutState !== 'FAILED' && primary.id) {
                deploymentId = primary.id;
                this.api.deps.log(`${service} is already returning to ${short} (${deploymentId}): waiting for it`);
            }
            else {
                deploymentId = await this.deploy(service, taskDefinitionArn, options.signal);
                deployed = true;
                this.api.deps.log(`Returning ${service} to ${short}: deployment ${deploymentId}`);
            }
            await this.services.waitForDeployment(service, deploymentId, deadline, options);
        }
        return deployed;
    }
}

;// CONCATENATED MODULE: ./shared/providers/ecs/index.ts
/**
 * The ECS traffic provider, in the mode the service calls for: two ROLLING services behind a
 * weighted listener (./two-services.ts), or one service whose ECS-native CANARY, LINEAR or
 * BLUE_GREEN strategy shifts the traffic itself (./native.ts). Both are built on the same parts:
 * the calls (./api.ts), the services (./services.ts), the listener (./listener.ts) and one poll
 * loop (./poll.ts).
 */







const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
async function createEcsTrafficProvider(target, deps) {
    // Checked before the SDK loads: a malformed region would only fail later as an unreachable host.
    if (target.region !== undefined && !AWS_REGION.test(target.region)) {
        throw new errors/* InputError */.dz('region', `"${target.region}" is not an AWS region`, 'eu-west-1');
    }
    const region = (0,clients/* regionFrom */.bz)(target.region, deps.env);
    if (region === undefined) {
        throw new errors/* ActionError */.lZ('no AWS region: give input "region" or set AWS_REGION (aws-actions/configure-aws-credentials does)');
    }
    const hasListener = target.listenerArn !== undefined || target.listenerRuleArn !== undefined;
    const oneName = target.services.length === 1;
    // The SDKs load only now, after the inputs were validated; ELBv2 only when a listener is involved
    // (the one-name form may be ECS-native, whose production listener rule the service names).
    const [ecsSdk, elbSdk] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(212)]).then(__webpack_require__.t.bind(__webpack_require__, 212, 19)),
        hasListener || oneName ? Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(586)]).then(__webpack_require__.t.bind(__webpack_require__, 586, 19)) : Promise.resolve(undefined),
    ]);
    const api = new EcsApi(deps, region, ecsSdk, elbSdk);
    await api.requireCredentials();
    if (!oneName)
        return new TwoServiceProvider(target, api);
    // One name: what the service is decides the mode (read-only, before any write).
    const [name] = target.services;
    const service = (await new services/* EcsServices */.A(api, target.cluster).describe([name])).get(name);
    if (service === undefined)
        throw new errors/* ActionError */.lZ(`ECS service ${name} not found`);
    (0,ecs_strategy/* refuseForeignDeployments */.Dh)(name, service, 1);
    const strategy = (0,ecs_strategy/* nativeStrategyOf */.g6)(service);
    if (strategy === undefined) {
        return new TwoServiceProvider(target, api, (0,ecs_strategy/* rollingOneNameReason */.Hb)(name));
    }
    const { NativeProvider } = await __webpack_require__.e(/* import() */ 634).then(__webpack_require__.bind(__webpack_require__, 3634));
    return NativeProvider.create(target, api, service, strategy);
}
/**
 * The gate's CloudWatch targets of an ECS-native service (source cloudwatch without target groups
 * given): the green and blue target groups of its deployment, and their load balancer.
 */
async function ecsNativeGateTargets(target, deps) {
    return gateTargetsOf(await createEcsTrafficProvider(target, deps), target);
}
/** The gate's targets from a provider already built for `target` (rollout's step), or a refusal. */
function gateTargetsOf(provider, target) {
    if (provider.gateTargets === undefined) {
        throw new errors/* ActionError */.lZ(`ECS service ${target.services.join(', ')} does not use an ECS-native strategy, so its candidate and baseline target groups can't be read from it; give "candidate-target-group" and "baseline-target-group"`);
    }
    return provider.gateTargets();
}


/***/ }),

/***/ 7309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ locationOfArn),
/* harmony export */   i: () => (/* binding */ ListenerWeights)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2635);
/* harmony import */ var _traffic_split__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2684);
/* harmony import */ var _traffic_types__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6245);
/* harmony import */ var _poll__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1048);
/* harmony import */ var _weights__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(804);





/**
 * An ARN ECS gives as `productionListenerRule`: a listener rule (ALB) or a listener (NLB), per the
 * SDK model's AdvancedConfiguration.
 */
function locationOfArn(arn) {
    return arn.includes(':listener-rule/') ? { listenerRuleArn: arn } : { listenerArn: arn };
}
class ListenerWeights {
    api;
    location;
    constructor(api, location) {
        this.api = api;
        this.location = location;
    }
    where() {
        return 'listenerRuleArn' in this.location
            ? `listener rule ${this.location.listenerRuleArn}`
            : `listener ${this.location.listenerArn}`;
    }
    sdk() {
        if (this.api.elb === undefined || this.api.elbSdk === undefined) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('a traffic split needs "listener-arn" or "listener-rule-arn" and two services');
        }
        return { elb: this.api.elb, sdk: this.api.elbSdk };
    }
    /** The forward's weights, as a split over the services (or target groups) `nameOfGroup` names. */
    async read(nameOfGroup) {
        const { elb, sdk } = this.sdk();
        const where = this.where();
        const location = this.location;
        let actions;
        try {
            if ('listenerRuleArn' in location) {
                const out = await this.api.call('ELBv2 DescribeRules', () => elb.send(new sdk.DescribeRulesCommand({ RuleArns: [location.listenerRuleArn] })));
                actions = out.Rules?.[0]?.Actions ?? [];
            }
            else {
                const out = await this.api.call('ELBv2 DescribeListeners', () => elb.send(new sdk.DescribeListenersCommand({ ListenerArns: [location.listenerArn] })));
                actions = out.Listeners?.[0]?.DefaultActions ?? [];
            }
        }
        catch (err) {
            if (err instanceof Error && /^(ListenerNotFound|RuleNotFound)/.test(err.name)) {
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`${where} not found: ${err.message}`);
            }
            throw err;
        }
        const groups = (0,_weights__WEBPACK_IMPORTED_MODULE_3__/* .forwardGroups */ .G9)(actions, where);
        return {
            actions,
            groups,
            version: (0,_weights__WEBPACK_IMPORTED_MODULE_3__/* .weightsVersion */ .i1)(groups),
            split: (0,_weights__WEBPACK_IMPORTED_MODULE_3__/* .splitFromWeights */ .CA)(groups, nameOfGroup, where),
        };
    }
    /** Reads again and refuses (ConcurrentWriteError, nothing written) when the weights changed. */
    async readUnchanged(expectedVersion, nameOfGroup, when) {
        const forward = await this.read(nameOfGroup);
        if (forward.version !== expectedVersion) {
            throw new _traffic_types__WEBPACK_IMPORTED_MODULE_2__/* .ConcurrentWriteError */ .D(`the weights changed since they were read (now ${(0,_traffic_split__WEBPACK_IMPORTED_MODULE_1__/* .formatSplit */ .oe)(forward.split)}) ${when}; another writer is active, so nothing was written`);
        }
        return forward;
    }
    /** Writes the actions (ModifyRule or ModifyListener); no new attempt after a cancel. */
    async write(actions, signal) {
        const { elb, sdk } = this.sdk();
        const location = this.location;
        if ('listenerRuleArn' in location) {
            await this.api.call('ELBv2 ModifyRule', () => elb.send(new sdk.ModifyRuleCommand({ RuleArn: location.listenerRuleArn, Actions: actions })), signal);
        }
        else {
            await this.api.call('ELBv2 ModifyListener', () => elb.send(new sdk.ModifyListenerCommand({ ListenerArn: location.listenerArn, DefaultActions: actions })), signal);
        }
    }
    /** The target group must report a healthy target before it takes any traffic. */
    async waitForHealthyTargets(label, group, deadline, options) {
        const { elb, sdk } = this.sdk();
        const healthy = await (0,_poll__WEBPACK_IMPORTED_MODULE_4__/* .pollUntil */ .g)(async () => {
            const out = await this.api.call('ELBv2 DescribeTargetHealth', () => elb.send(new sdk.DescribeTargetHealthCommand({ TargetGroupArn: group })));
            return (out.TargetHealthDescriptions ?? []).filter((t) => t.TargetHealth?.State === 'healthy').length;
        }, (count) => (count > 0 ? count : undefined), () => new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`${label} has no healthy target in ${group}; it can't take traffic`), this.api.pollOptions(deadline, options));
        this.api.deps.log(`${label}: ${healthy} healthy targets in ${group}`);
    }
    /** The load balancer a target group serves (its CloudWatch dimension comes from it). */
    async loadBalancerOf(targetGroupArn) {
        const { elb, sdk } = this.sdk();
        const out = await this.api.call('ELBv2 DescribeTargetGroups', () => elb.send(new sdk.DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] })));
        const arn = out.TargetGroups?.[0]?.LoadBalancerArns?.[0];
        if (arn === undefined)
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`target group ${targetGroupArn} serves no load balancer`);
        return arn;
    }
}


/***/ }),

/***/ 1048:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ pollUntil)
/* harmony export */ });
/**
 * Calls `read`, then `decide` on what it read: a value ends the poll with it, undefined polls
 * again. `decide` may throw to fail at once. When the deadline comes first, the error `timedOut`
 * builds from the last read is thrown.
 */
async function pollUntil(read, decide, timedOut, options) {
    for (;;) {
        const last = await read();
        const done = decide(last);
        if (done !== undefined)
            return done;
        if (options.clock.now() + options.pollMs > options.deadline)
            throw timedOut(last);
        await options.clock.sleep(options.pollMs, options.signal);
    }
}


/***/ }),

/***/ 5589:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ EcsServices)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2635);
/* harmony import */ var _deployment__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9146);
/* harmony import */ var _poll__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1048);
/* harmony import */ var _task_definition__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5276);




class EcsServices {
    api;
    cluster;
    resolved = new Map();
    constructor(api, cluster) {
        this.api = api;
        this.cluster = cluster;
    }
    /**
     * The named services, keyed by the name as given (a service name or its ARN: what the traffic
     * entries and the rollback token call it). A missing or inactive one fails the step.
     */
    async describe(names) {
        const { ecs, ecsSdk } = this.api;
        const cluster = this.cluster;
        const out = await this.api
            .call('ECS DescribeServices', () => ecs.send(new ecsSdk.DescribeServicesCommand({ cluster, services: [...names] })))
            .catch((err) => {
            if (err instanceof Error && err.name === 'ClusterNotFoundException') {
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`ECS cluster ${cluster} not found in this account and region`);
            }
            throw err;
        });
        const found = new Map();
        for (const name of names) {
            const service = (out.services ?? []).find((s) => (s.serviceName === name || s.serviceArn === name) && s.status !== 'INACTIVE');
            if (service)
                found.set(name, service);
        }
        const missing = names.filter((name) => !found.has(name));
        if (missing.length > 0) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`ECS service ${missing.join(', ')} not found (or inactive) in cluster ${cluster}`);
        }
        return found;
    }
    /** `family`, `family:revision` or an ARN → the full ARN; proves the task definition exists. */
    async resolveTaskDefinition(reference) {
        const cached = this.resolved.get(reference);
        if (cached !== undefined)
            return cached;
        const { ecs, ecsSdk } = this.api;
        const out = await this.api
            .call('ECS DescribeTaskDefinition', () => ecs.send(new ecsSdk.DescribeTaskDefinitionCommand({ taskDefinition: reference })))
            .catch((err) => {
            if (err instanceof Error && err.name === 'ClientException') {
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`task definition ${reference} not found: ${err.message}`);
            }
            throw err;
        });
        const arn = out.taskDefinition?.taskDefinitionArn;
        if (!arn)
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`task definition ${reference}: ECS returned no ARN`);
        this.resolved.set(reference, arn);
        return arn;
    }
    /** The family's latest revision when it already is the spec (a re-run), else undefined. */
    async registeredRevisionOf(spec) {
        const { ecs, ecsSdk } = this.api;
        const latest = await this.api
            .call('ECS DescribeTaskDefinition', () => ecs.send(new ecsSdk.DescribeTaskDefinitionCommand({ taskDefinition: spec.family })))
            .catch((err) => {
            if (err instanceof Error && err.name === 'ClientException')
                return undefined; // a new family
            throw err;
        });
        // Tags are not part of a described revision; everything else the file sets must match.
        const { tags: _tags, ...comparable } = spec;
        const registered = latest?.taskDefinition;
        return registered && (0,_task_definition__WEBPACK_IMPORTED_MODULE_1__/* .matchesRegistered */ .oo)(comparable, registered) ? registered.taskDefinitionArn : undefined;
    }
    /** Registers the spec as a new revision ("too many concurrent attempts" is retried). */
    async register(spec, signal) {
        const { ecs, ecsSdk } = this.api;
        const out = await this.api
            .call('ECS RegisterTaskDefinition', () => ecs.send(
        // The file was checked for family and containers; ECS validates the rest of its shape.
        new ecsSdk.RegisterTaskDefinitionCommand(spec)), signal)
            .catch((err) => {
            if (err instanceof Error && err.name === 'ClientException') {
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`ECS refused to register the task definition ${spec.family}: ${err.message}`);
            }
            throw err;
        });
        const arn = out.taskDefinition?.taskDefinitionArn;
        if (!arn)
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`RegisterTaskDefinition for ${spec.family} returned no ARN`);
        this.api.deps.log(`Registered ${(0,_deployment__WEBPACK_IMPORTED_MODULE_2__/* .shortTaskDefinition */ .P5)(arn)}`);
        return arn;
    }
    /** The one UpdateService call: a new task definition (and, for native strategies, its configuration). */
    async update(update, signal) {
        const { ecs, ecsSdk } = this.api;
        const out = await this.api.call('ECS UpdateService', () => ecs.send(new ecsSdk.UpdateServiceCommand({ cluster: this.cluster, ...update })), signal);
        if (!out.service) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`UpdateService on ${update.service} returned no service`);
        }
        return out.service;
    }
    /** Polls DescribeServices until the deployment with this id COMPLETES; anything else fails the step. */
    async waitForDeployment(service, deploymentId, deadline, options) {
        let last = 'not read yet';
        await (0,_poll__WEBPACK_IMPORTED_MODULE_3__/* .pollUntil */ .g)(async () => (await this.describe([service])).get(service), (described) => {
            const outcome = described ? (0,_deployment__WEBPACK_IMPORTED_MODULE_2__/* .deploymentOutcome */ .mR)(described, deploymentId) : undefined;
            if (outcome?.state === 'completed')
                return true;
            if (outcome?.state === 'failed')
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`${service}: ${outcome.reason}`);
            if (outcome?.state === 'in-progress')
                last = `${outcome.running}/${outcome.desired} tasks running`;
            return undefined;
        }, () => new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`deployment ${deploymentId} of ${service} did not complete in time (${last}); it may still finish, re-run the step to keep waiting for it`), this.api.pollOptions(deadline, options));
        this.api.deps.log(`Deployment ${deploymentId} of ${service} COMPLETED`);
    }
    // ---- service deployments (ECS-native strategies) ---------------------------------------------
    async describeDeployment(arn) {
        const { ecs, ecsSdk } = this.api;
        const out = await this.api.call('ECS DescribeServiceDeployments', () => ecs.send(new ecsSdk.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })));
        const found = out.serviceDeployments?.find((d) => d.serviceDeploymentArn === arn);
        if (found === undefined) {
            const reason = out.failures?.[0]?.reason;
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`service deployment ${arn} not found${reason ? ` (${reason})` : ''}`);
        }
        return found;
    }
    /** Resolves a paused lifecycle hook: CONTINUE to the next stage, or ROLLBACK. */
    async continueDeployment(arn, hookId, action, signal) {
        const { ecs, ecsSdk } = this.api;
        await this.api.call(`ECS ContinueServiceDeployment (${action})`, () => ecs.send(new ecsSdk.ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId, action })), signal);
    }
    /** Stops a deployment that is not paused, returning the service to its previous revision. */
    async stopDeployment(arn, signal) {
        const { ecs, ecsSdk } = this.api;
        await this.api.call('ECS StopServiceDeployment (ROLLBACK)', () => ecs.send(new ecsSdk.StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })), signal);
    }
}


/***/ }),

/***/ 5672:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dh: () => (/* binding */ refuseForeignDeployments),
/* harmony export */   Hb: () => (/* binding */ rollingOneNameReason),
/* harmony export */   M9: () => (/* binding */ planNativeSteps),
/* harmony export */   Sx: () => (/* binding */ permittedSteps),
/* harmony export */   ck: () => (/* binding */ nextNativeShare),
/* harmony export */   dR: () => (/* binding */ STEPS_INPUT),
/* harmony export */   g6: () => (/* binding */ nativeStrategyOf),
/* harmony export */   xl: () => (/* binding */ nativeSequence)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2635);
/**
 * Pure reading of who drives an ECS service's deployments (the SDK model's
 * DeploymentController.type and DeploymentConfiguration.strategy), and which traffic mode of this
 * provider fits it: two ROLLING services behind a weighted listener, or one service whose own
 * CANARY, LINEAR or BLUE_GREEN strategy shifts the traffic (ECS-native mode).
 */

const FOREIGN_CONTROLLERS = new Set(['CODE_DEPLOY', 'EXTERNAL']);
const NATIVE_STRATEGIES = new Set(['BLUE_GREEN', 'LINEAR', 'CANARY']);
/** The service's ECS-native strategy, or undefined for ROLLING (the default). */
function nativeStrategyOf(service) {
    const strategy = service.deploymentConfiguration?.strategy;
    return strategy !== undefined && NATIVE_STRATEGIES.has(strategy) ? strategy : undefined;
}
/**
 * Refuses, before any write, a service whose deployments something else drives: the CODE_DEPLOY
 * and EXTERNAL controllers reject a task-definition update. With two service names (the
 * two-service mode), a native strategy is refused too: ECS would write the listener itself and
 * this action would fight it over the weights.
 */
function refuseForeignDeployments(name, service, namesGiven) {
    const controller = service.deploymentController?.type ?? 'ECS';
    if (FOREIGN_CONTROLLERS.has(controller)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`ECS service ${name} uses the ${controller} deployment controller, so its deployments and traffic are not ours to drive; use a service with the ECS controller: one service with the CANARY or LINEAR strategy, or two ROLLING services behind a weighted listener`);
    }
    const strategy = nativeStrategyOf(service);
    if (strategy !== undefined && namesGiven === 2) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`ECS service ${name} uses the ECS-native ${strategy} deployment strategy: ECS shifts its listener itself, and this action would fight it over the weights. Give that one service alone in "services" (ECS-native mode), or use two ROLLING services behind a weighted listener`);
    }
}
/** Why one ROLLING service can't run a canary: ECS would replace all its tasks at once. */
function rollingOneNameReason(name) {
    return `ECS service ${name} uses the ROLLING deployment strategy, which replaces its tasks without a traffic split, so a canary can't run on it alone. Give two ROLLING services (blue and green) with "listener-arn" or "listener-rule-arn", or set the service's deploymentConfiguration.strategy to CANARY or LINEAR so that ECS shifts its traffic (ECS-native mode)`;
}
/** canary-shift's (and rollout's) input naming the rollout's steps. */
const STEPS_INPUT = 'steps';
/** ECS's defaults when the configuration leaves them out (SDK model: CanaryConfiguration, LinearConfiguration). */
const DEFAULT_CANARY_PERCENT = 5;
const DEFAULT_STEP_PERCENT = 10;
/** LinearConfiguration.stepPercent: "Valid values are multiples of 0.1 from 3.0 to 100.0". */
const MIN_STEP_PERCENT = 3;
/**
 * The candidate's production shares ECS moves through, in order, ending at 100: CANARY
 * canaryPercent then 100; LINEAR stepPercent, 2 × stepPercent, … then 100; BLUE_GREEN 100 at once.
 */
function nativeSequence(strategy, configuration) {
    if (strategy === 'BLUE_GREEN')
        return [100];
    if (strategy === 'CANARY') {
        const canary = configuration.canaryConfiguration?.canaryPercent ?? DEFAULT_CANARY_PERCENT;
        return canary >= 100 ? [100] : [canary, 100];
    }
    const step = configuration.linearConfiguration?.stepPercent ?? DEFAULT_STEP_PERCENT;
    const sequence = [];
    for (let share = step; share < 100; share += step)
        sequence.push(Math.round(share * 10) / 10);
    return [...sequence, 100];
}
/** What a strategy can express, for messages: "CANARY: one step, then 100 (e.g. 10,100)". */
function permittedSteps(strategy) {
    switch (strategy) {
        case 'CANARY':
            return 'CANARY permits one step, then 100 (e.g. 10,100)';
        case 'LINEAR':
            return `LINEAR permits equal steps of ${MIN_STEP_PERCENT} to 100 %, then 100 (e.g. 20,40,60,80,100 or 30,60,90,100)`;
        case 'BLUE_GREEN':
            return 'BLUE_GREEN shifts all production traffic at once, so it permits only 100 (its bake time keeps the old revision for an instant rollback)';
    }
}
/**
 * Maps our `steps` onto the strategy's configuration, or refuses before any write with what the
 * strategy permits. CANARY: one step then 100 → canaryPercent. LINEAR: equal steps → stepPercent.
 * BLUE_GREEN: only 100 (it has no partial production shift for a gate to judge).
 */
function planNativeSteps(strategy, steps) {
    const refuse = (why) => new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(STEPS_INPUT, `${why}; the service's ${permittedSteps(strategy)}`, exampleSteps(strategy));
    const [first] = steps;
    if (first === undefined || steps[steps.length - 1] !== 100)
        throw refuse('must end at 100');
    if (strategy === 'BLUE_GREEN') {
        if (steps.length !== 1)
            throw refuse(`${steps.join(',')} has partial steps`);
        return {};
    }
    if (strategy === 'CANARY') {
        if (steps.length !== 2)
            throw refuse(`${steps.join(',')} has ${steps.length} steps`);
        return { canaryConfiguration: { canaryPercent: first } };
    }
    if (first < MIN_STEP_PERCENT)
        throw refuse(`a linear step of ${first} % is below ECS's minimum of ${MIN_STEP_PERCENT} %`);
    const expected = nativeSequence('LINEAR', { linearConfiguration: { stepPercent: first } });
    if (expected.join(',') !== steps.join(',')) {
        throw refuse(`${steps.join(',')} is not in equal steps of ${first} % (that would be ${expected.join(',')})`);
    }
    return { linearConfiguration: { stepPercent: first } };
}
function exampleSteps(strategy) {
    return strategy === 'CANARY' ? '10,100' : strategy === 'LINEAR' ? '20,40,60,80,100' : '100';
}
/** The share ECS shifts to next from `current`, or undefined when it is at 100 already. */
function nextNativeShare(sequence, current) {
    return sequence.find((share) => share > current);
}


/***/ }),

/***/ 5276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ readTaskDefinitionFile),
/* harmony export */   oo: () => (/* binding */ matchesRegistered),
/* harmony export */   px: () => (/* binding */ isTaskDefinitionFile)
/* harmony export */ });
/* unused harmony export taskDefinitionPath */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2635);
/**
 * A task definition given as a JSON file (the form `aws ecs describe-task-definition` prints and
 * aws-actions/amazon-ecs-render-task-definition writes): read and checked at input time, registered
 * only when the family's latest revision differs, so a re-run registers nothing.
 */



/** Fields ECS adds to a registered revision; RegisterTaskDefinition refuses them. */
const READ_ONLY_FIELDS = [
    'taskDefinitionArn',
    'revision',
    'status',
    'requiresAttributes',
    'compatibilities',
    'registeredAt',
    'registeredBy',
    'deregisteredAt',
];
const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;
const EXAMPLE = 'task-definition.json (with "family" and "containerDefinitions")';
function isTaskDefinitionFile(value) {
    return value.toLowerCase().endsWith('.json');
}
/** The absolute path of a task definition file given relative to the workspace. */
function taskDefinitionPath(value, workspace) {
    return isAbsolute(value) ? value : join(workspace, value);
}
/** Reads and checks a task definition file; errors name the input. */
function readTaskDefinitionFile(path, input) {
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `cannot read the task definition file ${path}`, EXAMPLE);
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `${path} is not JSON`, EXAMPLE);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `${path} is not a JSON object`, EXAMPLE);
    }
    // `describe-task-definition` output nests it under "taskDefinition".
    const record = parsed;
    const body = (typeof record.taskDefinition === 'object' && record.taskDefinition !== null
        ? record.taskDefinition
        : record);
    const spec = Object.fromEntries(Object.entries(body).filter(([key]) => !READ_ONLY_FIELDS.includes(key)));
    if (typeof spec.family !== 'string' || !FAMILY.test(spec.family)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `${path} has no valid "family" (letters, digits, hyphens, underscores)`, EXAMPLE);
    }
    if (!Array.isArray(spec.containerDefinitions) || spec.containerDefinitions.length === 0) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `${path} has no "containerDefinitions"`, EXAMPLE);
    }
    return spec;
}
/**
 * Whether a registered revision already is this spec: every field the file sets has the same
 * value there (ECS fills in defaults the file may leave out, so extra fields don't count).
 */
function matchesRegistered(spec, registered) {
    if (Array.isArray(spec)) {
        return (Array.isArray(registered) &&
            spec.length === registered.length &&
            spec.every((item, i) => matchesRegistered(item, registered[i])));
    }
    if (typeof spec === 'object' && spec !== null) {
        if (typeof registered !== 'object' || registered === null || Array.isArray(registered))
            return false;
        const other = registered;
        return Object.entries(spec).every(([key, value]) => matchesRegistered(value, other[key]));
    }
    return spec === registered;
}


/***/ }),

/***/ 804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ splitFromWeights),
/* harmony export */   G9: () => (/* binding */ forwardGroups),
/* harmony export */   Ws: () => (/* binding */ actionsWithSplit),
/* harmony export */   i1: () => (/* binding */ weightsVersion)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2635);
/**
 * Pure logic of the ECS blue/green split: a listener's (or rule's) weighted forward action read as
 * a traffic split between the two services, a split written back as weights, and the digest that
 * stands in for an etag (ELBv2 has none).
 */


/** The forward action's target groups with their weights (a single target group weighs 1, as ELBv2 says). */
function forwardGroups(actions, where) {
    const forwards = actions.filter((a) => a.Type === 'forward');
    if (forwards.length !== 1) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${where} has ${forwards.length === 0 ? 'no' : 'more than one'} forward action; a blue/green split needs exactly one weighted forward`);
    }
    const forward = forwards[0];
    const tuples = forward.ForwardConfig?.TargetGroups ?? [];
    if (tuples.length > 0) {
        return tuples.map((t) => ({ targetGroupArn: t.TargetGroupArn ?? '', weight: t.Weight ?? 1 }));
    }
    if (forward.TargetGroupArn)
        return [{ targetGroupArn: forward.TargetGroupArn, weight: 1 }];
    throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${where}: its forward action names no target group`);
}
/**
 * Weights as whole percents per service. ELBv2 weights are relative (0–999), so they are scaled to
 * 100 with the largest-remainder method: the shares always sum to exactly 100.
 */
function splitFromWeights(groups, serviceOfGroup, where) {
    const foreign = groups.filter((g) => !serviceOfGroup.has(g.targetGroupArn) && g.weight > 0);
    if (foreign.length > 0) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${where} also forwards to ${foreign.map((g) => g.targetGroupArn).join(', ')}, which neither service is registered with; refusing to manage a split it doesn't own`);
    }
    const ours = [...serviceOfGroup.entries()].map(([targetGroupArn, service]) => ({
        service,
        targetGroupArn,
        weight: groups.find((g) => g.targetGroupArn === targetGroupArn)?.weight,
    }));
    const missing = ours.filter((o) => o.weight === undefined);
    if (missing.length > 0) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${where} does not forward to the target group of ${missing.map((m) => m.service).join(', ')} (${missing.map((m) => m.targetGroupArn).join(', ')}); add it to the forward action with weight 0`);
    }
    const total = ours.reduce((sum, o) => sum + (o.weight ?? 0), 0);
    if (total <= 0)
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${where} forwards with all weights 0: nothing serves traffic`);
    const exact = ours.map((o) => ({ service: o.service, share: ((o.weight ?? 0) * 100) / total }));
    const floors = exact.map((e) => ({ ...e, percent: Math.floor(e.share) }));
    let left = 100 - floors.reduce((sum, f) => sum + f.percent, 0);
    for (const f of [...floors].sort((a, b) => b.share - b.percent - (a.share - a.percent))) {
        if (left-- <= 0)
            break;
        f.percent++;
    }
    return floors.map((f) => ({ target: f.service, percent: f.percent }));
}
/** A stable digest of the forward weights: changes whenever anyone changes the split. */
function weightsVersion(groups) {
    const canonical = [...groups]
        .sort((a, b) => a.targetGroupArn.localeCompare(b.targetGroupArn))
        .map((g) => `${g.targetGroupArn}=${g.weight}`)
        .join(',');
    return `weights:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}
/**
 * The actions to write for a split: the same actions, with only the forward's weights replaced
 * (order, stickiness, other target groups at 0 and other actions kept). The listener describes an
 * OIDC action without its client secret; `UseExistingClientSecret` keeps the stored one.
 */
function actionsWithSplit(actions, split, groupOfService) {
    const weightOf = new Map();
    for (const entry of split) {
        const group = groupOfService.get(entry.target);
        if (group === undefined) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`cannot route to ${entry.target}: it is not one of the two services`);
        }
        weightOf.set(group, (weightOf.get(group) ?? 0) + entry.percent);
    }
    const total = [...weightOf.values()].reduce((sum, w) => sum + w, 0);
    if (total !== 100)
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`a split must sum to 100 %, this one sums to ${total} %`);
    return actions.map((action) => {
        if (action.Type === 'authenticate-oidc' && action.AuthenticateOidcConfig) {
            return {
                ...action,
                AuthenticateOidcConfig: { ...action.AuthenticateOidcConfig, UseExistingClientSecret: true },
            };
        }
        if (action.Type !== 'forward')
            return action;
        const { TargetGroupArn: _single, ...rest } = action;
        const current = forwardGroups([action], 'the forward action');
        const groups = new Set([...current.map((g) => g.targetGroupArn), ...groupOfService.values()]);
        return {
            ...rest,
            ForwardConfig: {
                ...action.ForwardConfig,
                TargetGroups: [...groups].map((arn) => ({ TargetGroupArn: arn, Weight: weightOf.get(arn) ?? 0 })),
            },
        };
    });
}


/***/ }),

/***/ 4851:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KU: () => (/* binding */ resourceOf)
/* harmony export */ });
/* unused harmony exports TARGET_INPUTS, PROVIDERS, rejectOtherProviderInputs, readTrafficTarget, checkCandidate, describeTarget */
/* harmony import */ var _cloud_identities__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(474);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2635);
/**
 * Which service a traffic action acts on, for either provider: the inputs canary-shift and
 * rollback share, parsed and cross-checked in one place so both actions accept the same forms.
 */


/** Input names common to canary-shift and rollback (each action.yml declares them). */
const TARGET_INPUTS = {
    provider: 'provider',
    project: 'project',
    region: 'region',
    service: 'service',
    cluster: 'cluster',
    services: 'services',
    listenerArn: 'listener-arn',
    listenerRuleArn: 'listener-rule-arn',
};
const PROVIDERS = (/* unused pure expression or super */ null && (['cloud-run', 'ecs']));
/** Inputs that belong to one provider only: given with the other, they are a mistake worth stopping on. */
const ONLY_FOR = {
    [TARGET_INPUTS.project]: 'cloud-run',
    [TARGET_INPUTS.service]: 'cloud-run',
    [TARGET_INPUTS.cluster]: 'ecs',
    [TARGET_INPUTS.services]: 'ecs',
    [TARGET_INPUTS.listenerArn]: 'ecs',
    [TARGET_INPUTS.listenerRuleArn]: 'ecs',
};
/** Fails on an input that the other provider takes (`extra` adds action-specific ones). */
function rejectOtherProviderInputs(read, provider, extra = {}) {
    for (const [name, owner] of Object.entries({ ...ONLY_FOR, ...extra })) {
        if (owner !== provider && read.optional(name) !== undefined) {
            throw new InputError(name, `applies to provider "${owner}" only, and provider is "${provider}"`);
        }
    }
}
function readTrafficTarget(read, extra = {}) {
    const provider = read.choice(TARGET_INPUTS.provider, PROVIDERS);
    rejectOtherProviderInputs(read, provider, extra);
    if (provider === 'cloud-run') {
        const project = checkIdentity(GCP_PROJECT, TARGET_INPUTS.project, read.required(TARGET_INPUTS.project, GCP_PROJECT.example));
        const region = checkIdentity(GCP_REGION, TARGET_INPUTS.region, read.required(TARGET_INPUTS.region, GCP_REGION.example));
        const service = checkIdentity(CLOUD_RUN_SERVICE, TARGET_INPUTS.service, read.required(TARGET_INPUTS.service, CLOUD_RUN_SERVICE.example));
        return { provider, project, region, service };
    }
    const cluster = checkIdentity(ECS_CLUSTER, TARGET_INPUTS.cluster, read.required(TARGET_INPUTS.cluster, ECS_CLUSTER.example));
    const services = read.list(TARGET_INPUTS.services);
    for (const name of services)
        checkIdentity(ECS_SERVICE, TARGET_INPUTS.services, name, 'shop-blue,shop-green');
    const rawRegion = read.optional(TARGET_INPUTS.region);
    const region = rawRegion === undefined ? undefined : checkIdentity(AWS_REGION, TARGET_INPUTS.region, rawRegion);
    const [blue, green] = services;
    const listenerGiven = read.optional(TARGET_INPUTS.listenerArn) !== undefined ||
        read.optional(TARGET_INPUTS.listenerRuleArn) !== undefined;
    if (services.length === 1 && blue !== undefined && !listenerGiven) {
        // One service: ECS-native (its own strategy shifts traffic; the provider reads which), or,
        // for rollback, a service without a load balancer returned to a task definition.
        return { provider, cluster, services: [blue], ...(region === undefined ? {} : { region }) };
    }
    if (services.length !== 2 || blue === undefined || green === undefined || blue === green) {
        throw new InputError(TARGET_INPUTS.services, `needs two different service names (blue and green) with a listener, or one ECS-native service without one, got ${services.length === 0 ? 'none' : services.join(', ')}`, 'shop-blue,shop-green');
    }
    const listenerArn = read.optional(TARGET_INPUTS.listenerArn);
    const listenerRuleArn = read.optional(TARGET_INPUTS.listenerRuleArn);
    if ((listenerArn === undefined) === (listenerRuleArn === undefined)) {
        throw new InputError(listenerArn === undefined ? TARGET_INPUTS.listenerRuleArn : TARGET_INPUTS.listenerArn, 'give exactly one of "listener-rule-arn" and "listener-arn"', 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee');
    }
    if (listenerArn !== undefined)
        checkIdentity(ELB_LISTENER, TARGET_INPUTS.listenerArn, listenerArn);
    if (listenerRuleArn !== undefined) {
        checkIdentity(ELB_LISTENER_RULE, TARGET_INPUTS.listenerRuleArn, listenerRuleArn);
    }
    return {
        provider,
        cluster,
        services: [blue, green],
        ...(listenerArn === undefined ? {} : { listenerArn }),
        ...(listenerRuleArn === undefined ? {} : { listenerRuleArn }),
        ...(region === undefined ? {} : { region }),
    };
}
/**
 * A candidate named by input (canary-shift's and rollout's `candidate`): a revision of the service
 * (Cloud Run), or a task definition (ECS).
 */
function checkCandidate(target, input, value) {
    if (target.provider === 'ecs')
        return checkIdentity(ECS_TASK_DEFINITION, input, value);
    if (!value.startsWith(`${target.service}-`)) {
        throw new InputError(input, `"${value}" is not a revision of service ${target.service} (its name starts with "${target.service}-")`, `${target.service}-00042-abc`);
    }
    return value;
}
/** The identity stored in a rollback target, so a token can't be applied to another resource. */
function resourceOf(target) {
    if (target.provider === 'cloud-run') {
        return { project: target.project, region: target.region, service: target.service };
    }
    return {
        cluster: target.cluster,
        services: target.services.join(','),
        ...(target.listenerRuleArn === undefined ? {} : { listenerRuleArn: target.listenerRuleArn }),
        ...(target.listenerArn === undefined ? {} : { listenerArn: target.listenerArn }),
    };
}
/** "shop in my-project/europe-west1" or "shop-blue/shop-green on prod", for logs. */
function describeTarget(target) {
    return target.provider === 'cloud-run'
        ? `Cloud Run service ${target.service} (${target.project}/${target.region})`
        : `ECS services ${target.services.join('/')} on cluster ${target.cluster}`;
}


/***/ })

};
;