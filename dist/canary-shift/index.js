/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({

/***/ 7128:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ml: () => (/* binding */ systemClock)
/* harmony export */ });
/* unused harmony exports TIME_SCALE_ENV, TIME_ORIGIN_ENV, toVirtual, toWall, scaledClock, timelineFromEnv, timelineEnv */
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
/** Test-only environment variables of the accelerated timeline (see emulatorTimeline). */
const TIME_SCALE_ENV = 'ROLLOUT_ACTIONS_TIME_SCALE';
const TIME_ORIGIN_ENV = 'ROLLOUT_ACTIONS_TIME_ORIGIN';
const toVirtual = (t, wallMs) => t.origin + (wallMs - t.origin) * t.scale;
const toWall = (t, virtualMs) => t.origin + (virtualMs - t.origin) / t.scale;
/** A clock on the timeline: now() is virtual, sleep(ms) waits ms of virtual time. */
function scaledClock(t) {
    return {
        now: () => toVirtual(t, Date.now()),
        sleep: (ms, signal) => systemClock.sleep(ms / t.scale, signal),
    };
}
/** The timeline the environment names, or undefined when it names none (or a malformed one). */
function timelineFromEnv(env) {
    const scale = Number(env[TIME_SCALE_ENV]);
    const origin = Number(env[TIME_ORIGIN_ENV]);
    if (!(scale >= 1) || !Number.isFinite(scale) || !Number.isInteger(origin) || origin <= 0)
        return undefined;
    return { origin, scale };
}
/** The environment that puts a child process on `t`. */
function timelineEnv(t) {
    return { [TIME_SCALE_ENV]: String(t.scale), [TIME_ORIGIN_ENV]: String(t.origin) };
}


/***/ }),

/***/ 474:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gb: () => (/* binding */ GCP_REGION),
/* harmony export */   Kf: () => (/* binding */ ECS_SERVICE),
/* harmony export */   Lk: () => (/* binding */ ECS_CLUSTER),
/* harmony export */   VN: () => (/* binding */ AWS_REGION),
/* harmony export */   Z0: () => (/* binding */ checkIdentity),
/* harmony export */   _L: () => (/* binding */ ELB_LISTENER_RULE),
/* harmony export */   hn: () => (/* binding */ ELB_LISTENER),
/* harmony export */   im: () => (/* binding */ CLOUD_RUN_SERVICE),
/* harmony export */   mJ: () => (/* binding */ ECS_TASK_DEFINITION),
/* harmony export */   tR: () => (/* binding */ GCP_PROJECT)
/* harmony export */ });
/* unused harmony exports ALB, TARGET_GROUP */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2635);
/**
 * The one place each cloud identity an input names is checked: Google Cloud project, region and
 * Cloud Run service; AWS region, ECS cluster and service, load balancer, listener, listener rule
 * and target group. canary-shift, rollback, error-rate-gate and rollout all read them through
 * these, so one value is accepted (or refused, with the same words) by every action.
 */

/**
 * Project ids: 6–30 lower case letters, digits and hyphens, starting with a letter and not ending
 * with a hyphen; older domain-scoped projects are `example.com:my-project`
 * (https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin).
 */
const GCP_PROJECT = {
    pattern: /^(?:[a-z0-9.-]+:)?[a-z][-a-z0-9]{4,28}[a-z0-9]$/,
    what: 'a Google Cloud project id',
    example: 'my-project-123',
};
/** Regions: `europe-west1`, `northamerica-northeast2`, `europe-west12` (digits may run to two). */
const GCP_REGION = {
    pattern: /^[a-z]+-[a-z]+\d{1,2}$/,
    what: 'a Cloud Run region',
    example: 'europe-west1',
};
/** Service names: a DNS label of at most 49 characters (Cloud Run keeps room for revision suffixes). */
const CLOUD_RUN_SERVICE = {
    pattern: /^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/,
    what: 'a Cloud Run service name (lower case letters, digits, hyphens; at most 49 characters)',
    example: 'shop',
};
/** AWS regions: `eu-west-1`, `us-gov-west-1`. */
const AWS_REGION = {
    pattern: /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$/,
    what: 'an AWS region',
    example: 'eu-west-1',
};
/** A cluster name (up to 255 letters, digits, hyphens, underscores) or its ARN (CreateCluster clusterName). */
const ECS_CLUSTER = {
    pattern: /^(?:arn:aws[-a-z]*:ecs:[a-z0-9-]+:\d{12}:cluster\/)?[A-Za-z0-9_-]{1,255}$/,
    what: 'an ECS cluster name or ARN',
    example: 'prod',
};
/**
 * A service name (up to 255 letters, digits, hyphens, underscores: CreateService serviceName) or
 * its ARN, `arn:aws:ecs:<region>:<account>:service/<cluster>/<name>` (or the older form without
 * the cluster).
 */
const ECS_SERVICE = {
    pattern: /^(?:arn:aws[-a-z]*:ecs:[a-z0-9-]+:\d{12}:service\/(?:[A-Za-z0-9_-]{1,255}\/)?)?[A-Za-z0-9_-]{1,255}$/,
    what: 'an ECS service name or ARN',
    example: 'shop-blue',
};
/** A task definition ARN or `family:revision` (RegisterTaskDefinition family: 255 characters). */
const ECS_TASK_DEFINITION = {
    pattern: /^(arn:aws[-a-z]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/)?[A-Za-z0-9_-]{1,255}(:\d+)?$/,
    what: 'a task definition ARN or family:revision',
    example: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/shop:42',
};
const ELB_LISTENER = {
    pattern: /^arn:aws[-a-z]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/(app|net)\/.+/,
    what: 'a load balancer listener ARN',
    example: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2',
};
const ELB_LISTENER_RULE = {
    pattern: /^arn:aws[-a-z]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener-rule\/(app|net)\/.+/,
    what: 'a load balancer listener rule ARN',
    example: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee',
};
/** An Application Load Balancer as ARN or as CloudWatch's LoadBalancer dimension `app/<name>/<id>`. */
const ALB = {
    pattern: /^(arn:aws[-a-z]*:elasticloadbalancing:[-a-z0-9]+:\d{12}:loadbalancer\/)?app\/[-a-zA-Z0-9]{1,32}\/[0-9a-f]{16}$/,
    what: 'an Application Load Balancer (ARN or app/<name>/<id>)',
    example: 'app/shop-alb/50dc6c495c0c9188',
};
/** A target group as ARN or as CloudWatch's TargetGroup dimension `targetgroup/<name>/<id>`. */
const TARGET_GROUP = {
    pattern: /^(arn:aws[-a-z]*:elasticloadbalancing:[-a-z0-9]+:\d{12}:)?targetgroup\/[-a-zA-Z0-9]{1,32}\/[0-9a-f]{16}$/,
    what: 'a target group (ARN or targetgroup/<name>/<id>)',
    example: 'targetgroup/shop-green/6d0ecf831eec9f09',
};
/** `value` when it is a valid `identity`; an InputError naming `input` otherwise. */
function checkIdentity(identity, input, value, example) {
    if (!identity.pattern.test(value)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `"${value}" is not ${identity.what}`, example ?? identity.example);
    }
    return value;
}


/***/ }),

/***/ 2635:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BI: () => (/* binding */ isExpectedError),
/* harmony export */   cc: () => (/* binding */ CancelledError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   lZ: () => (/* binding */ ActionError)
/* harmony export */ });
/** Errors shared by every action, and the one way to turn anything thrown into text. */
/** A bad input: names the input, says what is wrong and shows a value that would be accepted. */
class InputError extends Error {
    input;
    problem;
    example;
    name = 'InputError';
    constructor(input, problem, example) {
        super(`input "${input}": ${problem}${example === undefined ? '' : ` (for example: ${example})`}`);
        this.input = input;
        this.problem = problem;
        this.example = example;
    }
}
/** A failure the action detected and can explain in words; no stack trace is useful to the user. */
class ActionError extends Error {
    name = 'ActionError';
}
/** The run was cancelled (SIGINT/SIGTERM or an abort signal); no new work was started. */
class CancelledError extends Error {
    name = 'CancelledError';
    constructor(message = 'cancelled') {
        super(message);
    }
}
/** The message of anything thrown: an Error's message, a string, or a JSON rendering of the rest. */
function errorMessage(err) {
    if (err instanceof Error)
        return err.message || err.name;
    if (typeof err === 'string')
        return err;
    if (err === null || err === undefined)
        return String(err);
    try {
        return JSON.stringify(err) ?? String(err);
    }
    catch {
        return String(err);
    }
}
/** Errors that explain themselves; anything else is unexpected and gets a stack trace in debug logs. */
function isExpectedError(err) {
    return err instanceof InputError || err instanceof ActionError || err instanceof CancelledError;
}


/***/ }),

/***/ 5313:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Cs: () => (/* binding */ checkCandidateNames),
/* harmony export */   sM: () => (/* binding */ defaultRevisionSuffix)
/* harmony export */ });
/* unused harmony exports REVISION_NAME_MAX, TAG_AND_SERVICE_MAX, TAG_MIN, revisionNameProblem, tagProblem */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2635);
/**
 * Cloud Run's limits on the names canary-shift makes up, checked as input errors before any call:
 * the API would refuse them only after the rollout has started.
 *
 * - A revision name is a DNS label (RFC 1035): lower case letters, digits and hyphens, starting
 *   with a letter, at most 63 characters, and it starts with `<service>-`
 *   (revision_template.proto `revision`; https://cloud.google.com/run/docs/deploying#revision-suffix).
 * - A traffic tag is part of the tag URL's host label `<tag>---<service>-<hash>…`: tag and service
 *   name together at most 46 characters, and at least 3 characters of tag (gcloud: "Combined
 *   traffic tag and service name cannot exceed 46 characters";
 *   https://cloud.google.com/run/docs/rollouts-rollbacks-traffic-migration#tags).
 */


const REVISION_NAME_MAX = 63;
const TAG_AND_SERVICE_MAX = 46;
const TAG_MIN = 3;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const HASH_MIN = 4;
const HASH_MAX = 8;
/** Why `name` can't be a revision of `service`, or undefined when it can. */
function revisionNameProblem(service, name) {
    if (name.length > REVISION_NAME_MAX)
        return `is ${name.length} characters; at most ${REVISION_NAME_MAX}`;
    if (!DNS_LABEL.test(name))
        return 'is not a DNS label (lower case letters, digits and hyphens)';
    if (!name.startsWith(`${service}-`))
        return `does not start with "${service}-"`;
    return undefined;
}
/** Why `tag` can't be a traffic tag of `service`, or undefined when it can. */
function tagProblem(service, tag) {
    if (tag.length < TAG_MIN)
        return `is shorter than ${TAG_MIN} characters`;
    if (!DNS_LABEL.test(tag))
        return 'is not a DNS label (lower case letters, digits and hyphens)';
    if (tag.length + service.length > TAG_AND_SERVICE_MAX) {
        return `and the service name "${service}" together are ${tag.length + service.length} characters; Cloud Run allows ${TAG_AND_SERVICE_MAX}`;
    }
    return undefined;
}
/**
 * The default revision suffix for an image: its tag (cleaned) and a digest of the whole reference,
 * so a re-run with the same image names the same revision and a different image never collides.
 * Shortened (tag first, then the digest down to 4 hex digits) so `<service>-<suffix>` fits 63
 * characters; undefined when even that does not fit.
 */
