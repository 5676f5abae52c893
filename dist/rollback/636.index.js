"use strict";
exports.id = 636;
exports.ids = [636];
exports.modules = {

/***/ 2636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createCloudRunTrafficProvider: () => (/* binding */ createCloudRunTrafficProvider)
});

// EXTERNAL MODULE: ./shared/errors.ts
var errors = __webpack_require__(2635);
// EXTERNAL MODULE: ./shared/retry.ts
var retry = __webpack_require__(2372);
// EXTERNAL MODULE: ./shared/run.ts
var run = __webpack_require__(1591);
// EXTERNAL MODULE: ./shared/traffic/split.ts
var traffic_split = __webpack_require__(2684);
// EXTERNAL MODULE: ./shared/providers/types.ts
var types = __webpack_require__(4850);
// EXTERNAL MODULE: ./shared/user-agent.ts + 1 modules
var user_agent = __webpack_require__(434);
;// CONCATENATED MODULE: ./shared/providers/cloud-run/client.ts


/**
 * TEST ONLY: points the clients at a local emulator (http://127.0.0.1:PORT) with a no-op auth
 * client. Never set this in a workflow: requests would carry no credentials.
 */
const ENDPOINT_OVERRIDE_ENV = 'ROLLOUT_ACTIONS_CLOUD_RUN_ENDPOINT';
/** Per-request deadline; the retry layer above bounds the whole call. */
const CALL_TIMEOUT_MS = 30_000;
/** The SDK's retry settings, made explicit: none, with a fixed per-call timeout. */
function noSdkRetries(serviceName, methods) {
    return {
        interfaces: {
            [serviceName]: {
                retry_codes: { none: [] },
                retry_params: {
                    none: {
                        initial_retry_delay_millis: 100,
                        retry_delay_multiplier: 1,
                        max_retry_delay_millis: 100,
                        initial_rpc_timeout_millis: CALL_TIMEOUT_MS,
                        rpc_timeout_multiplier: 1,
                        max_rpc_timeout_millis: CALL_TIMEOUT_MS,
                        total_timeout_millis: CALL_TIMEOUT_MS,
                    },
                },
                methods: Object.fromEntries(methods.map((m) => [
                    m,
                    { timeout_millis: CALL_TIMEOUT_MS, retry_codes_name: 'none', retry_params_name: 'none' },
                ])),
            },
        },
    };
}
async function productionAuth() {
    // Application Default Credentials, as google-github-actions/auth leaves them.
    const { GoogleAuth } = await __webpack_require__.e(/* import() */ 492).then(__webpack_require__.t.bind(__webpack_require__, 492, 23));
    const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
    try {
        return (await auth.getClient());
    }
    catch (err) {
        throw new errors/* ActionError */.lZ(`no Google credentials found (${(0,errors/* errorMessage */.gJ)(err)}): run google-github-actions/auth before this step`);
    }
}
function emulatorAuth() {
    return {
        getRequestHeaders: async () => new Headers(),
        fetch: (url, init) => fetch(url, init),
    };
}
async function createCloudRunClients(deps) {
    const override = deps.env[ENDPOINT_OVERRIDE_ENV];
    let endpoint;
    if (override) {
        endpoint = new URL(override);
        if (endpoint.hostname !== '127.0.0.1' && endpoint.hostname !== 'localhost') {
            throw new errors/* InputError */.dz(ENDPOINT_OVERRIDE_ENV, 'is for local emulators only', 'http://127.0.0.1:8085');
        }
    }
    // The client modules themselves, not the package index: that would also load every other client.
    const [{ ServicesClient: Services }, { RevisionsClient: Revisions }, inner] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(836), __webpack_require__.e(974)]).then(__webpack_require__.bind(__webpack_require__, 7974)),
        Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(836), __webpack_require__.e(813)]).then(__webpack_require__.bind(__webpack_require__, 7194)),
        // Credentials are resolved once, here, and shared by both clients.
        endpoint ? Promise.resolve(emulatorAuth()) : productionAuth(),
    ]);
    let requests = 0;
    const authClient = {
        getRequestHeaders: (url) => inner.getRequestHeaders(url),
        fetch(url, init) {
            requests++;
            const headers = new Headers(init?.headers);
            headers.set('user-agent', deps.userAgent);
            return inner.fetch(url, { ...init, headers });
        },
        ...(inner.universeDomain ? { universeDomain: inner.universeDomain } : {}),
    };
    // The REST transport calls only fetch() and getRequestHeaders() on the auth client; the SDK's
    // type asks for a full google-auth-library client, hence the casts below.
    const options = {
        fallback: true,
        authClient,
        ...user_agent/* GOOGLE_CLIENT_LIBRARY */.Yp,
        ...(endpoint
            ? {
                protocol: endpoint.protocol.slice(0, -1),
                apiEndpoint: endpoint.hostname,
                port: Number(endpoint.port),
            }
            : {}),
    };
    const services = new Services({
        ...options,
        clientConfig: noSdkRetries('google.cloud.run.v2.Services', ['GetService', 'UpdateService']),
    });
    let revisions;
    return {
        services,
        revisions() {
            revisions ??= new Revisions({
                ...options,
                clientConfig: noSdkRetries('google.cloud.run.v2.Revisions', ['GetRevision', 'ListRevisions']),
            });
            return revisions;
        },
        requests: () => requests,
        async close() {
            await Promise.all([services.close(), revisions?.close()]);
        },
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./shared/providers/cloud-run/state.ts
/**
 * Pure translations between Cloud Run Admin API v2 resources and the provider-neutral serving
 * state: LATEST entries resolved to the revision they mean, generations as the write version,
 * tags kept when a split is written.
 */

const LATEST = 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST';
const REVISION = 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION';
const FAILED = 'CONDITION_FAILED';
const SUCCEEDED = 'CONDITION_SUCCEEDED';
/** The short name of a resource path (projects/…/revisions/shop-00001-abc → shop-00001-abc). */
function shortName(path) {
    return (path ?? '').split('/').pop() ?? '';
}
const isType = (value, name, number) => value === name || value === number;
function entries(targets, latestReady) {
    return targets.map((t) => {
        const target = isType(t.type, LATEST, 1) ? t.revision || latestReady : (t.revision ?? '');
        return { target, percent: t.percent ?? 0, ...(t.tag ? { tag: t.tag } : {}) };
    });
}
/** Reconciling, or not yet caught up with the latest write. */
function isSettled(service) {
    return (!service.reconciling && String(service.observedGeneration ?? '') === String(service.generation ?? ''));
}
/** A failed reconcile of the current generation: the platform kept serving the previous split. */
function failureOf(service) {
    const condition = service.terminalCondition;
    const current = String(service.observedGeneration ?? '') === String(service.generation ?? '');
    if (!service.reconciling && current && isType(condition?.state, FAILED, 3)) {
        return condition?.message || 'the service failed to reconcile';
    }
    return undefined;
}
function toServingState(service) {
    const latestReady = shortName(service.latestReadyRevision);
    const urls = {};
    for (const status of service.trafficStatuses ?? [])
        if (status.tag && status.uri)
            urls[status.tag] = status.uri;
    const failure = failureOf(service);
    return {
        desired: entries(service.traffic ?? [], latestReady),
        observed: entries(service.trafficStatuses ?? [], latestReady),
        version: String(service.generation ?? ''),
        settled: isSettled(service),
        urls,
        ...(failure === undefined ? {} : { failure }),
    };
}
function isRevisionReady(revision) {
    return (revision.conditions ?? []).some((c) => c.type === 'Ready' && isType(c.state, SUCCEEDED, 4));
}
function revisionFailure(revision) {
    const ready = (revision.conditions ?? []).find((c) => c.type === 'Ready');
    return ready && isType(ready.state, FAILED, 3)
        ? ready.message || 'the revision failed to become ready'
        : undefined;
}
function imageOf(template) {
    return template?.containers?.[0]?.image ?? '';
}
/**
 * The default revision suffix for an image: its tag (cleaned) and a digest of the whole reference,
 * so a re-run with the same image names the same revision and a different image never collides.
 */
function defaultRevisionSuffix(image) {
    const hash = (0,external_node_crypto_.createHash)('sha256').update(image).digest('hex').slice(0, 8);
    const tail = image.split('/').pop() ?? '';
    const tag = (tail.includes('@') ? '' : (tail.split(':')[1] ?? ''))
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 20)
        .replace(/-+$/, '');
    return tag === '' ? hash : `${tag}-${hash}`;
}
/**
 * The `traffic` to write for a split: every entry pinned to a revision (a LATEST entry would move
 * traffic on the next deploy), and the tags in use kept on their revisions at 0 % unless the split
 * gives the tag to another revision.
 */
