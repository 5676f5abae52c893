"use strict";
exports.id = 634;
exports.ids = [634];
exports.modules = {

/***/ 23634:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  NativeProvider: () => (/* binding */ NativeProvider)
});

// UNUSED EXPORTS: stepBakeMinutes, whoWaits

// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(32635);
// EXTERNAL MODULE: ./shared/run.ts
var run = __webpack_require__(91591);
// EXTERNAL MODULE: ./shared/traffic/settings.ts
var settings = __webpack_require__(74851);
// EXTERNAL MODULE: ./shared/traffic/split.ts
var traffic_split = __webpack_require__(62684);
// EXTERNAL MODULE: ./shared/traffic/types.ts
var types = __webpack_require__(76245);
// EXTERNAL MODULE: ./shared/providers/ecs/deployment.ts
var deployment = __webpack_require__(29146);
// EXTERNAL MODULE: ./shared/providers/ecs/listener.ts
var listener = __webpack_require__(67309);
;// CONCATENATED MODULE: ./shared/providers/ecs/native-state.ts
/** A deployment in one of these states will not move again (ServiceDeploymentStatus). */
const FINISHED = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);
/** ECS is returning the service to the source revision. */
const RETURNING = new Set(['STOP_REQUESTED', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS']);
const isFinished = (d) => d !== undefined && FINISHED.has(d.status ?? '');
const isReturning = (d) => d !== undefined && RETURNING.has(d.status ?? '');
/** Ended by a rollback or a stop: the service is back on (or returning to) its source revision. */
const endedBack = (d) => d !== undefined && (d.status === 'ROLLBACK_SUCCESSFUL' || d.status === 'STOPPED');
/** The stage our hook pauses at: "before every traffic shift step" for CANARY and LINEAR (DeploymentLifecycleHook doc). */
const PAUSE_STAGE = 'PRE_PRODUCTION_TRAFFIC_SHIFT';
/**
 * The hook to resolve when the deployment waits at PRE_PRODUCTION_TRAFFIC_SHIFT: a PAUSE hook
 * AWAITING_ACTION. A PAUSE hook awaiting at another stage is the user's own, and never ours to resolve.
 */
function pausedHook(d) {
    if (d === undefined || isFinished(d) || isReturning(d) || d.lifecycleStage !== PAUSE_STAGE)
        return undefined;
    return d.lifecycleHookDetails?.find((h) => h.targetType === 'PAUSE' && h.status === 'AWAITING_ACTION')
        ?.hookId;
}
/** A PAUSE hook awaiting at any stage: which stage the deployment waits at, for logs. */
function awaitingElsewhere(d) {
    if (d === undefined || d.lifecycleStage === PAUSE_STAGE)
        return undefined;
    const waiting = d.lifecycleHookDetails?.some((h) => h.status === 'AWAITING_ACTION');
    return waiting ? d.lifecycleStage : undefined;
}
/**
 * Which target group is green (the candidate's). During a deployment, the one whose share is the
 * target revision's requestedProductionTrafficWeight (unambiguous unless 50/50); else, before any
 * shift, the one at 0 %; else the alternate one, which the ECS guide names the green revision's
 * ("An alternate target group for the green service revision", alb-resources-for-blue-green).
 * Without a deployment, green is the idle one (the next deployment's).
 */
function greenGroup(split, groups, deployment) {
    const share = (group) => split.find((e) => e.target === group)?.percent ?? 0;
    const { primary, alternate } = groups;
    const requested = deployment?.targetServiceRevision?.requestedProductionTrafficWeight;
    if (deployment !== undefined && !isFinished(deployment)) {
        if (requested !== undefined && Math.round(requested) !== 50) {
            const match = [primary, alternate].filter((g) => share(g) === Math.round(requested));
            if (match.length === 1)
                return match[0];
        }
        if (share(primary) === 100)
            return alternate;
        if (share(alternate) === 100)
            return primary;
        return alternate;
    }
    return share(alternate) <= share(primary) ? alternate : primary;
}
/**
 * The hooks to deploy with: the user's own, plus a PAUSE hook at PRE_PRODUCTION_TRAFFIC_SHIFT unless
 * one is there already (ours from an earlier deployment: the configuration stays on the service,
 * or the user's). A forgotten pause rolls back when it times out (timeout action ROLLBACK).
 */
function withPauseHook(hooks, timeoutInMinutes) {
    const kept = [...(hooks ?? [])];
    const present = kept.some((h) => h.targetType === 'PAUSE' && (h.lifecycleStages ?? []).includes(PAUSE_STAGE));
    if (present)
        return { hooks: kept, added: false };
    const ours = {
        targetType: 'PAUSE',
        lifecycleStages: [PAUSE_STAGE],
        timeoutConfiguration: { timeoutInMinutes, action: 'ROLLBACK' },
    };
    return { hooks: [...kept, ours], added: true };
}

// EXTERNAL MODULE: ./shared/providers/ecs/poll.ts
var poll = __webpack_require__(21048);
// EXTERNAL MODULE: ./shared/providers/ecs/services.ts
var services = __webpack_require__(25589);
// EXTERNAL MODULE: ./shared/providers/ecs/strategy.ts
var strategy = __webpack_require__(5672);
// EXTERNAL MODULE: ./shared/providers/ecs/task-definition.ts
var task_definition = __webpack_require__(15276);
;// CONCATENATED MODULE: ./shared/providers/ecs/native.ts












/**
 * Our PAUSE hook's timeout: longer than a gate's bake, short enough that a pipeline that died
 * mid-rollout does not leave a canary serving for a day (ECS's default is 1440 minutes). Its
 * timeout action is ROLLBACK, ECS's default too.
 */
const HOOK_TIMEOUT_MINUTES = 60;
/** How often setSplit polls for the next pause when no wait options told it (a later step). */
const DEFAULT_POLL_MS = 5000;
/** ECS's bake at each traffic step, in minutes (SDK model defaults: canary 10, linear 6); none for BLUE_GREEN. */
function stepBakeMinutes(strategy, configuration) {
    return strategy === 'CANARY'
        ? (configuration.canaryConfiguration?.canaryBakeTimeInMinutes ?? 10)
        : strategy === 'LINEAR'
            ? (configuration.linearConfiguration?.stepBakeTimeInMinutes ?? 6)
            : undefined;
}
/** ECS's bake times and where they fall relative to our gate. */
function whoWaits(strategy, configuration) {
    const bake = stepBakeMinutes(strategy, configuration);
    const final = configuration.bakeTimeInMinutes;
    const step = bake === undefined
        ? 'ECS shifts all production traffic at once'
        : `ECS bakes ${bake} min at each ${strategy === 'CANARY' ? 'canary' : 'linear'} step before it pauses at our hook: the shift (canary-shift, or rollout's step) waited for that bake, then our gate judged the same share`;
    return `${step}; after 100 % ECS keeps the old revision ${final ?? 0} min (bakeTimeInMinutes) before cleaning up. Set ECS's step bake to 0 to let the gate be the only wait`;
}
/**
 * The task definition of the stable (blue) revision: DescribeServices lists it as the ACTIVE
 * deployment while a native deployment runs, and as the PRIMARY one while ECS rolls back to it
 * (the Deployment model's PRIMARY / ACTIVE); without a deployment, the service's own.
 */
function stableTaskDefinitionOf(service, running) {
    if (running === undefined)
        return service.taskDefinition;
    const status = isReturning(running) ? 'PRIMARY' : 'ACTIVE';
    return service.deployments?.find((d) => d.status === status)?.taskDefinition;
}
class NativeProvider {
    api;
    strategy;
    groups;
    name = 'ecs';
    resource;
    services;
    listener;
    serviceName;
    /** The deployment this provider started or follows, by its ARN. */
    tracked;
    /** Blue and green of the tracked deployment, fixed once seen while it runs. */
    roles;
    pollMs = DEFAULT_POLL_MS;
    /** ECS's step bake, from the configuration the last setSplit read: it runs inside our waits for that step. */
    continuedBakeMs = 0;
    constructor(target, api, strategy, groups, productionListenerRule) {
        this.api = api;
        this.strategy = strategy;
        this.groups = groups;
        this.resource = (0,settings/* resourceOf */.KU)(target);
        this.serviceName = target.services[0];
        this.services = new services/* EcsServices */.A(api, target.cluster);
        this.listener = new listener/* ListenerWeights */.i(api, (0,listener/* locationOfArn */.K)(productionListenerRule));
    }
    /** The native mode for a described service, or a refusal saying what its load balancer lacks. */
    static create(target, api, service, strategy) {
        const name = target.services[0];
        const balanced = (service.loadBalancers ?? []).filter((lb) => lb.advancedConfiguration !== undefined);
        const lb = balanced[0];
        const primary = lb?.targetGroupArn;
        const alternate = lb?.advancedConfiguration?.alternateTargetGroupArn;
        const rule = lb?.advancedConfiguration?.productionListenerRule;
        if (balanced.length !== 1 || !primary || !alternate || !rule) {
            throw new errors/* ActionError */.lZ(`ECS service ${name} uses the ${strategy} strategy but ${balanced.length > 1 ? 'has more than one load balancer with an advancedConfiguration' : 'has no load balancer with targetGroupArn, advancedConfiguration.alternateTargetGroupArn and productionListenerRule'}; the ECS-native mode reads its traffic from exactly one`);
        }
        if (api.elb === undefined)
            throw new errors/* ActionError */.lZ('the ECS-native mode needs the ELBv2 client');
        return new NativeProvider(target, api, strategy, { primary, alternate }, rule);
    }
    apiCalls() {
        return this.api.apiCalls();
    }
    // ---- reading --------------------------------------------------------------------------------
    async read() {
        return (await this.view()).state;
    }
    async view() {
        const name = this.serviceName;
        const service = (await this.services.describe([name])).get(name);
        (0,strategy/* refuseForeignDeployments */.Dh)(name, service, 1);
        if ((0,strategy/* nativeStrategyOf */.g6)(service) === undefined) {
            throw new errors/* ActionError */.lZ(`ECS service ${name} no longer uses an ECS-native strategy (someone set it to ROLLING); nothing of this rollout can continue on it`);
        }
        // The deployment this provider follows, else the service's current one (Service.currentServiceDeployment).
        const current = service.currentServiceDeployment;
        const followed = this.tracked ?? current;
        let deployment = followed === undefined ? undefined : await this.services.describeDeployment(followed);
        if (this.tracked !== undefined &&
            current !== undefined &&
            current !== this.tracked &&
            isFinished(deployment)) {
            // Ours ended and a newer one runs: another writer; it is what the service does now.
            deployment = await this.services.describeDeployment(current);
        }
        const nameOfGroup = new Map([
            [this.groups.primary, this.groups.primary],
            [this.groups.alternate, this.groups.alternate],
        ]);
        const forward = await this.listener.read(nameOfGroup);
        const arn = deployment?.serviceDeploymentArn;
        if (arn !== undefined && this.roles?.deploymentArn !== arn && !isFinished(deployment)) {
            const green = greenGroup(forward.split, this.groups, deployment);
            const blue = green === this.groups.primary ? this.groups.alternate : this.groups.primary;
            this.roles = { deploymentArn: arn, blue, green };
        }
        const roles = this.roles !== undefined && this.roles.deploymentArn === arn
            ? this.roles
            : (() => {
                const green = greenGroup(forward.split, this.groups, undefined);
                return {
                    blue: green === this.groups.primary ? this.groups.alternate : this.groups.primary,
                    green,
                };
            })();
        const greenShare = forward.split.find((e) => e.target === roles.green)?.percent ?? 0;
        const running = deployment !== undefined && !isFinished(deployment);
        // What the platform was asked to serve: ECS decides while it drives a deployment (no split of
        // ours to compare with), the source revision when it returns to it, the weights otherwise.
        const desired = !running
            ? forward.split
            : isReturning(deployment)
                ? [{ target: roles.blue, percent: 100 }]
                : [];
        const stableTaskDefinition = stableTaskDefinitionOf(service, running ? deployment : undefined);
        return {
            service,
            deployment,
            forward,
            blue: roles.blue,
            green: roles.green,
            greenShare,
            state: {
                desired,
                observed: forward.split,
                version: `${forward.version}|${running ? arn : 'none'}`,
                settled: !running,
                // Always present, so that a rollback target carries it and rollback asks ECS to roll back.
                taskDefinitions: stableTaskDefinition === undefined ? {} : { [name]: stableTaskDefinition },
            },
        };
    }
    sequence(view) {
        return (0,strategy/* nativeSequence */.xl)(this.strategy, this.configuration(view));
    }
    configuration(view) {
        return view.deployment?.deploymentConfiguration ?? view.service.deploymentConfiguration ?? {};
    }
    /**
     * ECS's own bake at a step runs inside our waits: it is added to them, so a shift's `timeout`
     * is the time it may take beyond the bake the service is configured with (a 10-minute canary
     * bake never times out a 10-minute step).
     */
    stepBakeMs(view) {
        return (stepBakeMinutes(this.strategy, this.configuration(view)) ?? 0) * 60_000;
    }
    describeDeployment(view) {
        const d = view.deployment;
        if (d === undefined)
            return 'no deployment';
        return `deployment ${d.serviceDeploymentArn} ${d.status}${d.lifecycleStage ? ` at ${d.lifecycleStage}` : ''}${d.statusReason ? ` (${d.statusReason})` : ''}`;
    }
    /**
     * What the gate compares: green (candidate) and blue (baseline) target groups of the deployment
     * in progress, their load balancer, and who waits for what (ECS's bake time vs our gate).
     */
    async gateTargets() {
        const view = await this.view();
        const loadBalancer = await this.listener.loadBalancerOf(view.green);
        return {
            candidate: view.green,
            baseline: view.blue,
            loadBalancer,
            waits: whoWaits(this.strategy, this.configuration(view)),
        };
    }
    // ---- the candidate --------------------------------------------------------------------------
    async resolveCandidate(request, _state) {
        const view = await this.view();
        const running = view.deployment !== undefined && !isFinished(view.deployment);
        if (running) {
            if (isReturning(view.deployment)) {
                throw new errors/* ActionError */.lZ(`${this.describeDeployment(view)}: ECS is rolling it back, so there is no candidate to shift to`);
            }
            if (request.steps !== undefined)
                this.checkStepsOfRunning(view, request.steps);
            const deploys = view.service.taskDefinition;
            const asked = request.taskDefinition ?? request.candidate;
            if (asked !== undefined && !(0,task_definition/* isTaskDefinitionFile */.px)(asked)) {
                const arn = await this.services.resolveTaskDefinition(asked);
                if (arn !== deploys) {
                    throw new errors/* ActionError */.lZ(`${this.serviceName} is deploying ${(0,deployment/* shortTaskDefinition */.P5)(deploys)} (${view.deployment?.serviceDeploymentArn}), not ${(0,deployment/* shortTaskDefinition */.P5)(arn)}: finish or roll back that deployment first`);
                }
            }
            return { target: view.green, id: deploys ?? '' };
        }
        // A new deployment: its steps are checked now, before the rollback target and any write.
        if (request.steps !== undefined)
            (0,strategy/* planNativeSteps */.M9)(this.strategy, request.steps);
        // Only "task-definition" starts a deployment: "candidate" names the one a later step follows,
        // and a later step must not quietly start again what ECS rolled back.
        const reference = request.taskDefinition;
        if (reference === undefined) {
            throw new errors/* ActionError */.lZ(`no deployment is in progress on ${this.serviceName} (${this.describeDeployment(view)}), so there is nothing to shift; give "task-definition" to start one (canary-shift at percent 0)`);
        }
        if ((0,task_definition/* isTaskDefinitionFile */.px)(reference)) {
            const spec = (0,task_definition/* readTaskDefinitionFile */.BD)(reference, 'task-definition');
            const registered = await this.services.registeredRevisionOf(spec);
            return { target: view.green, id: registered ?? `${spec.family} (new revision from file)` };
        }
        return { target: view.green, id: await this.services.resolveTaskDefinition(reference) };
    }
    /**
     * A deployment in progress moves the candidate through its own shares, one pause each: the
     * rollout's steps must be exactly those (checked before any write), or a later step could not
     * be reached.
     */
    checkStepsOfRunning(view, steps) {
        (0,strategy/* planNativeSteps */.M9)(this.strategy, steps);
        const sequence = this.sequence(view);
        if (sequence.join(',') !== steps.join(',')) {
            throw new errors/* InputError */.dz(strategy/* STEPS_INPUT */.dR, `${steps.join(',')} are not the steps of the ${this.strategy} deployment in progress on ${this.serviceName} (${view.deployment?.serviceDeploymentArn}), which moves the candidate through ${sequence.join(', ')} %; give those, or roll it back and deploy again with your steps`, sequence.join(','));
        }
    }
    async prepareCandidate(request, state, options) {
        const deadline = this.api.deadlineFrom(options);
        this.pollMs = options.pollMs;
        const before = await this.view();
        if (before.deployment !== undefined && !isFinished(before.deployment)) {
            // A later step, or a re-run: follow the deployment already going.
            this.tracked = before.deployment.serviceDeploymentArn;
            this.api.deps.log(`Following ${this.describeDeployment(before)}`);
        }
        else {
            await this.startDeployment(request, state, before, options.signal);
        }
        const paused = await this.waitForPause(deadline, options);
        if (paused.greenShare !== 0 && this.tracked === before.deployment?.serviceDeploymentArn) {
            this.api.deps.log(`The candidate serves ${paused.greenShare} % already (an earlier step)`);
        }
        const id = paused.service.taskDefinition ?? '';
        return { candidate: { target: paused.green, id }, state: paused.state };
    }
    /** UpdateService with the task definition, the strategy's steps and our PAUSE hook; tracks the deployment it starts. */
    async startDeployment(request, state, before, signal) {
        const steps = request.steps === undefined ? {} : (0,strategy/* planNativeSteps */.M9)(this.strategy, request.steps);
        if (before.state.version !== state.version) {
            throw new types/* ConcurrentWriteError */.D(`the service changed since it was read (now ${(0,traffic_split/* formatSplit */.oe)(before.state.observed)}, ${this.describeDeployment(before)}); another writer is active, so nothing was written`);
        }
        const reference = request.taskDefinition;
        if (reference === undefined)
            throw new errors/* ActionError */.lZ('no task definition to deploy');
        let taskDefinition;
        if ((0,task_definition/* isTaskDefinitionFile */.px)(reference)) {
            const spec = (0,task_definition/* readTaskDefinitionFile */.BD)(reference, 'task-definition');
            (0,run/* throwIfCancelled */.d)(signal);
            taskDefinition =
                (await this.services.registeredRevisionOf(spec)) ?? (await this.services.register(spec, signal));
        }
        else {
            taskDefinition = await this.services.resolveTaskDefinition(reference);
        }
        const short = (0,deployment/* shortTaskDefinition */.P5)(taskDefinition);
        if (before.service.taskDefinition === taskDefinition) {
            throw new errors/* ActionError */.lZ(`${this.serviceName} already runs ${short}: there is no candidate to deploy`);
        }
        const current = before.service.deploymentConfiguration ?? {};
        const { hooks, added } = withPauseHook(current.lifecycleHooks, HOOK_TIMEOUT_MINUTES);
        const deploymentConfiguration = {
            ...current,
            ...(steps.canaryConfiguration
                ? { canaryConfiguration: { ...current.canaryConfiguration, ...steps.canaryConfiguration } }
                : {}),
            ...(steps.linearConfiguration
                ? { linearConfiguration: { ...current.linearConfiguration, ...steps.linearConfiguration } }
                : {}),
            lifecycleHooks: hooks,
        };
        (0,run/* throwIfCancelled */.d)(signal);
        const updated = await this.services.update({ service: this.serviceName, taskDefinition, deploymentConfiguration }, signal);
        // The answer names the service deployment it started (Service.currentServiceDeployment).
        const started = updated.currentServiceDeployment;
        if (started === undefined || started === before.service.currentServiceDeployment) {
            throw new errors/* ActionError */.lZ(`UpdateService on ${this.serviceName} started no service deployment of ${short}`);
        }
        this.tracked = started;
        const sequence = (0,strategy/* nativeSequence */.xl)(this.strategy, deploymentConfiguration);
        this.api.deps.log(`Deploying ${short} to ${this.serviceName} (${this.strategy}: ${sequence.join(' → ')} %): ${this.tracked}; ${added ? `our PAUSE hook at PRE_PRODUCTION_TRAFFIC_SHIFT added (times out after ${HOOK_TIMEOUT_MINUTES} min: ROLLBACK)` : 'the PAUSE hook at PRE_PRODUCTION_TRAFFIC_SHIFT already on the service is used'}`);
    }
    /** Waits until the tracked deployment pauses at PRE_PRODUCTION_TRAFFIC_SHIFT (or ends, which fails). */
    /**
     * While ECS shifts and bakes, polls the tracked deployment alone (one DescribeServiceDeployments
     * a poll instead of three calls) until `moved` holds or the deadline nears; the full read (the
     * service and the listener's weights, the proof) follows it.
     */
    async followDeployment(moved, deadline, options) {
        const arn = this.tracked;
        if (arn === undefined)
            return;
        const nearDeadline = new Error('near the deadline');
        await (0,poll/* pollUntil */.g)(() => this.services.describeDeployment(arn), (d) => (moved(d) ? true : undefined), () => nearDeadline, this.api.pollOptions(deadline, options)).catch((err) => {
            if (err !== nearDeadline)
                throw err;
        });
    }
    async waitForPause(deadline, options) {
        await this.followDeployment((d) => pausedHook(d) !== undefined || isFinished(d) || isReturning(d), deadline, options);
        let elsewhere;
        return (0,poll/* pollUntil */.g)(() => this.view(), (view) => {
            if (pausedHook(view.deployment) !== undefined)
                return view;
            this.failIfEnded(view);
            const stage = awaitingElsewhere(view.deployment);
            if (stage !== undefined && stage !== elsewhere) {
                this.api.deps.log(`The deployment waits at ${stage} for a hook that is not ours; waiting for it`);
            }
            elsewhere = stage;
            return undefined;
        }, (view) => new types/* SplitNotObservedError */.k(`${this.describeDeployment(view)} did not pause before its next production shift in time`, view.state), this.api.pollOptions(deadline, options));
    }
    /** A deployment that ended or returns to its source while we wait for it to move forward. */
    failIfEnded(view) {
        const d = view.deployment;
        if (d === undefined) {
            throw new types/* SplitNotObservedError */.k(`no deployment is in progress on ${this.serviceName}`, view.state);
        }
        if (isReturning(d) || (isFinished(d) && d.status !== 'SUCCESSFUL')) {
            throw new types/* SplitNotObservedError */.k(`ECS ended ${this.describeDeployment(view)}: the service serves ${(0,traffic_split/* formatSplit */.oe)(view.state.observed)}. A PAUSE hook that times out takes its timeout action (ROLLBACK unless configured), and an alarm or the circuit breaker rolls back too`, view.state);
        }
    }
    // ---- the split ------------------------------------------------------------------------------
    async setSplit(split, expectedVersion) {
        const view = await this.view();
        if (view.state.version !== expectedVersion) {
            throw new types/* ConcurrentWriteError */.D(`the service changed since it was read (now ${(0,traffic_split/* formatSplit */.oe)(view.state.observed)}, ${this.describeDeployment(view)}); another writer is active, so nothing was written`);
        }
        const want = split.find((e) => e.target === view.green)?.percent ?? 0;
        const running = view.deployment !== undefined && !isFinished(view.deployment);
        if (want === 0) {
            // Back to the stable revision: nothing to do at 0 % (ECS's rollback, if asked for, is
            // restoreTaskDefinitions); from a share, it is ECS's rollback.
            if (view.greenShare > 0 && running)
                await this.rollBack(view);
            return;
        }
        if (!running) {
            if ((0,traffic_split/* sameSplit */.xY)(view.state.observed, split))
                return;
            throw new errors/* ActionError */.lZ(`no deployment is in progress on ${this.serviceName} (it serves ${(0,traffic_split/* formatSplit */.oe)(view.state.observed)}), so ECS has no shift to make; start one with "task-definition" at percent 0`);
        }
        if (view.greenShare === want && pausedHook(view.deployment) !== undefined)
            return; // a re-run
        const sequence = this.sequence(view);
        const next = (0,strategy/* nextNativeShare */.ck)(sequence, view.greenShare);
        if (want !== next) {
            throw new errors/* ActionError */.lZ(`ECS's ${this.strategy} deployment of ${this.serviceName} moves the candidate from ${view.greenShare} % to ${next ?? 100} % next (its steps: ${sequence.join(', ')}); ${want} % is not a share it can reach now. ${(0,strategy/* permittedSteps */.Sx)(this.strategy)}`);
        }
        // ECS pauses again once its own bake time at the current share is over.
        this.continuedBakeMs = this.stepBakeMs(view);
        const started = this.api.deps.clock.now();
        const deadline = this.api.deadlineFrom({
            timeoutMs: (this.api.deps.deadlineAt ?? started + 10 * 60_000) - started + this.continuedBakeMs,
            pollMs: this.pollMs,
            signal: this.api.deps.signal,
        });
        const paused = await this.waitForPause(deadline, {
            timeoutMs: deadline - started,
            pollMs: this.pollMs,
            signal: this.api.deps.signal,
        });
        const waited = this.api.deps.clock.now() - started;
        if (waited > 0)
            this.api.deps.log(`Waited ${(waited / 1000).toFixed(1)} s for ECS to end its bake time and pause`);
        const hook = pausedHook(paused.deployment);
        (0,run/* throwIfCancelled */.d)(this.api.deps.signal);
        this.api.deps.log(`Continuing ${paused.deployment?.serviceDeploymentArn} (hook ${hook}): ECS shifts to ${want} %`);
        await this.services.continueDeployment(paused.deployment?.serviceDeploymentArn, hook, 'CONTINUE', this.api.deps.signal);
    }
    /** ECS's own rollback: the paused hook's ROLLBACK, else StopServiceDeployment(ROLLBACK). */
    async rollBack(view) {
        const arn = view.deployment?.serviceDeploymentArn;
        this.tracked = arn;
        if (isReturning(view.deployment))
            return;
        const hook = pausedHook(view.deployment);
        (0,run/* throwIfCancelled */.d)(this.api.deps.signal);
        if (hook !== undefined) {
            this.api.deps.log(`Rolling back ${arn} at its paused hook ${hook}`);
            await this.services.continueDeployment(arn, hook, 'ROLLBACK', this.api.deps.signal);
        }
        else {
            this.api.deps.log(`Stopping ${arn} with ROLLBACK (${this.describeDeployment(view)})`);
            await this.services.stopDeployment(arn, this.api.deps.signal);
        }
    }
    async waitForObserved(split, options) {
        // Up a step: ECS shifts, bakes, then pauses again (at 100 %, finishes); follow it cheaply first.
        const green = this.roles?.green;
        const up = green === undefined ? 0 : (split.find((e) => e.target === green)?.percent ?? 0);
        // ECS's bake at the new share (read by the setSplit that started this step) runs inside this wait.
        const bakeMs = up > 0 ? this.continuedBakeMs : 0;
        const deadline = this.api.deadlineFrom({ ...options, timeoutMs: options.timeoutMs + bakeMs });
        this.pollMs = options.pollMs;
        const started = this.api.deps.clock.now();
        if (up > 0) {
            await this.followDeployment((d) => isFinished(d) || isReturning(d) || (up < 100 && pausedHook(d) !== undefined), deadline, options);
        }
        const observed = await (0,poll/* pollUntil */.g)(() => this.view(), (view) => {
            const want = split.find((e) => e.target === view.green)?.percent ?? 0;
            const d = view.deployment;
            const running = d !== undefined && !isFinished(d);
            if (want === 0) {
                // The stable revision at 100 %: ECS serves it before the first shift, and after a rollback.
                if (d?.status === 'ROLLBACK_FAILED') {
                    throw new types/* SplitNotObservedError */.k(`${this.describeDeployment(view)}: ECS could not roll back`, view.state);
                }
                const still = running && !isReturning(d) && pausedHook(d) !== undefined;
                return (0,traffic_split/* sameSplit */.xY)(view.state.observed, split) && (!running || still) ? view.state : undefined;
            }
            this.failIfEnded(view);
            if (!(0,traffic_split/* sameSplit */.xY)(view.state.observed, split))
                return undefined;
            if (want === 100)
                return d?.status === 'SUCCESSFUL' ? view.state : undefined;
            return pausedHook(d) !== undefined ? view.state : undefined;
        }, (view) => new types/* SplitNotObservedError */.k(`${this.listener.where()} forwards ${(0,traffic_split/* formatSplit */.oe)(view.state.observed)}, not ${(0,traffic_split/* formatSplit */.oe)(split)}, and ${this.describeDeployment(view)}`, view.state), this.api.pollOptions(deadline, options));
        // Who waited for what: ECS's shift and its bake at this share ran inside this wait.
        const waited = ((this.api.deps.clock.now() - started) / 1000).toFixed(1);
        this.api.deps.log(`ECS serves ${(0,traffic_split/* formatSplit */.oe)(observed.observed)} after ${waited} s: its shift, and its own bake time at this share, ran in this wait`);
        return observed;
    }
    // ---- rollback -------------------------------------------------------------------------------
    async explicitTarget(id, _state) {
        const arn = await this.services.resolveTaskDefinition(id);
        const view = await this.view();
        const stable = view.state.taskDefinitions?.[this.serviceName];
        if (stable !== arn) {
            throw new errors/* ActionError */.lZ(`${this.serviceName} can only return to the revision its deployment started from (${(0,deployment/* shortTaskDefinition */.P5)(stable)}), not ${(0,deployment/* shortTaskDefinition */.P5)(arn)}: ECS's rollback returns to the source revision. Give that task definition, or the rollback-target token`);
        }
        return {
            v: 1,
            provider: 'ecs',
            resource: this.resource,
            traffic: [{ target: view.blue, percent: 100 }],
            taskDefinitions: { [this.serviceName]: arn },
            capturedAt: new Date(this.api.deps.clock.now()).toISOString(),
        };
    }
    /**
     * Returns the service to the revision it ran before the deployment: ECS's rollback of the
     * deployment in progress, awaited until it ends (ROLLBACK_SUCCESSFUL, or STOPPED) with the blue
     * target group at 100 %. A deployment that already finished can't be rolled back by ECS.
     */
    async restoreTaskDefinitions(target, options) {
        const deadline = this.api.deadlineFrom(options);
        const recorded = target.taskDefinitions?.[this.serviceName];
        const view = await this.view();
        const running = view.deployment !== undefined && !isFinished(view.deployment);
        if (!running) {
            // Nothing in progress: ECS ended the deployment itself (a rollback, or a success).
            if ((0,traffic_split/* sameSplit */.xY)(view.state.observed, target.traffic))
                return false;
            throw new errors/* ActionError */.lZ(`${this.serviceName} serves ${(0,traffic_split/* formatSplit */.oe)(view.state.observed)} and no deployment is in progress (${this.describeDeployment(view)}): ECS rolls back only a deployment in progress. Deploy ${recorded === undefined ? 'the previous task definition' : (0,deployment/* shortTaskDefinition */.P5)(recorded)} again with canary-shift's "task-definition"`);
        }
        const rolling = !isReturning(view.deployment);
        if (rolling)
            await this.rollBack(view);
        else
            this.tracked = view.deployment?.serviceDeploymentArn;
        await this.followDeployment((d) => isFinished(d), deadline, options);
        await (0,poll/* pollUntil */.g)(() => this.view(), (v) => {
            if (v.deployment?.status === 'ROLLBACK_FAILED') {
                throw new errors/* ActionError */.lZ(`${this.describeDeployment(v)}: ECS could not roll back`);
            }
            return endedBack(v.deployment) && v.greenShare === 0 ? true : undefined;
        }, (v) => new types/* SplitNotObservedError */.k(`the rollback did not end in time: ${this.describeDeployment(v)}`, v.state), this.api.pollOptions(deadline, options));
        this.api.deps.log(`ECS rolled ${this.serviceName} back: ${this.describeDeployment(await this.view())}`);
        return rolling;
    }
}


/***/ })

};
;