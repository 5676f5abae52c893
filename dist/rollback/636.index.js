"use strict";
exports.id = 636;
exports.ids = [636];
exports.modules = {

/***/ 2252:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VR: () => (/* binding */ requireGoogleCredentials),
/* harmony export */   Wp: () => (/* binding */ missingGoogleCredentials),
/* harmony export */   he: () => (/* binding */ requireAwsCredentials)
/* harmony export */ });
/* unused harmony exports GOOGLE_AUTH_STEP, AWS_AUTH_STEP, AWS_CREDENTIALS_TIMEOUT_MS, missingAwsCredentials */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2635);
/**
 * The one up-front check that cloud credentials exist, for every Google and AWS client builder.
 * Without it a missing credential surfaces only at the first API call, deep inside an SDK, after
 * a metadata-server probe, or as minutes of "retryable" errors (error-rate-gate ran 259–300 s and
 * then died with a stack trace). With it, every action says the same thing within a second, before
 * any API call: which credentials are missing and which step provides them.
 */



const GOOGLE_AUTH_STEP = 'run google-github-actions/auth before this step';
const AWS_AUTH_STEP = 'run aws-actions/configure-aws-credentials before this step';
/** How long the AWS default chain may take to answer before we call it empty. */
const AWS_CREDENTIALS_TIMEOUT_MS = 1000;
function missingGoogleCredentials(why) {
    return new _errors__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`no Google credentials found (${why}): ${GOOGLE_AUTH_STEP}`);
}
function missingAwsCredentials(why) {
    return new _errors__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`no AWS credentials found (${why}): ${AWS_AUTH_STEP}`);
}
const isReadableFile = (path) => {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.accessSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.R_OK);
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isFile();
    }
    catch {
        return false;
    }
};
/** gcloud's application default credentials file, where google-auth-library looks for it. */
function wellKnownFile(env) {
    const configDir = env.CLOUDSDK_CONFIG ||
        (process.platform === 'win32'
            ? env.APPDATA && (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(env.APPDATA, 'gcloud')
            : env.HOME && (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(env.HOME, '.config', 'gcloud'));
    return configDir ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(configDir, 'application_default_credentials.json') : undefined;
}
/**
 * Application Default Credentials, in google-auth-library's order: GOOGLE_APPLICATION_CREDENTIALS
 * (what google-github-actions/auth sets), gcloud's well-known file, then the metadata server of a
 * Google Cloud machine. The last is decided without the network: the library's own BIOS-based
 * residency check (METADATA_SERVER_DETECTION=bios-only), because a probe of a metadata server that
 * isn't there takes 140 ms at best and until a 3 s timeout where the network drops the packets.
 * Settings that tell the library where a metadata server is (GCE_METADATA_HOST,
 * METADATA_SERVER_DETECTION) are left to it.
 */
async function requireGoogleCredentials(env = process.env) {
    const file = env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
    if (file) {
        if (isReadableFile(file))
            return;
        throw missingGoogleCredentials(`GOOGLE_APPLICATION_CREDENTIALS names ${file}, which is not a readable file`);
    }
    const wellKnown = wellKnownFile(env);
    if (wellKnown !== undefined && isReadableFile(wellKnown))
        return;
    const detection = env.METADATA_SERVER_DETECTION?.trim().toLowerCase();
    if (detection === 'none') {
        throw missingGoogleCredentials('GOOGLE_APPLICATION_CREDENTIALS is not set, and METADATA_SERVER_DETECTION=none rules out a metadata server');
    }
    if (detection || env.GCE_METADATA_HOST || env.GCE_METADATA_IP)
        return;
    const { gcpMetadata } = await __webpack_require__.e(/* import() */ 492).then(__webpack_require__.t.bind(__webpack_require__, 492, 23));
    if (gcpMetadata.getGCPResidency())
        return;
    throw missingGoogleCredentials('GOOGLE_APPLICATION_CREDENTIALS is not set, there is no gcloud application-default login, and this machine is not on Google Cloud');
}
/**
 * Resolves the client's credentials through the SDK's own default chain (environment, web
 * identity as aws-actions/configure-aws-credentials leaves it, shared files, container and
 * instance metadata), bounded in time: an instance metadata endpoint that drops packets would
 * otherwise hold the step for seconds per try. The SDK memoizes the result, so the client's first
 * call does not resolve them again.
 */
async function requireAwsCredentials(client, timeoutMs = AWS_CREDENTIALS_TIMEOUT_MS) {
    const provider = client.config.credentials;
    if (typeof provider !== 'function')
        return; // given explicitly
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(missingAwsCredentials(`the default credential chain gave none within ${timeoutMs} ms`)), timeoutMs);
        timer.unref();
    });
    try {
        await Promise.race([
            provider().catch((err) => {
                throw missingAwsCredentials((0,_errors__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err));
            }),
            timeout,
        ]);
    }
    finally {
        clearTimeout(timer);
    }
}