function trafficFor(split, current, usable = () => true) {
    const splitTags = new Set(split.flatMap((e) => (e.tag ? [e.tag] : [])));
    const keptTags = new Map(); // revision → tag
    const zeroTagged = [];
    for (const entry of current.desired) {
        if (!entry.tag || splitTags.has(entry.tag) || !entry.target || !usable(entry.target))
            continue;
        const inSplit = split.find((e) => e.target === entry.target && !e.tag && !keptTags.has(e.target));
        if (inSplit)
            keptTags.set(entry.target, entry.tag);
        else
            zeroTagged.push({ type: REVISION, revision: entry.target, percent: 0, tag: entry.tag });
        splitTags.add(entry.tag);
    }
    const written = split.map((e) => {
        const tag = e.tag ?? keptTags.get(e.target);
        return { type: REVISION, revision: e.target, percent: e.percent, ...(tag ? { tag } : {}) };
    });
    return [...written, ...zeroTagged];
}

;// CONCATENATED MODULE: ./shared/providers/cloud-run/index.ts
/**
 * TrafficProvider for Cloud Run (Admin API v2 through @google-cloud/run). Every write is a whole
 * service PATCH checked twice against what was read: the generation is compared just before the
 * write, and the etag sent with it makes the API refuse a write that lost a race.
 */