function defaultRevisionSuffix(image, service) {
    const budget = REVISION_NAME_MAX - service.length - 1;
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(image).digest('hex');
    if (budget < HASH_MIN)
        return undefined;
    const hashed = hash.slice(0, Math.min(HASH_MAX, budget));
    const tail = image.split('/').pop() ?? '';
    const tag = (tail.includes('@') ? '' : (tail.split(':')[1] ?? ''))
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, Math.max(0, Math.min(20, budget - hashed.length - 1)))
        .replace(/-+$/, '');
    return tag === '' ? hashed : `${tag}-${hashed}`;
}
/** The Cloud Run names a canary step would create, checked against the limits above. */
function checkCandidateNames(service, request, inputs) {
    if (request.tag !== undefined) {
        const problem = tagProblem(service, request.tag);
        if (problem !== undefined)
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(inputs.tag, `"${request.tag}" ${problem}`, 'canary');
    }
    if (request.image === undefined)
        return;
    if (request.revisionSuffix !== undefined) {
        const name = `${service}-${request.revisionSuffix}`;
        const problem = revisionNameProblem(service, name);
        if (problem !== undefined)
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(inputs.revisionSuffix, `makes the revision name "${name}", which ${problem}`, 'v42');
    }
    else if (defaultRevisionSuffix(request.image, service) === undefined) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(inputs.image, `service name "${service}" leaves no room in 63 characters for a revision suffix derived from the image`, 'a shorter service name');
    }
}


/***/ }),

/***/ 5276:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ readTaskDefinitionFile),
/* harmony export */   en: () => (/* binding */ taskDefinitionPath),
/* harmony export */   oo: () => (/* binding */ matchesRegistered),
/* harmony export */   px: () => (/* binding */ isTaskDefinitionFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(2635);
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
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(value) ? value : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(workspace, value);
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

/***/ 2372:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ isRetryableError),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   sT: () => (/* binding */ retryAfterOf)
/* harmony export */ });
/* unused harmony exports backoffDelayMs, httpStatusOf */
/* harmony import */ var _clock__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7128);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2635);


/** Full jitter (AWS architecture blog): a uniform delay between 0 and the exponential ceiling. */
function backoffDelayMs(attempt, options, random = Math.random) {
    const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(random() * ceiling);
}
/**
 * Runs fn until it succeeds, a non-retryable error is thrown, tries run out (if bounded) or the
 * next wait would end past the deadline. Each wait is full jitter, and never shorter than the
 * server's Retry-After.
 */
async function retry(fn, options) {
    const clock = options.clock ?? _clock__WEBPACK_IMPORTED_MODULE_0__/* .systemClock */ .ml;
    const random = options.random ?? Math.random;
    const isRetryable = options.isRetryable ?? isRetryableError;
    const retryAfter = options.retryAfterMs ?? retryAfterOf;
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
            if (attempt >= (options.maxAttempts ?? Number.POSITIVE_INFINITY) || !isRetryable(error))
                throw error;
            const remaining = options.deadlineMs - (clock.now() - started);
            const delayMs = Math.max(backoffDelayMs(attempt, options, random), retryAfter(error) ?? 0);
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
/** Longest Retry-After honoured: a server asking for more is treated as asking for this. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;
/**
 * A Retry-After value (RFC 9110 §10.2.3: delay-seconds or an HTTP date) in ms from `now`; undefined
 * when absent or unreadable.
 */
function parseRetryAfter(value, now = Date.now()) {
    if (value === null || value === undefined || value.trim() === '')
        return undefined;
    const trimmed = value.trim();
    const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
    if (!Number.isFinite(ms))
        return undefined;
    return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
/** The Retry-After carried by an AWS SDK error ($response) or a fetch-style error (response). */
function retryAfterOf(err) {
    if (typeof err !== 'object' || err === null)
        return undefined;
    const e = err;
    for (const response of [e.$response, e.response]) {
        const headers = response?.headers;
        if (headers instanceof Headers)
            return parseRetryAfter(headers.get('retry-after'));
        if (typeof headers === 'object' && headers !== null) {
            const value = headers['retry-after'];
            if (typeof value === 'string')
                return parseRetryAfter(value);
        }
    }
    return undefined;
}


/***/ }),

/***/ 1591:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ runAction),
/* harmony export */   d: () => (/* binding */ throwIfCancelled)
/* harmony export */ });
/* harmony import */ var _clock__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7128);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2635);
/* harmony import */ var _summary__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6566);



/**
 * The one failure path of every action: errors become `<action>: <message>` annotations and exit
 * code 1; a stack trace is printed only for unexpected errors and only with debug logging on.
 */
async function runAction(actionName, body, options) {
    // Every summary an action writes stays within what GitHub shows (shared/summary.ts).
    const core = { ...options.core, summary: (0,_summary__WEBPACK_IMPORTED_MODULE_2__/* .cappedSummary */ .uk)(options.core.summary) };
    const controller = new AbortController();
    const reports = [];
    const onSignal = (signal) => {
        if (controller.signal.aborted)
            return;
        core.warning(`${actionName}: received ${signal}; no new changes will start`);
        controller.abort(new _errors__WEBPACK_IMPORTED_MODULE_1__/* .CancelledError */ .cc(`cancelled by ${signal}`));
    };
    if (options.handleSignals ?? true) {
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
    }
    try {
        await body({
            core,
            clock: options.clock ?? _clock__WEBPACK_IMPORTED_MODULE_0__/* .systemClock */ .ml,
            signal: controller.signal,
            onInterrupt: (report) => reports.push(report),
        });
    }
    catch (err) {
        for (const report of reports) {
            try {
                await report();
            }
            catch (reportErr) {
                core.warning(`${actionName}: could not report the last known state: ${(0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(reportErr)}`);
            }
        }
        const cancelled = err instanceof _errors__WEBPACK_IMPORTED_MODULE_1__/* .CancelledError */ .cc || controller.signal.aborted;
        const message = cancelled && !(err instanceof _errors__WEBPACK_IMPORTED_MODULE_1__/* .CancelledError */ .cc) ? `cancelled: ${(0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}` : (0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err);
        if (!(0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .isExpectedError */ .BI)(err) && err instanceof Error && err.stack && core.isDebug())
            core.debug(err.stack);
        core.setFailed(`${actionName}: ${message}`);
        process.exitCode = 1;
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}
/** Throws CancelledError when the run has been cancelled: call before each mutation. */
function throwIfCancelled(signal) {
    if (signal.aborted)
        throw signal.reason instanceof _errors__WEBPACK_IMPORTED_MODULE_1__/* .CancelledError */ .cc ? signal.reason : new _errors__WEBPACK_IMPORTED_MODULE_1__/* .CancelledError */ .cc();
}


/***/ }),

/***/ 6566:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   R_: () => (/* binding */ heading),
/* harmony export */   jS: () => (/* binding */ pieChart),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   uk: () => (/* binding */ cappedSummary)
/* harmony export */ });
/* unused harmony exports cell, code, lineChart, truncate, SUMMARY_LIMIT_BYTES, capSummary, runLogPointer */
/**
 * Escapes text that is not ours (a reason, a version, a server's answer) so Markdown and HTML show
 * it as typed: HTML becomes entities (no `</details>`, no tags), and the characters of inline
 * Markdown (links, images, emphasis, code spans, strikethrough, table pipes) are backslash-escaped
 * (CommonMark: any ASCII punctuation may be). Line breaks become `<br>`, so no line of it can
 * start a heading, a list, a quote or a fence; a bare URL stays readable text with its
 * destination in plain sight.
 */
function text(value) {
    return (String(value ?? '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]~|!#]/g, '\\$&')
        // Line starts that open a list, a thematic break or a setext heading (CommonMark 4.1-4.3, 5.2).
        .replace(/^[-+](?=\s|$)|^(?:-+|=+)\s*$/, '\\$&')
        .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
        .replace(/\r?\n/g, '<br>'));
}
/** Escapes text for a markdown table cell: as text(), which also escapes the pipes. */
function cell(value) {
    return text(value);
}
/**
 * A code span holding any text as typed: fenced with one more backtick than the longest run in
 * it (CommonMark 6.1), pipes escaped for tables, line breaks as spaces.
 */
function code(value) {
    const body = String(value ?? '')
        .replace(/\r?\n/g, ' ')
        .replace(/\|/g, '\\|');
    const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${body}${pad}${fence}`;
}
function table(headers, rows) {
    const line = (values) => `| ${values.map(cell).join(' | ')} |`;
    return [line(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}
/** A quoted Mermaid label: Mermaid has no escape for a double quote inside one. */
function label(text) {
    return `"${text.replace(/"/g, "'").replace(/[\r\n]+/g, ' ')}"`;
}
/**
 * A Mermaid xychart with one line per series over shared x labels. Mermaid draws no legend,
 * so the series names go in the title.
 */
function lineChart(options) {
    const values = options.series.flatMap((s) => s.values).filter(Number.isFinite);
    const top = values.length === 0 ? 1 : Math.max(...values) * 1.1 || 1;
    const title = `${options.title} (${options.series.map((s) => s.name).join(' vs ')})`;
    const round = (v) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : 0);
    const colors = options.series.map((s) => s.color).filter((c) => c !== undefined);
    // Mermaid's xychart colours lines in order from plotColorPalette (its only way to tell them apart).
    const palette = colors.length === options.series.length && colors.every((c) => /^#[0-9a-fA-F]{3,8}$/.test(c))
        ? [`%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${colors.join(', ')}"}}}}%%`]
        : [];
    return [
        '```mermaid',
        ...palette,
        'xychart-beta',
        `  title ${label(title)}`,
        `  x-axis [${options.xLabels.map(label).join(', ')}]`,
        `  y-axis ${label(options.yLabel)} 0 --> ${round(top)}`,
        ...options.series.map((s) => `  line [${s.values.map(round).join(', ')}]`),
        '```',
    ].join('\n');
}
/** A Mermaid pie chart, e.g. of a traffic split. Zero slices are left out (Mermaid draws nothing). */
function pieChart(title, slices) {
    return [
        '```mermaid',
        `pie showData title ${title.replace(/[\r\n]+/g, ' ')}`,
        ...slices.filter((s) => s.value > 0).map((s) => `  ${label(s.label)} : ${s.value}`),
        '```',
    ].join('\n');
}
/** A heading of plain text (it may hold names from inputs: escaped like any text not ours). */
function heading(title, level = 3) {
    return `${'#'.repeat(level)} ${text(title.replace(/[\r\n]+/g, ' '))}`;
}
/** Cuts text to at most max characters, saying how much was cut. */
function truncate(text, max) {
    if (text.length <= max)
        return text;
    return `${text.slice(0, max)}… [${text.length - max} more characters]`;
}
/**
 * GitHub drops a step's summary above 1 MiB ("Job summary size limit": 1024k per step), showing
 * nothing at all; keep a margin for what the runner adds.
 */