/***/ }),

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
// EXTERNAL MODULE: ./shared/traffic/types.ts
var types = __webpack_require__(6245);
// EXTERNAL MODULE: ./shared/credentials.ts
var credentials = __webpack_require__(2252);
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
    await (0,credentials/* requireGoogleCredentials */.VR)();
    const { GoogleAuth } = await __webpack_require__.e(/* import() */ 492).then(__webpack_require__.t.bind(__webpack_require__, 492, 23));
    const auth = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
    try {
        return (await auth.getClient());
    }
    catch (err) {
        throw (0,credentials/* missingGoogleCredentials */.Wp)((0,errors/* errorMessage */.gJ)(err));
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
        Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(836), __webpack_require__.e(194)]).then(__webpack_require__.bind(__webpack_require__, 7194)),
        // Credentials are resolved once, here, and shared by both clients.
        endpoint ? Promise.resolve(emulatorAuth()) : productionAuth(),
    ]);
    let requests = 0;
    let retryAfterMs;
    const authClient = {
        getRequestHeaders: (url) => inner.getRequestHeaders(url),
        async fetch(url, init) {
            requests++;
            retryAfterMs = undefined;
            const headers = new Headers(init?.headers);
            headers.set('user-agent', deps.userAgent);
            try {
                const response = await inner.fetch(url, { ...init, headers });
                if (!response.ok)
                    retryAfterMs = (0,retry/* parseRetryAfter */.mu)(response.headers.get('retry-after'));
                return response;
            }
            catch (err) {
                // google-auth-library's fetch (gaxios) throws on an error status, with the response attached.
                retryAfterMs = (0,retry/* retryAfterOf */.sT)(err);
                throw err;
            }
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
        retryAfterMs: () => retryAfterMs,
        async close() {
            await Promise.all([services.close(), revisions?.close()]);
        },
    };
}

// EXTERNAL MODULE: ./shared/providers/cloud-run/names.ts
var names = __webpack_require__(5313);
;// CONCATENATED MODULE: ./shared/providers/cloud-run/state.ts
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
/**
 * The latest reconcile is over (service.proto, `reconciling`): either it succeeded, and then
 * `observed_generation` equals `generation`, or it failed, and then `observed_generation`,
 * `traffic_statuses` and `latest_ready_revision` keep the last serving state while
 * `terminal_condition` says FAILED. Either way nothing is converging any more.
 */
function isSettled(service) {
    if (service.reconciling)
        return false;
    const caughtUp = String(service.observedGeneration ?? '') === String(service.generation ?? '');
    return caughtUp || failureOf(service) !== undefined;
}
/**
 * A failed reconcile of the latest write: the platform kept serving the previous split. Read from
 * `terminal_condition` once `reconciling` is false, never from `observed_generation`, which the
 * proto says stays at the last serving generation after a failure.
 */