// google.rpc.Code numbers as google-gax reports them.
const NOT_FOUND = 5;
const ABORTED = 10;
const codeOf = (err) => {
    const code = err?.code;
    return typeof code === 'number' ? code : undefined;
};
/** A call's own words without the gRPC prefix ("10 ABORTED: …"). */
const apiMessage = (err) => (0,errors/* errorMessage */.gJ)(err).replace(/^\d+ [A-Z_]+: /, '');
async function createCloudRunTrafficProvider(target, deps) {
    const clients = await createCloudRunClients(deps);
    return new CloudRunTrafficProvider(target, deps, clients);
}
class CloudRunTrafficProvider {
    target;
    deps;
    clients;
    name = 'cloud-run';
    resource;
    serviceName;
    /** The service as last read, for the fields a PATCH must carry and the newest ready revision. */
    last;
    /** The operation of our last write, polled before the service is. */
    pendingOperation;
    constructor(target, deps, clients) {
        this.target = target;
        this.deps = deps;
        this.clients = clients;
        this.resource = { project: target.project, region: target.region, service: target.service };
        this.serviceName = `projects/${target.project}/locations/${target.region}/services/${target.service}`;
    }
    apiCalls() {
        return this.clients.requests();
    }
    /**
     * One API call, retried on throttling and server faults within a bounded budget. Only writes stop
     * retrying on cancellation: a read after SIGTERM is what reports the state reached.
     */
    call(what, fn, options = {}) {
        const isRetryable = options.isRetryable ?? retry/* isRetryableError */.$d;
        return (0,retry/* retry */.L5)(fn, {
            maxAttempts: 6,
            baseDelayMs: 250,
            maxDelayMs: 4000,
            deadlineMs: 60_000,
            // ABORTED is a lost race on a write, answered by reading again, never by writing again.
            isRetryable: (err) => codeOf(err) !== ABORTED && isRetryable(err),
            clock: this.deps.clock,
            ...(options.write ? { signal: this.deps.signal } : {}),
            onRetry: ({ attempt, delayMs, error }) => this.deps.log(`  ${what}: try ${attempt} failed (${apiMessage(error)}); retrying in ${delayMs} ms`),
        }).catch((err) => {
            if (err instanceof errors/* CancelledError */.cc || err instanceof errors/* ActionError */.lZ)
                throw err;
            if (codeOf(err) === NOT_FOUND && what === 'read service') {
                throw new errors/* ActionError */.lZ(`Cloud Run service ${this.target.service} not found in project ${this.target.project}, region ${this.target.region}`);
            }
            throw Object.assign(new errors/* ActionError */.lZ(`Cloud Run ${what} failed: ${apiMessage(err)}`), { cause: err });
        });
    }
    async readService() {
        const [service] = await this.call('read service', () => this.clients.services.getService({ name: this.serviceName }));
        this.last = service;
        return service;
    }
    async read() {
        return toServingState(await this.readService());
    }
    async readRevision(name) {
        try {
            const [revision] = await this.call('read revision', () => this.clients.revisions().getRevision({ name: `${this.serviceName}/revisions/${name}` }), { isRetryable: (err) => codeOf(err) !== NOT_FOUND && (0,retry/* isRetryableError */.$d)(err) });
            return revision;
        }
        catch (err) {
            if (codeOf(err.cause) === NOT_FOUND)
                return undefined;
            throw err;
        }
    }
    latestReady() {
        return shortName(this.last?.latestReadyRevision);
    }
    async resolveCandidate(request) {
        const name = this.candidateName(request);
        return { target: name, id: name };
    }
    candidateName(request) {
        if (request.image !== undefined) {
            return `${this.target.service}-${request.revisionSuffix ?? defaultRevisionSuffix(request.image)}`;
        }
        if (request.candidate !== undefined)
            return request.candidate;
        const latest = this.latestReady();
        if (latest === '')
            throw new errors/* ActionError */.lZ(`service ${this.target.service} has no ready revision to use as the candidate`);
        return latest;
    }
    async prepareCandidate(request, state, options) {
        const name = this.candidateName(request);
        const existing = await this.readRevision(name);
        if (existing !== undefined) {
            const failure = revisionFailure(existing);
            if (failure !== undefined)
                throw new errors/* ActionError */.lZ(`candidate revision ${name} cannot serve: ${failure}`);
            if (request.image !== undefined && imageOf(existing) !== request.image) {
                throw new errors/* ActionError */.lZ(`revision ${name} already exists with image ${imageOf(existing)}, not ${request.image}: choose another "revision-suffix"`);
            }
            if (!isRevisionReady(existing))
                this.deps.log(`Revision ${name} exists and is not ready yet`);
        }
        else if (request.image === undefined) {
            throw new errors/* ActionError */.lZ(`candidate revision ${name} not found in service ${this.target.service}`);
        }
        const tagged = request.tag === undefined || state.desired.some((e) => e.target === name && e.tag === request.tag);
        let current = state;
        if (existing === undefined && request.image !== undefined) {
            this.deps.log(`Deploying ${request.image} as revision ${name} at 0 % with tag ${request.tag ?? '(none)'}`);
            await this.write(state.version, (service, fresh) => ({
                template: {
                    ...service.template,
                    revision: name,
                    containers: withImage(service, request.image ?? ''),
                },
                traffic: trafficFor([
                    ...pinned(fresh.desired, request.tag),
                    { target: name, percent: 0, ...(request.tag ? { tag: request.tag } : {}) },
                ], fresh),
            }));
            current = await this.waitUntil(options, `revision ${name} to become ready`, (s) => {
                const ready = shortName(this.last?.latestReadyRevision) === name;
                return ready && s.settled && s.desired.some((e) => e.target === name);
            });
        }
        else if (!tagged) {
            this.deps.log(`Tagging revision ${name} as ${request.tag} at 0 %`);
            const tag = request.tag;
            await this.write(state.version, (_service, fresh) => {
                const keep = pinned(fresh.desired, tag);
                const withTag = keep.some((e) => e.target === name && !e.tag)
                    ? keep.map((e) => (e.target === name && !e.tag ? { ...e, tag } : e))
                    : [...keep, { target: name, percent: 0, tag }];
                return { traffic: trafficFor(withTag, fresh) };
            });
            current = await this.waitUntil(options, `tag ${request.tag} to serve`, (s) => Boolean(request.tag && s.urls?.[request.tag] && s.settled));
        }
        else if (!state.settled) {
            current = await this.waitUntil(options, 'the service to settle', (s) => s.settled);
        }
        const url = request.tag ? current.urls?.[request.tag] : undefined;
        return {
            candidate: {
                target: name,
                id: name,
                ...(request.tag ? { tag: request.tag } : {}),
                ...(url ? { url } : {}),
            },
            state: current,
        };
    }
    async setSplit(split, expectedVersion) {
        await this.write(expectedVersion, (_service, state) => ({ traffic: trafficFor(split, state) }));
    }
    /**
     * PATCHes the service with `change` applied to a fresh read, if its generation is still
     * `expectedVersion`. A throttled or failed try is retried: the etag makes a second application
     * impossible, and a write refused as stale after a retry is checked against what we meant to write.
     */
    async write(expectedVersion, change) {
        const service = await this.readService();
        if (String(service.generation) !== expectedVersion) {
            throw new types/* ConcurrentWriteError */.D(`service ${this.target.service} changed since it was read (generation ${expectedVersion} → ${service.generation}): nothing was written`);
        }
        (0,run/* throwIfCancelled */.d)(this.deps.signal);
        const body = { ...service, ...change(service, toServingState(service)) };
        let tries = 0;
        try {
            const [operation] = await this.call('update service', () => {
                tries++;
                return this.clients.services.updateService({ service: body });
            }, { write: true });
            this.pendingOperation = operation.name ?? undefined;
        }
        catch (err) {
            if (codeOf(err.cause) !== ABORTED)
                throw err;
            if (tries > 1) {
                // An earlier try may have been applied before its answer was lost.
                const now = await this.readService();
                const meant = toServingState(body).desired;
                if ((0,traffic_split/* sameSplit */.xY)(toServingState(now).desired, meant) && imageOf(now.template) === imageOf(body.template))
                    return;
            }
            throw new types/* ConcurrentWriteError */.D(`service ${this.target.service} was changed by another writer during the update: nothing was written (${apiMessage(err)})`);
        }
    }
    async waitForObserved(split, options) {
        return this.waitUntil(options, `the split ${(0,traffic_split/* formatSplit */.oe)(split)} to be served`, (s) => s.settled && (0,traffic_split/* sameSplit */.xY)(s.observed, split));
    }
    /**
     * Polls our pending operation until done, then the service until `done(state)`. Fails at once on
     * a failed reconcile, and on timeout with the last state read.
     */
    async waitUntil(options, what, done) {
        const started = this.deps.clock.now();
        const remaining = () => options.timeoutMs - (this.deps.clock.now() - started);
        let state;
        for (;;) {
            if (options.signal.aborted)
                throw new errors/* CancelledError */.cc(`cancelled while waiting for ${what}`);
            if (this.pendingOperation !== undefined) {
                const name = this.pendingOperation;
                const operation = await this.call('poll operation', () => this.clients.services.checkUpdateServiceProgress(name));
                if (operation.done)
                    this.pendingOperation = undefined;
                if (operation.done && operation.error) {
                    state = await this.read();
                    throw new types/* SplitNotObservedError */.k(`Cloud Run could not apply the change: ${apiMessage(operation.error)}; serving ${(0,traffic_split/* formatSplit */.oe)(state.observed)}`, state);
                }
            }
            if (this.pendingOperation === undefined) {
                state = await this.read();
                if (done(state))
                    return state;
                if (state.failure !== undefined) {
                    throw new types/* SplitNotObservedError */.k(`Cloud Run did not apply the change: ${state.failure}; serving ${(0,traffic_split/* formatSplit */.oe)(state.observed)}`, state);
                }
            }
            if (remaining() <= 0) {
                state = state ?? (await this.read());
                throw new types/* SplitNotObservedError */.k(`timed out waiting for ${what}; the platform serves ${(0,traffic_split/* formatSplit */.oe)(state.observed)}${state.settled ? '' : ' and is still reconciling'} (asked for ${(0,traffic_split/* formatSplit */.oe)(state.desired)})`, state);
            }
            await this.deps.clock.sleep(Math.min(options.pollMs, Math.max(0, remaining())), options.signal);
        }
    }
    async explicitTarget(id) {
        const revision = await this.readRevision(id);
        if (revision === undefined)
            throw new errors/* ActionError */.lZ(`revision ${id} not found in service ${this.target.service}`);
        if (!isRevisionReady(revision)) {
            throw new errors/* ActionError */.lZ(`revision ${id} is not ready (${revisionFailure(revision) ?? 'still starting'}), so it can't take traffic`);
        }
        return {
            v: 1,
            provider: 'cloud-run',
            resource: this.resource,
            traffic: [{ target: id, percent: 100 }],
            capturedAt: new Date(this.deps.clock.now()).toISOString(),
        };
    }
}
/**
 * The desired split with LATEST resolved, `movingTag` taken off whichever revision had it (a tag
 * names one revision), and 0 % entries kept only for their tags.
 */