const SUMMARY_LIMIT_BYTES = 1_000_000;
/**
 * A summary cut to at most limitBytes: whole lines, any fence or <details> left open closed again,
 * then a note saying how much was cut and where the rest is (fullReport).
 */
function capSummary(markdown, fullReport, limitBytes = SUMMARY_LIMIT_BYTES) {
    const size = Buffer.byteLength(markdown);
    if (size <= limitBytes)
        return markdown;
    const note = (kept) => `\n> ✂️ **Summary cut** to ${Math.round(kept / 1024)} of ${Math.round(size / 1024)} KiB: GitHub shows at most 1 MiB of a step's summary. ${fullReport}\n`;
    const closing = 64; // room for the closers below
    const budget = Math.max(0, limitBytes - Buffer.byteLength(note(size)) - closing);
    // Cut on a line: a partial line could end inside a table row, a link or an entity.
    let kept = Buffer.from(markdown).subarray(0, budget).toString('utf8');
    kept = kept.slice(0, kept.lastIndexOf('\n') + 1);
    if ((kept.match(/^ {0,3}```/gm) ?? []).length % 2 === 1)
        kept += '```\n';
    const openDetails = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
    if (openDetails > 0)
        kept += '</details>\n'.repeat(openDetails);
    return kept + note(Buffer.byteLength(kept));
}
/** Where the whole story is when a summary is cut: the step's log, in this run. */
function runLogPointer(env = process.env) {
    const run = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    return run ? `The step's log has everything: [the run](${run}).` : "The step's log has everything.";
}
/**
 * A summary writer that never lets one step's summary outgrow SUMMARY_LIMIT_BYTES, however many
 * times the action writes: what would overflow is cut by capSummary, and nothing follows the cut.
 */
function cappedSummary(writer, fullReport = runLogPointer(), limitBytes = SUMMARY_LIMIT_BYTES) {
    let pending = '';
    let written = 0;
    let cut = false;
    const capped = {
        addRaw(markdown, addEOL) {
            pending += markdown + (addEOL ? '\n' : '');
            return capped;
        },
        async write(options) {
            const markdown = pending;
            pending = '';
            if (options?.overwrite) {
                written = 0;
                cut = false;
            }
            if (cut)
                return capped;
            const fitted = capSummary(markdown, fullReport, limitBytes - written);
            cut = fitted !== markdown;
            written += Buffer.byteLength(fitted);
            await writer.addRaw(fitted).write(options);
            return capped;
        },
    };
    return capped;
}


/***/ }),

/***/ 4851:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   KU: () => (/* binding */ resourceOf),
/* harmony export */   We: () => (/* binding */ checkCandidate),
/* harmony export */   ff: () => (/* binding */ describeTarget),
/* harmony export */   gd: () => (/* binding */ TARGET_INPUTS),
/* harmony export */   zs: () => (/* binding */ readTrafficTarget)
/* harmony export */ });
/* unused harmony exports PROVIDERS, rejectOtherProviderInputs */
/* harmony import */ var _cloud_identities__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(474);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2635);
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
const PROVIDERS = ['cloud-run', 'ecs'];
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
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(name, `applies to provider "${owner}" only, and provider is "${provider}"`);
        }
    }
}
function readTrafficTarget(read, extra = {}) {
    const provider = read.choice(TARGET_INPUTS.provider, PROVIDERS);
    rejectOtherProviderInputs(read, provider, extra);
    if (provider === 'cloud-run') {
        const project = (0,_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .checkIdentity */ .Z0)(_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .GCP_PROJECT */ .tR, TARGET_INPUTS.project, read.required(TARGET_INPUTS.project, _cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .GCP_PROJECT */ .tR.example));
        const region = (0,_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .checkIdentity */ .Z0)(_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .GCP_REGION */ .Gb, TARGET_INPUTS.region, read.required(TARGET_INPUTS.region, _cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .GCP_REGION */ .Gb.example));
        const service = (0,_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .checkIdentity */ .Z0)(_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .CLOUD_RUN_SERVICE */ .im, TARGET_INPUTS.service, read.required(TARGET_INPUTS.service, _cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .CLOUD_RUN_SERVICE */ .im.example));
        return { provider, project, region, service };
    }
    const cluster = (0,_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .checkIdentity */ .Z0)(_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .ECS_CLUSTER */ .Lk, TARGET_INPUTS.cluster, read.required(TARGET_INPUTS.cluster, _cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .ECS_CLUSTER */ .Lk.example));
    const services = read.list(TARGET_INPUTS.services);
    for (const name of services)
        (0,_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .checkIdentity */ .Z0)(_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .ECS_SERVICE */ .Kf, TARGET_INPUTS.services, name, 'shop-blue,shop-green');
    const rawRegion = read.optional(TARGET_INPUTS.region);
    const region = rawRegion === undefined ? undefined : (0,_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .checkIdentity */ .Z0)(_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .AWS_REGION */ .VN, TARGET_INPUTS.region, rawRegion);
    const [blue, green] = services;
    const listenerGiven = read.optional(TARGET_INPUTS.listenerArn) !== undefined ||
        read.optional(TARGET_INPUTS.listenerRuleArn) !== undefined;
    if (services.length === 1 && blue !== undefined && !listenerGiven) {
        // One service: ECS-native (its own strategy shifts traffic; the provider reads which), or,
        // for rollback, a service without a load balancer returned to a task definition.
        return { provider, cluster, services: [blue], ...(region === undefined ? {} : { region }) };
    }
    if (services.length !== 2 || blue === undefined || green === undefined || blue === green) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(TARGET_INPUTS.services, `needs two different service names (blue and green) with a listener, or one ECS-native service without one, got ${services.length === 0 ? 'none' : services.join(', ')}`, 'shop-blue,shop-green');
    }
    const listenerArn = read.optional(TARGET_INPUTS.listenerArn);
    const listenerRuleArn = read.optional(TARGET_INPUTS.listenerRuleArn);
    if ((listenerArn === undefined) === (listenerRuleArn === undefined)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(listenerArn === undefined ? TARGET_INPUTS.listenerRuleArn : TARGET_INPUTS.listenerArn, 'give exactly one of "listener-rule-arn" and "listener-arn"', 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee');
    }
    if (listenerArn !== undefined)
        (0,_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .checkIdentity */ .Z0)(_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .ELB_LISTENER */ .hn, TARGET_INPUTS.listenerArn, listenerArn);
    if (listenerRuleArn !== undefined) {
        (0,_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .checkIdentity */ .Z0)(_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .ELB_LISTENER_RULE */ ._L, TARGET_INPUTS.listenerRuleArn, listenerRuleArn);
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
        return (0,_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .checkIdentity */ .Z0)(_cloud_identities__WEBPACK_IMPORTED_MODULE_0__/* .ECS_TASK_DEFINITION */ .mJ, input, value);
    if (!value.startsWith(`${target.service}-`)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `"${value}" is not a revision of service ${target.service} (its name starts with "${target.service}-")`, `${target.service}-00042-abc`);
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


/***/ }),

/***/ 2684:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hr: () => (/* binding */ servingEntries),
/* harmony export */   II: () => (/* binding */ computeSplit),
/* harmony export */   PI: () => (/* binding */ stableOf),
/* harmony export */   mG: () => (/* binding */ lastGoodSplit),
/* harmony export */   oe: () => (/* binding */ formatSplit),
/* harmony export */   xY: () => (/* binding */ sameSplit)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2635);
/** Pure decisions about traffic splits: which target is stable, what the next split is, when two splits agree. */

/** The entries that carry traffic, merged per target and sorted: the form splits are compared in. */
function servingEntries(split) {
    const byTarget = new Map();
    for (const entry of split) {
        if (entry.percent > 0)
            byTarget.set(entry.target, (byTarget.get(entry.target) ?? 0) + entry.percent);
    }
    return [...byTarget.entries()]
        .map(([target, percent]) => ({ target, percent }))
        .sort((a, b) => a.target.localeCompare(b.target));
}
/** Whether two splits send the same share to each target (tags and 0 % entries aside). */
function sameSplit(a, b) {
    const left = servingEntries(a);
    const right = servingEntries(b);
    return (left.length === right.length &&
        left.every((entry, i) => entry.target === right[i]?.target && entry.percent === right[i]?.percent));
}
/** "shop-00002-abc 90 %, shop-00003-def 10 %" for logs and errors. */
function formatSplit(split) {
    const serving = servingEntries(split);
    return serving.length === 0 ? 'nothing' : serving.map((e) => `${e.target} ${e.percent} %`).join(', ');
}
/** The one target that served what is not the candidate's: the largest other share (ties: by name). */
function stableOf(split, candidate) {
    const others = servingEntries(split).filter((e) => e.target !== candidate);
    others.sort((a, b) => b.percent - a.percent || a.target.localeCompare(b.target));
    return others[0]?.target;
}
/**
 * The split that gives the candidate `percent` and the rest to the stable target. Other targets
 * that served a share are folded into the stable one: a canary compares one candidate with one
 * baseline.
 */
function computeSplit(current, candidate, percent) {
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`a split needs a whole percent between 0 and 100, got ${percent}`);
    }
    const stable = stableOf(current, candidate.target);
    if (stable === undefined && percent < 100) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`nothing but the candidate ${candidate.target} serves traffic, so no stable version can take the other ${100 - percent} %`);
    }
    const split = [];
    if (stable !== undefined && percent < 100)
        split.push({ target: stable, percent: 100 - percent });
    split.push({ target: candidate.target, percent, ...(candidate.tag ? { tag: candidate.tag } : {}) });
    return split;
}
/**
 * The last known good split as seen before a rollout step writes: the stable target at 100 %. For
 * the first step that is the split as it was; for a later step (10 % → 50 %) it is still "stable
 * at 100 %", not the half-way state. Any other share (another rollout's candidate, which a step
 * takes over only when told to: shared/traffic/guards.ts) is never part of it: a rollback must not
 * hand an unvetted revision its share again.
 */