function failureOf(service) {
    const condition = service.terminalCondition;
    if (!service.reconciling && isType(condition?.state, FAILED, 3)) {
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
 * TrafficProvider for Cloud Run (Admin API v2 through @google-cloud/run). Every write is a PATCH of
 * only the fields it changes, named in `update_mask` (a traffic write never sends the template: a
 * template naming an existing revision is refused as ALREADY_EXISTS), checked twice against what
 * was read: the generation is compared just before the write, and the etag sent with it makes the
 * API refuse a write that lost a race.
 *
 * Every call is retried (throttling, 5xx, timeouts, honouring Retry-After) until the step's own
 * deadline, not a fixed number of tries.
 */








/** How long one call keeps retrying when the step gave no deadline. */
const CALL_DEADLINE_MS = 60_000;
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
     * One API call, retried on throttling, server faults and timeouts until the step's deadline, each
     * wait full jitter and never shorter than the server's Retry-After. Only writes stop retrying on
     * cancellation: a read after SIGTERM is what reports the state reached.
     */
    call(what, fn, options = {}) {
        const isRetryable = options.isRetryable ?? retry/* isRetryableError */.$d;
        const deadlineAt = this.deps.deadlineAt;
        let tries = 0;
        return (0,retry/* retry */.L5)(() => {
            tries++;
            return fn();
        }, {
            baseDelayMs: 250,
            maxDelayMs: 8000,
            deadlineMs: deadlineAt === undefined ? CALL_DEADLINE_MS : Math.max(0, deadlineAt - this.deps.clock.now()),
            // ABORTED is a lost race on a write, answered by reading again, never by writing again.
            isRetryable: (err) => codeOf(err) !== ABORTED && isRetryable(err),
            retryAfterMs: () => this.clients.retryAfterMs(),
            clock: this.deps.clock,
            ...(options.write ? { signal: this.deps.signal } : {}),
            onRetry: ({ attempt, delayMs, error }) => this.deps.log(`  ${what}: try ${attempt} failed (${apiMessage(error)}); retrying in ${delayMs} ms`),
        }).catch((err) => {
            if (err instanceof errors/* CancelledError */.cc || err instanceof errors/* ActionError */.lZ)
                throw err;
            if (codeOf(err) === NOT_FOUND && what === 'read service') {
                throw new errors/* ActionError */.lZ(`Cloud Run service ${this.target.service} not found in project ${this.target.project}, region ${this.target.region}`);
            }
            // Retryable errors are retried until the step's deadline: say so, so the report is clear.
            const persisted = tries <= 1
                ? ''
                : isRetryable(err)
                    ? ` (${tries} tries, until the step's deadline)`
                    : ` (try ${tries})`;
            throw Object.assign(new errors/* ActionError */.lZ(`Cloud Run ${what} failed: ${apiMessage(err)}${persisted}`), {
                cause: err,
            });
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
            const suffix = request.revisionSuffix ?? (0,names/* defaultRevisionSuffix */.sM)(request.image, this.target.service);
            if (suffix === undefined) {
                throw new errors/* ActionError */.lZ(`service name ${this.target.service} leaves no room for a revision suffix: give "revision-suffix"`);
            }
            return `${this.target.service}-${suffix}`;
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
        await this.requireRevisions(split);
        await this.write(expectedVersion, (_service, state) => ({ traffic: trafficFor(split, state) }));
    }
    /**
     * The API accepts a traffic write naming a missing revision and fails its long-running operation
     * only later; a revision the service no longer routes to (e.g. a rollback token's, since deleted)
     * is looked up first, so the step says so at once instead of writing a split that can't apply.
     */
    async requireRevisions(split) {
        const known = new Set([...(this.last?.traffic ?? []), ...(this.last?.trafficStatuses ?? [])].map((t) => t.revision ?? ''));
        known.add(this.latestReady());
        for (const entry of split) {
            if (entry.percent === 0 || known.has(entry.target))
                continue;
            if ((await this.readRevision(entry.target)) === undefined) {
                throw new errors/* ActionError */.lZ(`revision ${entry.target} not found in service ${this.target.service}: it can't take ${entry.percent} %`);
            }
        }
    }
    /**
     * PATCHes the fields `change` returns (and only those, named in `update_mask`), computed from a
     * fresh read, if the service's generation is still `expectedVersion`. A throttled or failed try is
     * retried: the etag makes a second application impossible, and a write refused as stale after a
     * retry is checked against what we meant to write.
     */
    async write(expectedVersion, change) {
        const service = await this.readService();
        if (String(service.generation) !== expectedVersion) {
            throw new types/* ConcurrentWriteError */.D(`service ${this.target.service} changed since it was read (generation ${expectedVersion} → ${service.generation}): nothing was written`);
        }
        (0,run/* throwIfCancelled */.d)(this.deps.signal);
        const fields = change(service, toServingState(service));
        // Only what changes: a traffic write that sent the template back, with its revision name,
        // would be refused (409 ALREADY_EXISTS "Revision named … with different configuration").
        const body = { name: service.name ?? null, etag: service.etag ?? null, ...fields };
        const updateMask = { paths: Object.keys(fields) };
        let tries = 0;
        try {
            const [operation] = await this.call('update service', () => {
                tries++;
                return this.clients.services.updateService({ service: body, updateMask });
            }, { write: true });
            this.pendingOperation = operation.name ?? undefined;
        }
        catch (err) {
            if (codeOf(err.cause) !== ABORTED)
                throw err;
            if (tries > 1) {
                // An earlier try may have been applied before its answer was lost.
                const now = await this.readService();
                const meant = { ...now, ...fields };
                if ((0,traffic_split/* sameSplit */.xY)(toServingState(now).desired, toServingState(meant).desired) &&
                    imageOf(now.template) === imageOf(meant.template))
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


/***/ })

};
;