function pinned(desired, movingTag) {
    return desired
        .filter((e) => e.target !== '')
        .map(({ tag, ...rest }) => (tag === undefined || tag === movingTag ? rest : { ...rest, tag }))
        .filter((e) => e.percent > 0 || e.tag !== undefined);
}
function withImage(service, image) {
    const [first, ...rest] = service.template?.containers ?? [];
    return [{ ...first, image }, ...rest];
}


/***/ }),

/***/ 2372:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ isRetryableError),
/* harmony export */   L5: () => (/* binding */ retry)
/* harmony export */ });
/* unused harmony exports backoffDelayMs, httpStatusOf */
/* harmony import */ var _clock__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7128);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2635);


/** Full jitter (AWS architecture blog): a uniform delay between 0 and the exponential ceiling. */
function backoffDelayMs(attempt, options, random = Math.random) {
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(random() * ceiling);
}
/** Runs fn until it succeeds, a non-retryable error is thrown, tries run out or the deadline passes. */
async function retry(fn, options) {
    const clock = options.clock ?? _clock__WEBPACK_IMPORTED_MODULE_0__/* .systemClock */ .m;
    const random = options.random ?? Math.random;
    const isRetryable = options.isRetryable ?? isRetryableError;
    const started = clock.now();
    for (let attempt = 1;; attempt++) {
        if (options.signal?.aborted)
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .CancelledError */ .cc();
        try {
            return await fn(attempt);
        }
        catch (error) {
            if (error instanceof _errors__WEBPACK_IMPORTED_MODULE_1__/* .CancelledError */ .cc || options.signal?.aborted)
                throw error;
            if (attempt >= options.maxAttempts || !isRetryable(error))
                throw error;
            const remaining = options.deadlineMs - (clock.now() - started);
            const delayMs = backoffDelayMs(attempt, options, random);
            if (delayMs >= remaining)
                throw error;
            options.onRetry?.({ attempt, delayMs, error });
            await clock.sleep(delayMs, options.signal);
        }
    }
}
const RETRYABLE_HTTP = new Set([408, 425, 429, 500, 502, 503, 504]);
// gRPC / google-gax status codes: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE.
const RETRYABLE_GOOGLE_CODES = new Set([4, 8, 10, 13, 14]);
const RETRYABLE_GOOGLE_STATUS = new Set([
    'DEADLINE_EXCEEDED',
    'RESOURCE_EXHAUSTED',
    'ABORTED',
    'INTERNAL',
    'UNAVAILABLE',
]);
const RETRYABLE_AWS_NAMES = new Set([
    'ThrottlingException',
    'Throttling',
    'ThrottledException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'RequestThrottled',
    'RequestThrottledException',
    'ProvisionedThroughputExceededException',
    'SlowDown',
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'InternalFailure',
    'InternalError',
    'ServerException',
    'RequestTimeout',
    'RequestTimeoutException',
]);
const RETRYABLE_NETWORK_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
]);
/** An HTTP status carried by an error from Google, AWS, Slack or a plain fetch, if any. */
function httpStatusOf(err) {
    if (typeof err !== 'object' || err === null)
        return undefined;
    const e = err;
    const metadata = e.$metadata;
    const response = e.response;
    for (const candidate of [metadata?.httpStatusCode, e.statusCode, e.status, response?.status]) {
        if (typeof candidate === 'number')
            return candidate;
    }
    // google-gax REST errors carry the HTTP status in `code` when it is not a gRPC code.
    if (typeof e.code === 'number' && e.code >= 100)
        return e.code;
    return undefined;
}
/**
 * Whether an error is worth trying again: throttling, server-side faults, timeouts and
 * connection resets, as the Google, AWS and HTTP clients report them.
 */
function isRetryableError(err) {
    if (typeof err !== 'object' || err === null)
        return false;
    const e = err;
    if (e.name === 'AbortError' && !(e.cause instanceof _errors__WEBPACK_IMPORTED_MODULE_1__/* .CancelledError */ .cc))
        return true; // per-request timeout
    if (e.name === 'TimeoutError')
        return true;
    const aws = e.$retryable;
    if (aws)
        return true;
    if (typeof e.name === 'string' && RETRYABLE_AWS_NAMES.has(e.name))
        return true;
    if (typeof e.code === 'number' && e.code < 100 && RETRYABLE_GOOGLE_CODES.has(e.code))
        return true;
    if (typeof e.status === 'string' && RETRYABLE_GOOGLE_STATUS.has(e.status))
        return true;
    if (typeof e.code === 'string' && RETRYABLE_NETWORK_CODES.has(e.code))
        return true;
    const status = httpStatusOf(err);
    if (status !== undefined)
        return RETRYABLE_HTTP.has(status);
    if (e.cause !== undefined && e.cause !== err)
        return isRetryableError(e.cause);
    return /socket hang up|network|ECONNRESET|fetch failed/i.test((0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err));
}


/***/ })

};
;