function lastGoodSplit(observed, candidate) {
    const serving = servingEntries(observed);
    const stable = stableOf(serving, candidate);
    if (stable === undefined)
        return serving; // the candidate serves everything: it is what there is
    return [{ target: stable, percent: 100 }];
}


/***/ }),

/***/ 6245:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ ConcurrentWriteError),
/* harmony export */   k: () => (/* binding */ SplitNotObservedError)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2635);

/**
 * The platform did not come to serve the requested split in time, or said it can't: carries the
 * last state read so the step reports what is actually served (never success on an unknown state).
 */
class SplitNotObservedError extends _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ {
    state;
    constructor(message, state) {
        super(message);
        this.state = state;
    }
}
/** Another writer changed the resource between our read and our write: nothing was written. */
class ConcurrentWriteError extends _errors__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ {
}


/***/ }),

/***/ 434:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Yp: () => (/* binding */ GOOGLE_CLIENT_LIBRARY),
  N1: () => (/* binding */ userAgent)
});

// UNUSED EXPORTS: SUITE_VERSION

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"1.0.0"};
;// CONCATENATED MODULE: ./shared/user-agent.ts

/** The suite's version, as every client reports it. */
const SUITE_VERSION = package_namespaceObject.rE;
/**
 * The user agent every client sends, naming the action, its version and the run, so that a
 * platform's audit log points back at the workflow run that made a call:
 * "rollout-actions/canary-shift/1.0.0 (acme/shop run 4242/1)".
 */
function userAgent(action, env = process.env) {
    const run = env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? ` (${env.GITHUB_REPOSITORY} run ${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? '1'})`
        : '';
    return `rollout-actions/${action}/${SUITE_VERSION}${run}`;
}
/** What Google clients add to their x-goog-api-client header. */
const GOOGLE_CLIENT_LIBRARY = { libName: 'rollout-actions', libVersion: SUITE_VERSION };


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = require("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = require("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = require("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = require("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = require("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = require("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = require("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = require("http");

/***/ }),

/***/ 8056:
/***/ ((module) => {

module.exports = require("http2");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = require("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = require("net");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = require("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = require("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = require("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = require("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = require("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = require("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = require("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = require("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = require("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = require("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = require("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = require("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = require("node:process");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = require("node:stream");

/***/ }),

/***/ 7830:
/***/ ((module) => {

module.exports = require("node:stream/web");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = require("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = require("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = require("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = require("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = require("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = require("process");

/***/ }),

/***/ 3480:
/***/ ((module) => {

module.exports = require("querystring");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = require("stream");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = require("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = require("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = require("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = require("util");

/***/ }),

/***/ 8167:
/***/ ((module) => {

module.exports = require("worker_threads");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = require("zlib");

/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			id: moduleId,
/******/ 			loaded: false,
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Flag the module as loaded
/******/ 		module.loaded = true;
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/******/ 	// expose the modules object (__webpack_modules__)
/******/ 	__nccwpck_require__.m = __webpack_modules__;
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/asset-relocator-loader */
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/******/ 	/* webpack/runtime/compat get default export */
/******/ 	(() => {
/******/ 		// getDefaultExport function for compatibility with non-harmony modules
/******/ 		__nccwpck_require__.n = (module) => {
/******/ 			var getter = module && module.__esModule ?
/******/ 				() => (module['default']) :
/******/ 				() => (module);
/******/ 			__nccwpck_require__.d(getter, { a: getter });
/******/ 			return getter;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/create fake namespace object */
/******/ 	(() => {
/******/ 		var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 		var leafPrototypes;
/******/ 		// create a fake namespace object
/******/ 		// mode & 1: value is a module id, require it
/******/ 		// mode & 2: merge all properties of value into the ns
/******/ 		// mode & 4: return value when already ns object
/******/ 		// mode & 16: return value when it's Promise-like
/******/ 		// mode & 8|1: behave like require
/******/ 		__nccwpck_require__.t = function(value, mode) {
/******/ 			if(mode & 1) value = this(value);
/******/ 			if(mode & 8) return value;
/******/ 			if(typeof value === 'object' && value) {
/******/ 				if((mode & 4) && value.__esModule) return value;
/******/ 				if((mode & 16) && typeof value.then === 'function') return value;
/******/ 			}
/******/ 			var ns = Object.create(null);
/******/ 			__nccwpck_require__.r(ns);
/******/ 			var def = {};
/******/ 			leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 			for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 				Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 			}
/******/ 			def['default'] = () => (value);
/******/ 			__nccwpck_require__.d(ns, def);
/******/ 			return ns;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/define property getters */
/******/ 	(() => {
/******/ 		// define getter functions for harmony exports
/******/ 		__nccwpck_require__.d = (exports, definition) => {
/******/ 			for(var key in definition) {
/******/ 				if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 					Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 				}
/******/ 			}
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/ensure chunk */
/******/ 	(() => {
/******/ 		__nccwpck_require__.f = {};
/******/ 		// This file contains only the entry chunk.
/******/ 		// The chunk loading function for additional chunks
/******/ 		__nccwpck_require__.e = (chunkId) => {
/******/ 			return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 				__nccwpck_require__.f[key](chunkId, promises);
/******/ 				return promises;
/******/ 			}, []));
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/get javascript chunk filename */
/******/ 	(() => {
/******/ 		// This function allow to reference async chunks
/******/ 		__nccwpck_require__.u = (chunkId) => {
/******/ 			// return url for filenames based on template
/******/ 			return "" + chunkId + ".index.js";
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/hasOwnProperty shorthand */
/******/ 	(() => {
/******/ 		__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/make namespace object */
/******/ 	(() => {
/******/ 		// define __esModule on exports
/******/ 		__nccwpck_require__.r = (exports) => {
/******/ 			if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 				Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 			}
/******/ 			Object.defineProperty(exports, '__esModule', { value: true });
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/node module decorator */
/******/ 	(() => {
/******/ 		__nccwpck_require__.nmd = (module) => {
/******/ 			module.paths = [];
/******/ 			if (!module.children) module.children = [];
/******/ 			return module;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/require chunk loading */
/******/ 	(() => {
/******/ 		// no baseURI
/******/ 		
/******/ 		// object to store loaded chunks
/******/ 		// "1" means "loaded", otherwise not loaded yet
/******/ 		var installedChunks = {
/******/ 			792: 1
/******/ 		};
/******/ 		
/******/ 		// no on chunks loaded
/******/ 		
/******/ 		var installChunk = (chunk) => {
/******/ 			var moreModules = chunk.modules, chunkIds = chunk.ids, runtime = chunk.runtime;
/******/ 			for(var moduleId in moreModules) {
/******/ 				if(__nccwpck_require__.o(moreModules, moduleId)) {
/******/ 					__nccwpck_require__.m[moduleId] = moreModules[moduleId];
/******/ 				}
/******/ 			}
/******/ 			if(runtime) runtime(__nccwpck_require__);
/******/ 			for(var i = 0; i < chunkIds.length; i++)
/******/ 				installedChunks[chunkIds[i]] = 1;
/******/ 		
/******/ 		};
/******/ 		
/******/ 		// require() chunk loading for javascript
/******/ 		__nccwpck_require__.f.require = (chunkId, promises) => {
/******/ 			// "1" is the signal for "already loaded"
/******/ 			if(!installedChunks[chunkId]) {
/******/ 				if(true) { // all chunks have JS
/******/ 					installChunk(require("./" + __nccwpck_require__.u(chunkId)));
/******/ 				} else installedChunks[chunkId] = 1;
/******/ 			}
/******/ 		};
/******/ 		
/******/ 		// no external install chunk
/******/ 		
/******/ 		// no HMR
/******/ 		
/******/ 		// no HMR manifest
/******/ 	})();
/******/ 	
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: ./shared/run.ts
var run = __nccwpck_require__(1591);
;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = require("node:module");
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function issue(name, message = '') {
    issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
// EXTERNAL MODULE: external "crypto"
var external_crypto_ = __nccwpck_require__(6982);
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_.randomUUID()}`;
    const convertedValue = toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return __awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return __awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./shared/toolkit.ts
/**
 * The runner toolkit the bundles use: @actions/core's own command, file-command and summary
 * modules, composed into the `Core` interface without core.js itself. core.js imports the OIDC
 * client (and with it @actions/http-client and undici) and the platform module (@actions/exec);
 * none of the actions needs either, and loading them cost ~65 ms of every cold start (measured:
 * a bundle of `@actions/core` alone starts in 106 ms against 38 ms for `node -e 0`).
 *
 * The modules are imported by relative path: @actions/core's exports map hides `lib/*`, and a
 * path mapping (tsconfig `paths`) is not seen by every tool that runs these sources, e.g.
 * @github/local-action loading an action folder without a tsconfig.json of its own.
 */






const annotation = (level) => (message) => issueCommand(level, {}, message instanceof Error ? message.toString() : message);
/** Same semantics as @actions/core: runner file commands when the files exist, stdout commands otherwise. */
const lightCore = {
    getInput(name, options) {
        const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
        if (options?.required && !value)
            throw new Error(`Input required and not supplied: ${name}`);
        return options?.trimWhitespace === false ? value : value.trim();
    },
    setOutput(name, value) {
        if (process.env.GITHUB_OUTPUT)
            return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
        process.stdout.write(external_node_os_.EOL);
        issueCommand('set-output', { name }, toCommandValue(value));
    },
    setSecret: (secret) => issueCommand('add-mask', {}, secret),
    setFailed(message) {
        process.exitCode = 1;
        annotation('error')(message);
    },
    info: (message) => void process.stdout.write(message + external_node_os_.EOL),
    warning: annotation('warning'),
    error: annotation('error'),
    notice: annotation('notice'),
    debug: (message) => issueCommand('debug', {}, message),
    isDebug: () => process.env.RUNNER_DEBUG === '1',
    startGroup: (name) => issue('group', name),
    endGroup: () => issue('endgroup'),
    saveState(name, value) {
        if (process.env.GITHUB_STATE)
            return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
        issueCommand('save-state', { name }, toCommandValue(value));
    },
    getState: (name) => process.env[`STATE_${name}`] ?? '',
    summary: summary,
};
/**
 * @github/local-action (GitHub's local runner; its launcher sets TARGET_ACTION_PATH) runs an
 * action's TypeScript entry with @actions/core's core.js replaced by its own stub, which records
 * inputs, outputs, the summary and failures. There, every call must reach that stub: core.js is
 * loaded through a require that the bundler does not follow, so the bundles never load it.
 */
function localActionCore() {
    if (!process.env.TARGET_ACTION_PATH)
        return undefined;
    const base = typeof __filename === 'string' ? __filename : `${process.cwd()}/`;
    const packageName = '@actions/core';
    return (0,external_node_module_namespaceObject.createRequire)(base)(packageName);
}
let chosen;
const current = () => {
    chosen ??= localActionCore() ?? lightCore;
    return chosen;
};
/** The runner toolkit: the light composition above, or local-action's core where it runs us. */
const toolkit = {
    getInput: (name, options) => current().getInput(name, options),
    setOutput: (name, value) => current().setOutput(name, value),
    setSecret: (secret) => current().setSecret(secret),
    setFailed: (message) => current().setFailed(message),
    info: (message) => current().info(message),
    warning: (message) => current().warning(message),
    error: (message) => current().error(message),
    notice: (message) => current().notice(message),
    debug: (message) => current().debug(message),
    isDebug: () => current().isDebug(),
    startGroup: (name) => current().startGroup(name),
    endGroup: () => current().endGroup(),
    saveState: (name, value) => current().saveState(name, value),
    getState: (name) => current().getState(name),
    get summary() {
        return current().summary;
    },
};

// EXTERNAL MODULE: ./shared/errors.ts
var errors = __nccwpck_require__(2635);
;// CONCATENATED MODULE: ./shared/providers/index.ts
async function createTrafficProvider(target, deps) {
    switch (target.provider) {
        case 'cloud-run': {
            const { createCloudRunTrafficProvider } = await __nccwpck_require__.e(/* import() */ 636).then(__nccwpck_require__.bind(__nccwpck_require__, 2636));
            return createCloudRunTrafficProvider(target, deps);
        }
        case 'ecs': {
            const { createEcsTrafficProvider } = await __nccwpck_require__.e(/* import() */ 195).then(__nccwpck_require__.bind(__nccwpck_require__, 4195));
            return createEcsTrafficProvider(target, deps);
        }
    }
}

// EXTERNAL MODULE: ./shared/retry.ts
var retry = __nccwpck_require__(2372);
// EXTERNAL MODULE: ./shared/user-agent.ts + 1 modules
var user_agent = __nccwpck_require__(434);
// EXTERNAL MODULE: ./shared/traffic/split.ts
var traffic_split = __nccwpck_require__(2684);
;// CONCATENATED MODULE: ./shared/traffic/guards.ts
/**
 * What a canary step refuses after reading the service and naming its candidate, before any write:
 * a candidate that is the very revision serving production, and a split this rollout did not make
 * (another rollout's candidate still holding a share). Pure decisions on the state read.
 */


/** canary-shift's input that lets a step take over a split it did not make (action.yml declares it). */
const TAKE_OVER_INPUT = 'take-over';
/** The inputs that name or deploy a candidate, per provider, for messages. */
const CANDIDATE_INPUTS = {
    'cloud-run': { deploy: 'image', name: 'candidate' },
    ecs: { deploy: 'task-definition', name: 'candidate' },
};
/**
 * Refuses before the first write when:
 * - no candidate was asked for (the default is the newest ready revision) and the one found is
 *   what serves 100 %: shifting would tag the production revision and call it the candidate;
 * - the candidate asked for serves 100 % and the step would give it less: nothing else could
 *   take the rest (re-running the promotion step, at 100 %, stays a no-op);
 * - besides the stable target and this candidate, another target serves traffic (another
 *   rollout in flight or left half-way), unless `takeOver`. Folding that share silently would
 *   give an unvetted canary's traffic to the stable, and a rollback target that kept it would hand
 *   it back.
 */
function guardShift(provider, state, candidate, request, log) {
    const serving = (0,traffic_split/* servingEntries */.Hr)(state.observed);
    const inputs = CANDIDATE_INPUTS[provider];
    const asked = request.candidate.candidate !== undefined ||
        request.candidate.image !== undefined ||
        request.candidate.taskDefinition !== undefined;
    if (!asked && serving.length === 1 && serving[0]?.target === candidate.target) {
        throw new errors/* ActionError */.lZ(`no candidate to shift to: neither "${inputs.deploy}" nor "${inputs.name}" was given, and the newest ready ${provider === 'ecs' ? 'task definition' : 'revision'}, ${candidate.id}, is the one serving 100 % (the stable one). Give "${inputs.deploy}" to deploy a new one, or "${inputs.name}" to name it`);
    }
    if (serving.length === 1 && serving[0]?.target === candidate.target && request.percent < 100) {
        throw new errors/* ActionError */.lZ(`the candidate ${candidate.id} already serves 100 %, so no other ${provider === 'ecs' ? 'service' : 'revision'} is there to take ${100 - request.percent} %: is "${inputs.name}" the stable one? Name the new ${provider === 'ecs' ? 'task definition' : 'revision'}, or give "${inputs.deploy}"`);
    }
    const stable = (0,traffic_split/* stableOf */.PI)(serving, candidate.target);
    const foreign = serving.filter((e) => e.target !== candidate.target && e.target !== stable);
    if (foreign.length === 0)
        return;
    const named = foreign.map((e) => `${e.target} (${e.percent} %)`).join(', ');
    const others = [stable, ...foreign.map((e) => e.target)].join(' and ');
    if (!request.takeOver) {
        throw new errors/* ActionError */.lZ(`the service serves ${(0,traffic_split/* formatSplit */.oe)(serving)}, a split this rollout did not make: besides its candidate ${candidate.target}, ${others} serve traffic (another rollout in flight or left half-way, whose candidate is likely ${named}). Roll that rollout back or finish it first, or set "${TAKE_OVER_INPUT}: true" to give ${named} to ${stable}, the largest share, and record ${stable} at 100 % as the rollback target`);
    }
    log(`Taking over (${TAKE_OVER_INPUT}: true): ${named} goes back to ${stable}, the largest share; the rollback target is ${stable} at 100 %`);
}

// EXTERNAL MODULE: ./shared/traffic/types.ts
var types = __nccwpck_require__(6245);
;// CONCATENATED MODULE: ./shared/traffic/rollout.ts








/** Wait options for what is left of a step's deadline. */
function waitOptions(step, deadline) {
    return {
        timeoutMs: Math.max(0, deadline.at - step.clock.now()),
        pollMs: deadline.pollMs,
        signal: step.signal,
    };
}
/** The last known good state as a token, from the state read before this step's first write. */
function captureRollbackTarget(provider, state, candidateTarget, clock) {
    const traffic = (0,traffic_split/* lastGoodSplit */.mG)(state.observed, candidateTarget);
    if (traffic.length === 0) {
        throw new errors/* ActionError */.lZ('the service reports no serving traffic, so there is no known good state to return to');
    }
    return {
        v: 1,
        provider: provider.name,
        resource: provider.resource,
        traffic,
        ...(state.taskDefinitions === undefined ? {} : { taskDefinitions: state.taskDefinitions }),
        capturedAt: new Date(clock.now()).toISOString(),
    };
}
/**
 * One canary step. `progress` is filled in as the step goes, so a caller can report the state
 * reached when the step fails or is cancelled half-way.
 */
async function shiftTraffic(step, request, hooks, progress = {}) {
    const { provider } = step;
    const before = await provider.read();
    progress.before = before;
    progress.last = before;
    step.log(`Serving now: ${(0,traffic_split/* formatSplit */.oe)(before.observed)}${before.settled ? '' : ' (still converging)'}`);
    const planned = await provider.resolveCandidate(request.candidate, before);
    guardShift(provider.name, before, planned, request, step.log);
    const rollbackTarget = captureRollbackTarget(provider, before, planned.target, step.clock);
    const stable = (0,traffic_split/* servingEntries */.Hr)(rollbackTarget.traffic).sort((a, b) => b.percent - a.percent)[0]?.target;
    progress.rollbackTarget = rollbackTarget;
    if (stable !== undefined)
        progress.stable = stable;
    hooks.onRollbackTarget(rollbackTarget, stable);
    step.log(`Rollback target captured: ${(0,traffic_split/* formatSplit */.oe)(rollbackTarget.traffic)}`);
    (0,run/* throwIfCancelled */.d)(step.signal);
    const prepared = await provider.prepareCandidate(request.candidate, before, waitOptions(step, request.deadline));
    const { candidate } = prepared;
    progress.candidate = candidate;
    progress.last = prepared.state;
    hooks.onCandidate(candidate);
    step.log(`Candidate: ${candidate.id}${candidate.url ? ` at ${candidate.url}` : ''}`);
    const requested = (0,traffic_split/* computeSplit */.II)(prepared.state.observed, candidate, request.percent);
    progress.requested = requested;
    const state = prepared.state;
    let wrote = false;
    if ((0,traffic_split/* sameSplit */.xY)(state.desired, requested) && (0,traffic_split/* sameSplit */.xY)(state.observed, requested) && state.settled) {
        step.log(`The split already holds (${(0,traffic_split/* formatSplit */.oe)(requested)}): nothing to write`);
    }
    else {
        // A failed reconcile of the same split is retried by writing it again (a new generation).
        if (!(0,traffic_split/* sameSplit */.xY)(state.desired, requested) || state.failure !== undefined) {
            (0,run/* throwIfCancelled */.d)(step.signal);
            step.log(`Writing split: ${(0,traffic_split/* formatSplit */.oe)(requested)}`);
            await provider.setSplit(requested, state.version);
            wrote = true;
        }
        else {
            step.log(`The split ${(0,traffic_split/* formatSplit */.oe)(requested)} was already asked for; waiting for the platform to serve it`);
        }
    }
    progress.wrote = wrote;
    const holds = !wrote && state.settled && (0,traffic_split/* sameSplit */.xY)(state.observed, requested);
    const last = holds ? state : await waitForSplit(step, requested, request.deadline, progress);
    return { before, candidate, last, requested, wrote };
}
/** Polls until the observed split is `split`; keeps the last state read in progress.last. */
async function waitForSplit(step, split, deadline, progress) {
    try {
        const observed = await step.provider.waitForObserved(split, waitOptions(step, deadline));
        progress.last = observed;
        step.log(`Observed: ${(0,traffic_split/* formatSplit */.oe)(observed.observed)}`);
        return observed;
    }
    catch (err) {
        if (err instanceof types/* SplitNotObservedError */.k && err.state !== undefined)
            progress.last = err.state;
        throw err;
    }
}
/** Backoff between rollback rounds (a conflict or a failed reconcile): full jitter, doubling. */
const ROUND_BACKOFF = { baseDelayMs: 500, maxDelayMs: 8000 };
/**
 * Returns the resource to a recorded state and proves it by reading back what the platform serves.
 * Converges: when the state already holds nothing is written. Persists until the step's deadline:
 * another writer in between (e.g. a second rollback running at the same time) means back off, read
 * again and decide again; a failed reconcile means back off and write again (a new generation), as
 * a re-run of canary-shift does. Retryable API errors are retried inside the provider, to the same
 * deadline.
 */
async function restoreTraffic(step, source, deadline, progress = {}) {
    const { provider } = step;
    let state = await provider.read();
    progress.before = state;
    progress.last = state;
    const before = state;
    step.log(`Serving now: ${formatSplit(state.observed)}${state.settled ? '' : ' (still converging)'}`);
    const target = source.kind === 'token' ? source.target : await provider.explicitTarget(source.id, state);
    step.log(`Restoring: ${formatSplit(target.traffic)} (captured ${target.capturedAt})`);
    let wrote = false;
    let redeployed = false;
    for (let round = 1;; round++) {
        try {
            if (!sameSplit(state.desired, target.traffic) || state.failure !== undefined) {
                throwIfCancelled(step.signal);
                await provider.setSplit(target.traffic, state.version);
                wrote = true;
            }
            if (provider.restoreTaskDefinitions !== undefined && target.taskDefinitions !== undefined) {
                throwIfCancelled(step.signal);
                redeployed =
                    (await provider.restoreTaskDefinitions(target, waitOptions(step, deadline))) || redeployed;
            }
            const observedAlready = sameSplit(state.observed, target.traffic) && state.settled;
            const last = wrote || !observedAlready ? await waitForSplit(step, target.traffic, deadline, progress) : state;
            return {
                rolledBack: wrote || redeployed || !sameSplit(before.observed, target.traffic),
                target,
                before,
                last,
            };
        }
        catch (err) {
            const conflict = err instanceof ConcurrentWriteError;
            const failedReconcile = err instanceof SplitNotObservedError && err.state?.failure !== undefined;
            if (!conflict && !failedReconcile)
                throw err;
            const delayMs = backoffDelayMs(round, ROUND_BACKOFF);
            if (step.clock.now() + delayMs >= deadline.at)
                throw err;
            step.log(conflict
                ? `Another writer changed the service (${errorMessage(err)}); reading it again in ${delayMs} ms`
                : `The platform did not apply the rollback (${errorMessage(err)}); writing it again in ${delayMs} ms`);
            await step.clock.sleep(delayMs, step.signal);
            state = await provider.read();
            progress.last = state;
        }
    }
}
/** Reads the state once more for a report after a failure or cancellation; never writes. */
async function readForReport(step, fallback, timeoutMs = 5000) {
    const timeout = new Promise((resolve) => {
        const timer = setTimeout(() => resolve(undefined), timeoutMs);
        timer.unref();
    });
    try {
        return (await Promise.race([step.provider.read(), timeout])) ?? fallback;
    }
    catch {
        return fallback;
    }
}
function isCancellation(err, signal) {
    return err instanceof CancelledError || signal.aborted;
}
/**
 * A step with its own deadline (`timeoutMs` from now): the provider for `target`, built now (its
 * SDK loads now), stopping its retries at that deadline.
 */
async function openStep(ctx, target, action, timing) {
    const deadline = { at: ctx.clock.now() + timing.timeoutMs, pollMs: timing.pollMs };
    const provider = await createTrafficProvider(target, {
        ...providerDeps(ctx, action),
        deadlineAt: deadline.at,
    });
    const step = { provider, clock: ctx.clock, signal: ctx.signal, log: (m) => ctx.core.info(m) };
    return { step, deadline };
}
/** What a provider is built with, from the action's context. */
function providerDeps(ctx, action, env = process.env) {
    return {
        clock: ctx.clock,
        signal: ctx.signal,
        log: (message) => ctx.core.info(message),
        userAgent: (0,user_agent/* userAgent */.N1)(action, env),
        env,
    };
}

// EXTERNAL MODULE: ./shared/traffic/settings.ts
var traffic_settings = __nccwpck_require__(4851);
// EXTERNAL MODULE: ./shared/summary.ts
var shared_summary = __nccwpck_require__(6566);
;// CONCATENATED MODULE: ./shared/traffic/summary.ts
/** Job summaries of a traffic change: the split before and after, as a table and as two pie charts. */


function renderSplitSummary(report) {
    const before = (0,traffic_split/* servingEntries */.Hr)(report.before);
    const after = report.after === undefined ? undefined : (0,traffic_split/* servingEntries */.Hr)(report.after);
    const targets = [...new Set([...before, ...(after ?? [])].map((e) => e.target))];
    const share = (split, target) => split === undefined ? 'unknown' : `${split.find((e) => e.target === target)?.percent ?? 0} %`;
    const rows = targets.map((target) => {
        const tag = report.tags?.[target];
        const url = tag === undefined ? undefined : report.urls?.[tag];
        return [
            target,
            report.roles?.[target] ?? '',
            share(before, target),
            share(after, target),
            tag === undefined ? '' : url === undefined ? tag : `${tag}: ${url}`,
        ];
    });
    const slices = (split) => split.map((e) => ({
        label: report.roles?.[e.target] ? `${report.roles[e.target]} ${e.target}` : e.target,
        value: e.percent,
    }));
    return [
        (0,shared_summary/* heading */.R_)(report.title),
        '',
        (0,shared_summary/* text */.Qq)(report.detail),
        '',
        (0,shared_summary/* table */.tp)(['Target', 'Role', 'Before', 'After', 'Tag'], rows),
        '',
        (0,shared_summary/* pieChart */.jS)('Before', slices(before)),
        '',
        after === undefined ? '_After: the serving state could not be read._' : (0,shared_summary/* pieChart */.jS)('After', slices(after)),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./shared/traffic/token.ts
/**
 * The rollback token: canary-shift's `rollback-target` output, rollback's `to` input. Plain JSON so
 * an operator can read it in the job log and hand-edit it in an emergency; validated field by
 * field so a damaged or foreign token fails before any API call.
 */


const EXAMPLE = '{"v":1,"provider":"cloud-run","resource":{"project":"p","region":"europe-west1","service":"shop"},"traffic":[{"target":"shop-00001-abc","percent":100}],"capturedAt":"2026-01-01T00:00:00.000Z"}';
function encodeRollbackTarget(target) {
    return JSON.stringify(target);
}
const isRecordOfStrings = (value) => typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string');
function parseEntry(value, input, index) {
    const fail = (problem) => {
        throw new InputError(input, `traffic entry ${index + 1} ${problem}`, EXAMPLE);
    };
    if (typeof value !== 'object' || value === null)
        return fail('is not an object');
    const entry = value;
    if (typeof entry.target !== 'string' || entry.target === '')
        return fail('has no "target"');
    const percent = entry.percent;
    if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100) {
        return fail('has no whole "percent" between 0 and 100');
    }
    if (entry.tag !== undefined && typeof entry.tag !== 'string')
        return fail('has a "tag" that is not a string');
    return { target: entry.target, percent, ...(typeof entry.tag === 'string' ? { tag: entry.tag } : {}) };
}
/**
 * Parses and checks a token for this provider and resource. Errors name the input and never echo
 * the token itself (it is long, and a truncated copy helps nobody).
 */
function decodeRollbackTarget(text, input, expected) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new InputError(input, 'is not a rollback-target token (not JSON)', EXAMPLE);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new InputError(input, 'is not a rollback-target token (not a JSON object)', EXAMPLE);
    }
    const token = parsed;
    if (token.v !== 1)
        throw new InputError(input, `has an unknown token version ${JSON.stringify(token.v)}`, EXAMPLE);
    if (token.provider !== expected.provider) {
        throw new InputError(input, `was captured for provider ${JSON.stringify(token.provider)}, not "${expected.provider}"`, EXAMPLE);
    }
    if (!isRecordOfStrings(token.resource))
        throw new InputError(input, 'has no "resource"', EXAMPLE);
    for (const [key, value] of Object.entries(expected.resource)) {
        if (token.resource[key] !== value) {
            throw new InputError(input, `was captured for ${key} "${token.resource[key] ?? ''}", not "${value}": it belongs to another resource`, EXAMPLE);
        }
    }
    if (!Array.isArray(token.traffic) || token.traffic.length === 0) {
        throw new InputError(input, 'has no "traffic" entries', EXAMPLE);
    }
    const traffic = token.traffic.map((entry, i) => parseEntry(entry, input, i));
    const total = servingEntries(traffic).reduce((sum, e) => sum + e.percent, 0);
    if (total !== 100)
        throw new InputError(input, `has traffic summing to ${total} %, not 100 %`, EXAMPLE);
    if (token.taskDefinitions !== undefined && !isRecordOfStrings(token.taskDefinitions)) {
        throw new InputError(input, 'has "taskDefinitions" that are not name → ARN strings', EXAMPLE);
    }
    const capturedAt = typeof token.capturedAt === 'string' ? token.capturedAt : '';
    if (Number.isNaN(Date.parse(capturedAt)))
        throw new InputError(input, 'has no valid "capturedAt" time', EXAMPLE);
    return {
        v: 1,
        provider: expected.provider,
        resource: token.resource,
        traffic,
        ...(token.taskDefinitions === undefined ? {} : { taskDefinitions: token.taskDefinitions }),
        capturedAt,
    };
}

// EXTERNAL MODULE: ./shared/cloud-identities.ts
var cloud_identities = __nccwpck_require__(474);
;// CONCATENATED MODULE: ./shared/mask.ts
/**
 * Authorization schemes whose credential part is a secret on its own: a server that echoes
 * `Authorization: Bearer <token>` usually echoes the bare token. The IANA HTTP Authentication
 * Scheme Registry, plus the vendor schemes people put in headers (GitHub `token`, Slack and
 * Discord `Bot`, `ApiKey`, GoDaddy `sso-key`, Splunk, Opsgenie `GenieKey`, AWS SigV4).
 */
const AUTH_SCHEME = /^(basic|bearer|token|bot|digest|dpop|gnap|hoba|mutual|negotiate|ntlm|oauth|privatetoken|scram-sha-1|scram-sha-256|vapid|concealed|apikey|api-key|key|sso-key|splunk|geniekey|aws4-hmac-sha256)\s+(\S[\s\S]*)$/i;
/** `name=value` or `name="value"` pairs of a parameterised scheme (Digest, SigV4, VAPID). */
const AUTH_PARAM = /([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]+)/g;
/** Parameter values shorter than this (`MD5`, `auth`, a region) are not worth hiding alone. */
const MIN_PARAM_SECRET = 8;
/** Fragments shorter than this would mask harmless text everywhere. */
const MIN_FORM = 4;
/** The secret parts of an Authorization-style value: the credentials, decoded where they are encoded. */
function credentialParts(value) {
    const match = value.trim().match(AUTH_SCHEME);
    if (!match)
        return [];
    const scheme = (match[1] ?? '').toLowerCase();
    const credentials = (match[2] ?? '').trim();
    const parts = [credentials];
    if (scheme === 'basic') {
        const decoded = Buffer.from(credentials, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        // Only a real base64 user:password, not bytes that happened to decode.
        if (colon >= 0 &&
            Buffer.from(decoded, 'utf8').toString('base64').replace(/=+$/, '') === credentials.replace(/=+$/, '')) {
            parts.push(decoded, decoded.slice(colon + 1));
        }
    }
    for (const [, , raw = ''] of credentials.matchAll(AUTH_PARAM)) {
        const param = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
        if (param.length >= MIN_PARAM_SECRET)
            parts.push(param);
    }
    return parts;
}
/** The encodings code may apply to a value before writing it out. */
function encodings(value) {
    const base64 = Buffer.from(value, 'utf8').toString('base64');
    return [
        value,
        encodeURIComponent(value),
        encodeURI(value),
        base64,
        base64.replace(/=+$/, ''),
        Buffer.from(value, 'utf8').toString('base64url'),
        JSON.stringify(value).slice(1, -1),
    ];
}
/**
 * Every form in which a secret may be written out by code that handles it: the runner masks only
 * the exact strings it is given, so an encoded copy, or the bare credential of an auth header,
 * would leak.
 */
function derivedForms(secret) {
    const forms = new Set(encodings(secret));
    for (const part of credentialParts(secret))
        for (const form of encodings(part))
            forms.add(form);
    // A URL's credentials and query string are secrets on their own.
    try {
        const url = new URL(secret);
        // A lone user name is often a token (https://<token>@host). Beside a password it is an identity
        // (postgres://postgres:…@db), and masking it would blank every "postgres" in the logs.
        if (url.username && !url.password)
            forms.add(url.username).add(decodeURIComponent(url.username));
        if (url.password)
            forms.add(url.password).add(decodeURIComponent(url.password));
        if (url.username && url.password)
            forms.add(`${url.username}:${url.password}`);
        if (url.pathname.length > 1 && /hooks\.|webhook/i.test(url.href))
            forms.add(url.pathname);
        if (url.search)
            forms.add(url.search.slice(1));
    }
    catch {
        // not a URL
    }
    return [...forms].filter((form) => form.length >= MIN_FORM);
}
/**
 * A value that may be a URL, fit to quote in a message: whatever could be credentials (everything
 * up to the last `@` of its authority) is replaced, even when the value does not parse as a URL.
 */
function withoutUserinfo(value) {
    return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^#]*@/i, (_, scheme) => `${scheme ?? ''}***@`);
}
/** Registers a secret and its derived forms with the runner so no log line can show them. */
function maskSecret(core, secret) {
    if (!secret)
        return;
    for (const form of derivedForms(secret))
        core.setSecret(form);
}
/** Replaces every derived form of each secret in a text, for messages built before masking applies. */
function redact(text, secrets) {
    const forms = secrets.flatMap((secret) => (secret ? derivedForms(secret) : []));
    let out = text;
    // Longest first, so a whole header value is replaced before the credential inside it.
    for (const form of forms.sort((a, b) => b.length - a.length))
        out = out.split(form).join('***');
    return out;
}

;// CONCATENATED MODULE: ./shared/inputs.ts


const DURATION_UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/**
 * The longest duration any input takes: setTimeout stores its delay as a signed 32-bit number and
 * fires after 1 ms for anything longer, so a larger timeout would end a wait at once.
 */
const MAX_DURATION_MS = 2 ** 31 - 1;
// Decimal digits only: Number() would also take "1e2", "0x0A", "0b11" and " 10 ".
const DECIMAL_INTEGER = /^-?\d+$/;
const DECIMAL_NUMBER = /^-?\d+(\.\d+)?$/;
/** Parses a decimal integer ("42", "-3") or, with `fraction`, a decimal number ("0.25"); undefined otherwise. */
function parseDecimal(text, options = {}) {
    if (!(options.fraction ? DECIMAL_NUMBER : DECIMAL_INTEGER).test(text))
        return undefined;
    const value = Number(text);
    return Number.isSafeInteger(value) || (options.fraction && Number.isFinite(value)) ? value : undefined;
}
/**
 * Parses "1h30m", "90s", "250ms" or "45" (seconds) into milliseconds; undefined when malformed or
 * longer than MAX_DURATION_MS.
 */
function parseDurationMs(text) {
    const ms = durationOf(text);
    return ms !== undefined && ms <= MAX_DURATION_MS ? ms : undefined;
}
function durationOf(text) {
    const trimmed = text.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    const parts = trimmed.match(/(\d+(?:\.\d+)?)(ms|s|m|h)/g);
    if (!parts || parts.join('') !== trimmed)
        return undefined;
    let total = 0;
    for (const part of parts) {
        const [, amount, unit] = part.match(/^(\d+(?:\.\d+)?)(ms|s|m|h)$/) ?? [];
        total += Number(amount) * (DURATION_UNITS[unit ?? ''] ?? Number.NaN);
    }
    return Number.isFinite(total) ? Math.round(total) : undefined;
}
function checkRange(name, value, options) {
    const example = options.example ?? String(options.min ?? 0);
    if (options.min !== undefined && value < options.min) {
        throw new errors/* InputError */.dz(name, `${value} is below the minimum ${options.min}`, example);
    }
    if (options.max !== undefined && value > options.max) {
        throw new errors/* InputError */.dz(name, `${value} is above the maximum ${options.max}`, example);
    }
    return value;
}
function inputReader(core) {
    const optional = (name) => {
        const value = core.getInput(name).trim();
        return value === '' ? undefined : value;
    };
    const parseNumber = (name, options, integer) => {
        // Untrimmed: " 10 " is refused like any other form that is not plain digits.
        const raw = core.getInput(name, { trimWhitespace: false });
        if (raw.trim() === '')
            return undefined;
        const value = parseDecimal(raw, { fraction: !integer });
        if (value === undefined) {
            const kind = integer ? 'a whole number in decimal digits' : 'a decimal number';
            throw new errors/* InputError */.dz(name, `${JSON.stringify(raw)} is not ${kind} (no spaces, exponents, 0x/0b prefixes or underscores)`, options.example ?? String(options.min ?? 1));
        }
        return checkRange(name, value, options);
    };
    const reader = {
        optional,
        required(name, example) {
            const value = optional(name);
            if (value === undefined)
                throw new errors/* InputError */.dz(name, 'is required', example);
            return value;
        },
        secret(name) {
            // Mask the raw value too: getInput trims, and the untrimmed form could still be printed.
            const raw = core.getInput(name, { trimWhitespace: false });
            maskSecret(core, raw);
            const value = optional(name);
            maskSecret(core, value);
            return value;
        },
        integer: (name, options) => parseNumber(name, options, true) ?? options.default,
        optionalInteger: (name, options) => parseNumber(name, options, true),
        number: (name, options) => parseNumber(name, options, false) ?? options.default,
        optionalNumber: (name, options) => parseNumber(name, options, false),
        boolean(name, fallback) {
            const raw = optional(name);
            if (raw === undefined)
                return fallback;
            if (/^(true|yes|on|1)$/i.test(raw))
                return true;
            if (/^(false|no|off|0)$/i.test(raw))
                return false;
            throw new errors/* InputError */.dz(name, `"${raw}" is not a boolean`, 'true');
        },
        choice(name, choices, fallback) {
            const value = reader.optionalChoice(name, choices) ?? fallback;
            if (value === undefined)
                throw new errors/* InputError */.dz(name, 'is required', choices.join(' | '));
            return value;
        },
        optionalChoice(name, choices) {
            const raw = optional(name);
            if (raw === undefined)
                return undefined;
            const match = choices.find((choice) => choice === raw.toLowerCase());
            if (match === undefined) {
                throw new errors/* InputError */.dz(name, `"${raw}" is not one of ${choices.join(', ')}`, choices[0]);
            }
            return match;
        },
        durationMs(name, fallback) {
            const raw = optional(name) ?? fallback;
            const ms = durationOf(raw);
            if (ms === undefined || ms < 0) {
                throw new errors/* InputError */.dz(name, `"${raw}" is not a duration`, '5m, 90s, 1h30m or 30');
            }
            if (ms > MAX_DURATION_MS) {
                throw new errors/* InputError */.dz(name, `"${raw}" is longer than the longest duration a timer can wait (${MAX_DURATION_MS} ms, about 24 days)`, fallback);
            }
            return ms;
        },
        url(name, options = {}) {
            const raw = optional(name);
            if (raw === undefined)
                return undefined;
            const schemes = options.schemes ?? ['http', 'https'];
            const example = options.example ?? `${schemes[schemes.length - 1]}://example.com`;
            let url;
            try {
                url = new URL(raw);
            }
            catch {
                throw new errors/* InputError */.dz(name, `"${withoutUserinfo(raw)}" is not an absolute URL with a scheme`, example);
            }
            if (!schemes.includes(url.protocol.slice(0, -1))) {
                throw new errors/* InputError */.dz(name, `scheme "${url.protocol}" is not one of ${schemes.join(', ')}`, example);
            }
            return url;
        },
        list(name) {
            return (optional(name) ?? '')
                .split(/[\n,]/)
                .map((item) => item.trim())
                .filter((item) => item !== '');
        },
    };
    return reader;
}

// EXTERNAL MODULE: ./shared/providers/cloud-run/names.ts
var names = __nccwpck_require__(5313);
// EXTERNAL MODULE: ./shared/providers/ecs/task-definition.ts
var task_definition = __nccwpck_require__(5276);
;// CONCATENATED MODULE: ./shared/traffic/steps.ts
/**
 * A rollout's steps: the candidate's share after each shift, e.g. `5,10,20,30,50,75,100`. Validated
 * whole, in one place, before anything runs (rollout's plan-only reaches it from a pipeline's plan
 * job): every value a whole percentage from 1 to 100, strictly increasing, ending at 100.
 */

const STEPS_INPUT = 'steps';
const STEPS_EXAMPLE = '5,10,20,30,50,75,100';
/** The shares, in order; an InputError naming `input` (and an accepted value) otherwise. */
function parseSteps(raw, input = STEPS_INPUT) {
    const fail = (problem) => {
        throw new errors/* InputError */.dz(input, problem, STEPS_EXAMPLE);
    };
    if (raw === undefined || raw.trim() === '')
        return fail('is required');
    const parts = raw.split(',').map((part) => part.trim());
    const steps = [];
    for (const [index, part] of parts.entries()) {
        if (part === '')
            fail(`has an empty value at position ${index + 1}`);
        // Decimal digits only: Number() would also take "1e2", "0x0A" and "12.0".
        if (!/^\d{1,3}$/.test(part))
            fail(`"${part}" is not a whole percentage`);
        const percent = Number(part);
        if (percent < 1 || percent > 100)
            fail(`${percent} is outside 1–100`);
        const previous = steps.at(-1);
        if (previous !== undefined && percent === previous)
            fail(`lists ${percent} twice`);
        if (previous !== undefined && percent < previous) {
            fail(`must increase, and ${percent} comes after ${previous}`);
        }
        steps.push(percent);
    }
    if (steps.at(-1) !== 100)
        fail(`must end at 100 (the promotion), and ends at ${steps.at(-1)}`);
    return steps;
}
/** The steps as the `steps` output and the summary show them. */
function formatSteps(steps) {
    return steps.join(',');
}

;// CONCATENATED MODULE: ./actions/canary-shift/src/inputs.ts








/** Input and output names, mirroring action.yml (a test checks they agree). */
const INPUTS = {
    ...traffic_settings/* TARGET_INPUTS */.gd,
    percent: 'percent',
    timeout: 'timeout',
    pollInterval: 'poll-interval',
    candidate: 'candidate',
    image: 'image',
    candidateTag: 'candidate-tag',
    revisionSuffix: 'revision-suffix',
    taskDefinition: 'task-definition',
    takeOver: TAKE_OVER_INPUT,
    steps: 'steps',
};
const OUTPUTS = {
    stable: 'stable',
    candidate: 'candidate',
    candidateUrl: 'candidate-url',
    observedTraffic: 'observed-traffic',
    rollbackTarget: 'rollback-target',
};
// Cloud Run tags and revision suffixes: lower case letters, digits and hyphens.
const TAG = /^[a-z]([-a-z0-9]{0,44}[a-z0-9])?$/;
const SUFFIX = /^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/;
const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(:\d+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
/**
 * ECS: a task definition file (`*.json`, relative to the workspace) is read and checked now, before
 * any API call, and handed on as an absolute path; an ARN or family:revision is handed on as is.
 */
function taskDefinitionInput(value) {
    if (!(0,task_definition/* isTaskDefinitionFile */.px)(value))
        return value;
    const path = (0,task_definition/* taskDefinitionPath */.en)(value, process.env.GITHUB_WORKSPACE ?? process.cwd());
    (0,task_definition/* readTaskDefinitionFile */.BD)(path, INPUTS.taskDefinition);
    return path;
}
function readSettings(core) {
    const read = inputReader(core);
    const target = (0,traffic_settings/* readTrafficTarget */.zs)(read, {
        [INPUTS.image]: 'cloud-run',
        [INPUTS.candidateTag]: 'cloud-run',
        [INPUTS.revisionSuffix]: 'cloud-run',
        [INPUTS.taskDefinition]: 'ecs',
    });
    const percent = read.optionalInteger(INPUTS.percent, { min: 0, max: 100, example: '10' });
    if (percent === undefined)
        throw new errors/* InputError */.dz(INPUTS.percent, 'is required', '10');
    const timeoutMs = read.durationMs(INPUTS.timeout, '10m');
    const pollMs = read.durationMs(INPUTS.pollInterval, '5s');
    if (pollMs < 100)
        throw new errors/* InputError */.dz(INPUTS.pollInterval, 'must be at least 100ms', '5s');
    const candidate = read.optional(INPUTS.candidate);
    return {
        target,
        percent,
        candidate: readCandidate(read, target, candidate),
        timeoutMs,
        pollMs,
        takeOver: read.boolean(INPUTS.takeOver, false),
    };
}
function readCandidate(read, target, candidate) {
    if (target.provider === 'ecs') {
        const taskDefinition = read.optional(INPUTS.taskDefinition);
        if (candidate !== undefined && taskDefinition !== undefined) {
            throw new errors/* InputError */.dz(INPUTS.candidate, 'give either "candidate" or "task-definition", not both', 'shop:42');
        }
        for (const [name, value] of [
            [INPUTS.candidate, candidate],
            [INPUTS.taskDefinition, taskDefinition],
        ]) {
            if (name === INPUTS.taskDefinition && value !== undefined && (0,task_definition/* isTaskDefinitionFile */.px)(value))
                continue;
            if (value !== undefined)
                (0,cloud_identities/* checkIdentity */.Z0)(cloud_identities/* ECS_TASK_DEFINITION */.mJ, name, value);
        }
        // ECS-native: the rollout's steps, validated as rollout validates them; the provider maps them onto the strategy.
        const rawSteps = read.optional(INPUTS.steps);
        const steps = rawSteps === undefined ? undefined : parseSteps(rawSteps, INPUTS.steps);
        return {
            ...(candidate === undefined ? {} : { candidate }),
            ...(taskDefinition === undefined ? {} : { taskDefinition: taskDefinitionInput(taskDefinition) }),
            ...(steps === undefined ? {} : { steps }),
        };
    }
    const image = read.optional(INPUTS.image);
    if (candidate !== undefined && image !== undefined) {
        throw new errors/* InputError */.dz(INPUTS.candidate, 'give either "candidate" or "image", not both', `${target.service}-00042-abc`);
    }
    if (candidate !== undefined)
        (0,traffic_settings/* checkCandidate */.We)(target, INPUTS.candidate, candidate);
    if (image !== undefined && !IMAGE.test(image)) {
        throw new errors/* InputError */.dz(INPUTS.image, `"${image}" is not a container image reference`, 'europe-docker.pkg.dev/p/repo/shop:1.2.3');
    }
    const tag = read.optional(INPUTS.candidateTag) ?? 'canary';
    if (!TAG.test(tag))
        throw new errors/* InputError */.dz(INPUTS.candidateTag, `"${tag}" is not a traffic tag`, 'canary');
    const revisionSuffix = read.optional(INPUTS.revisionSuffix);
    if (revisionSuffix !== undefined) {
        if (image === undefined)
            throw new errors/* InputError */.dz(INPUTS.revisionSuffix, 'only applies with "image"', 'v42');
        if (!SUFFIX.test(revisionSuffix) || target.service.length + 1 + revisionSuffix.length > 63) {
            throw new errors/* InputError */.dz(INPUTS.revisionSuffix, `"${revisionSuffix}" is not a revision suffix (lower case letters, digits, hyphens; service-suffix ≤ 63 characters)`, 'v42');
        }
    }
    const request = {
        tag,
        ...(candidate === undefined ? {} : { candidate }),
        ...(image === undefined ? {} : { image }),
        ...(revisionSuffix === undefined ? {} : { revisionSuffix }),
    };
    (0,names/* checkCandidateNames */.Cs)(target.service, request, {
        tag: INPUTS.candidateTag,
        revisionSuffix: INPUTS.revisionSuffix,
        image: INPUTS.image,
    });
    return request;
}

;// CONCATENATED MODULE: ./actions/canary-shift/src/main.ts








const ACTION_NAME = 'canary-shift';
async function main_run(core = toolkit, clock) {
    await (0,run/* runAction */.C)(ACTION_NAME, (ctx) => canaryShift(ctx), { core, ...(clock ? { clock } : {}) });
}
async function canaryShift(ctx) {
    const { core } = ctx;
    const settings = readSettings(core);
    const started = ctx.clock.now();
    core.info(`Shifting ${(0,traffic_settings/* describeTarget */.ff)(settings.target)} to ${settings.percent} % candidate`);
    const { step, deadline } = await openStep(ctx, settings.target, ACTION_NAME, settings);
    const { provider } = step;
    const progress = {};
    // Failed or cancelled half-way: say what is served now, so a following rollback job can act.
    ctx.onInterrupt(async () => {
        const last = await readForReport(step, progress.last);
        reportState(core, last);
        await writeSummary(core, settings, progress, last, `❌ Canary shift to ${settings.percent} % did not complete`);
    });
    const result = await shiftTraffic(step, { candidate: settings.candidate, percent: settings.percent, takeOver: settings.takeOver, deadline }, {
        onRollbackTarget(target, stable) {
            core.setOutput(OUTPUTS.rollbackTarget, encodeRollbackTarget(target));
            core.setOutput(OUTPUTS.stable, stable ?? '');
        },
        onCandidate(candidate) {
            core.setOutput(OUTPUTS.candidate, candidate.id);
            core.setOutput(OUTPUTS.candidateUrl, candidate.url ?? '');
        },
    }, progress);
    reportState(core, result.last);
    const seconds = ((ctx.clock.now() - started) / 1000).toFixed(1);
    const verb = result.wrote ? 'now serves' : 'already served';
    core.info(`✓ ${settings.percent} % on ${result.candidate.id}: the platform ${verb} ${(0,traffic_split/* formatSplit */.oe)(result.last.observed)} (${seconds} s, ${provider.apiCalls()} API calls)`);
    await writeSummary(core, settings, progress, result.last, `✅ Canary at ${settings.percent} %${result.wrote ? '' : ' (already held: nothing written)'}`, `${seconds} s, ${provider.apiCalls()} API calls`);
}
function reportState(core, state) {
    if (state !== undefined)
        core.setOutput(OUTPUTS.observedTraffic, JSON.stringify(state.observed));
}
async function writeSummary(core, settings, progress, last, title, cost = '') {
    if (progress.before === undefined)
        return;
    const roles = {};
    if (progress.stable)
        roles[progress.stable] = 'stable';
    if (progress.candidate)
        roles[progress.candidate.target] = 'candidate';
    const tags = {};
    for (const entry of [...(last?.desired ?? []), ...(last?.observed ?? [])]) {
        if (entry.tag)
            tags[entry.target] = entry.tag;
    }
    const detail = [
        (0,traffic_settings/* describeTarget */.ff)(settings.target),
        progress.rollbackTarget ? `rollback target: ${(0,traffic_split/* formatSplit */.oe)(progress.rollbackTarget.traffic)}` : '',
        cost,
    ]
        .filter((part) => part !== '')
        .join(' · ');
    await core.summary
        .addRaw(renderSplitSummary({
        title,
        detail,
        before: progress.before.observed,
        after: last?.observed,
        roles,
        tags,
        ...(last?.urls ? { urls: last.urls } : {}),
    }), true)
        .write();
}

;// CONCATENATED MODULE: ./actions/canary-shift/src/index.ts

void main_run();

module.exports = __webpack_exports__;
/******/ })()
;