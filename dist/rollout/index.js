/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({

/***/ 59032:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ku: () => (/* binding */ endpointOverride),
/* harmony export */   Qf: () => (/* binding */ createCheckedAwsClient),
/* harmony export */   bz: () => (/* binding */ regionFrom),
/* harmony export */   nV: () => (/* binding */ createAwsClient)
/* harmony export */ });
/* unused harmony exports AWS_ENDPOINT_ENV, awsClientConfig */
/* harmony import */ var _credentials__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(42252);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(32635);
/**
 * The one place AWS SDK clients are built. Every client gets a user agent naming the action and
 * its version, the SDK's retry settings made explicit (standard mode, a fixed number of attempts),
 * the region, and, for tests only, an endpoint on loopback. Credentials are left to the SDK's
 * default chain (environment, web identity from aws-actions/configure-aws-credentials, …): no
 * action takes a key as an input.
 *
 * The SDK packages are not imported here: callers pass the client class they imported lazily,
 * so a bundle pays for an SDK only on the path that uses it.
 */


/**
 * Test-only: points every AWS client at this URL (the local emulator). It must be a loopback
 * address; production runs never set it.
 */
const AWS_ENDPOINT_ENV = 'ROLLOUT_ACTIONS_AWS_ENDPOINT';
/** Reads and checks the test-only endpoint override; only loopback addresses are accepted. */
function endpointOverride(env = process.env) {
    const raw = env[AWS_ENDPOINT_ENV]?.trim();
    if (!raw)
        return undefined;
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${AWS_ENDPOINT_ENV} is not a URL: ${raw}`);
    }
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`${AWS_ENDPOINT_ENV} is for tests against a local emulator and must be a loopback URL`);
    }
    return url.origin;
}
function awsClientConfig(settings, env = process.env) {
    const endpoint = settings.endpoint ?? endpointOverride(env);
    const timeout = settings.requestTimeoutMs;
    return {
        region: settings.region,
        maxAttempts: settings.maxAttempts ?? 4,
        retryMode: 'standard',
        customUserAgent: settings.userAgent,
        ...(endpoint ? { endpoint } : {}),
        ...(timeout ? { requestHandler: { requestTimeout: timeout, connectionTimeout: timeout } } : {}),
        ...(settings.forcePathStyle ? { forcePathStyle: true } : {}),
    };
}
/**
 * Builds an SDK client and checks, before any request, that the default chain yields credentials
 * (shared/credentials): `await createCheckedAwsClient(ECSClient, { region, userAgent })`.
 */
async function createCheckedAwsClient(ClientClass, settings, env = process.env) {
    const client = createAwsClient(ClientClass, settings, env);
    await (0,_credentials__WEBPACK_IMPORTED_MODULE_0__/* .requireAwsCredentials */ .he)(client);
    return client;
}
/** Builds an SDK client: `createAwsClient(ECSClient, { region, userAgent })`. */
function createAwsClient(ClientClass, settings, env = process.env) {
    return new ClientClass(awsClientConfig(settings, env));
}
/** The region from the input, else the environment the AWS credentials action leaves. */
function regionFrom(input, env = process.env) {
    return input ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
}


/***/ }),

/***/ 17128:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Vi: () => (/* binding */ timelineFromEnv),
/* harmony export */   ml: () => (/* binding */ systemClock),
/* harmony export */   vs: () => (/* binding */ scaledClock)
/* harmony export */ });
/* unused harmony exports TIME_SCALE_ENV, TIME_ORIGIN_ENV, toVirtual, toWall, timelineEnv */
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

/***/ 60474:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gb: () => (/* binding */ GCP_REGION),
/* harmony export */   Kf: () => (/* binding */ ECS_SERVICE),
/* harmony export */   Lk: () => (/* binding */ ECS_CLUSTER),
/* harmony export */   ON: () => (/* binding */ ALB),
/* harmony export */   VN: () => (/* binding */ AWS_REGION),
/* harmony export */   Z0: () => (/* binding */ checkIdentity),
/* harmony export */   _4: () => (/* binding */ TARGET_GROUP),
/* harmony export */   _L: () => (/* binding */ ELB_LISTENER_RULE),
/* harmony export */   hn: () => (/* binding */ ELB_LISTENER),
/* harmony export */   im: () => (/* binding */ CLOUD_RUN_SERVICE),
/* harmony export */   mJ: () => (/* binding */ ECS_TASK_DEFINITION),
/* harmony export */   tR: () => (/* binding */ GCP_PROJECT)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(32635);
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

/***/ 42252:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   VR: () => (/* binding */ requireGoogleCredentials),
/* harmony export */   Wp: () => (/* binding */ missingGoogleCredentials),
/* harmony export */   he: () => (/* binding */ requireAwsCredentials)
/* harmony export */ });
/* unused harmony exports GOOGLE_AUTH_STEP, AWS_AUTH_STEP, AWS_CREDENTIALS_TIMEOUT_MS, missingAwsCredentials */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(32635);
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
    const { gcpMetadata } = await __nccwpck_require__.e(/* import() */ 492).then(__nccwpck_require__.t.bind(__nccwpck_require__, 492, 23));
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

/***/ 32635:
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

/***/ 45518:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   RA: () => (/* binding */ targetGroupDimension),
/* harmony export */   Tj: () => (/* binding */ loadBalancerDimension),
/* harmony export */   createCloudWatchSource: () => (/* binding */ createCloudWatchSource)
/* harmony export */ });
/* unused harmony exports NAMESPACE, metricDataQueries, attributeErrors, parseMetricData, CloudWatchSource */
/* harmony import */ var _aws_clients__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(59032);
/* harmony import */ var _grid__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(16690);
/**
 * ECS (behind an Application Load Balancer) request and error counts from CloudWatch
 * GetMetricData, one call for both arms: per TargetGroup + LoadBalancer, RequestCount,
 * HTTPCode_Target_{2,3,4,5}XX_Count, TargetConnectionErrorCount and TargetResponseTime; per
 * LoadBalancer, HTTPCode_ELB_5XX_Count.
 *
 * A crashing, resetting or hanging candidate shows up mostly in answers the ALB generated itself
 * (502, 503, 504), which HTTPCode_Target_5XX_Count leaves out. They are counted as the candidate's
 * errors this way (see attributeErrors):
 * - a request the ALB routed to a target group (RequestCount) that no target answered
 *   (HTTPCode_Target_*), or a failed connection to its targets, is an error of that group;
 * - the load balancer's 5xx that no group explains this way (e.g. a 503 because the group had no
 *   target to choose, which no RequestCount holds) carry no target group: they are charged to the
 *   candidate, never to the baseline. The baseline is charged only the ELB 5xx left after the
 *   candidate's, so errors that can't be placed never make the candidate look better.
 */


const NAMESPACE = 'AWS/ApplicationELB';
const ARMS = ['candidate', 'baseline'];
const ARM_KEY = { candidate: 'c', baseline: 'b' };
/** `arn:aws:elasticloadbalancing:…:targetgroup/name/id` → `targetgroup/name/id` (the dimension value). */
function targetGroupDimension(value) {
    const match = value.match(/(?:^|:)(targetgroup\/[^/]+\/[0-9a-f]+)$/);
    return match?.[1] ?? value;
}
/** `arn:aws:elasticloadbalancing:…:loadbalancer/app/name/id` → `app/name/id` (the dimension value). */
function loadBalancerDimension(value) {
    const match = value.match(/(?:^|:loadbalancer\/)(app\/[^/]+\/[0-9a-f]+)$/);
    return match?.[1] ?? value;
}
const TARGET_CLASSES = ['2', '3', '4', '5'];
/**
 * The GetMetricData queries: per arm, requests, the targets' responses by class, connection errors
 * and (optionally) p95 latency; for the load balancer, the 5xx it generated itself.
 */
function metricDataQueries(s, stepMs) {
    const period = Math.max(1, Math.round(stepMs / 1000));
    const loadBalancer = { Name: 'LoadBalancer', Value: loadBalancerDimension(s.loadBalancer) };
    const stat = (Id, metric, statistic, Dimensions) => ({
        Id,
        MetricStat: {
            Metric: { Namespace: NAMESPACE, MetricName: metric, Dimensions },
            Period: period,
            Stat: statistic,
        },
        ReturnData: true,
    });
    const queries = [];
    for (const arm of ARMS) {
        const dimensions = [loadBalancer, { Name: 'TargetGroup', Value: targetGroupDimension(s[arm]) }];
        const key = ARM_KEY[arm];
        queries.push(stat(`requests_${key}`, 'RequestCount', 'Sum', dimensions));
        for (const c of TARGET_CLASSES) {
            queries.push(stat(`t${c}xx_${key}`, `HTTPCode_Target_${c}XX_Count`, 'Sum', dimensions));
        }
        queries.push(stat(`conn_${key}`, 'TargetConnectionErrorCount', 'Sum', dimensions));
        if (s.latency)
            queries.push(stat(`latency_${key}`, 'TargetResponseTime', 'p95', dimensions));
    }
    queries.push(stat('elb5xx', 'HTTPCode_ELB_5XX_Count', 'Sum', [loadBalancer]));
    return queries;
}
const isFault = (v) => v === null || (v !== undefined && !(v >= 0));
/**
 * Requests and errors of both arms for one period, with the load balancer's own 5xx attributed
 * as described at the top of this file. Counts published only when non-zero are zero when absent;
 * an absent RequestCount is missing data, and so is any NaN.
 */
function attributeErrors(candidate, baseline, elb5xx) {
    const split = (g) => {
        if (isFault(g.requests) || g.byClass.some(isFault) || isFault(g.connectionErrors))
            return undefined;
        const requests = g.requests ?? 0;
        const answered = g.byClass.reduce((sum, v) => sum + (v ?? 0), 0);
        // Routed to this group but answered by no target (reset, hang, crash): the ALB answered.
        const unanswered = Math.max(0, requests - answered, g.connectionErrors ?? 0);
        return { targetErrors: g.byClass[3] ?? 0, unanswered };
    };
    const c = split(candidate);
    const b = split(baseline);
    const elb = isFault(elb5xx) ? undefined : (elb5xx ?? 0);
    const candidateElb = c?.unanswered ?? 0;
    // The baseline is charged only ELB 5xx the candidate's don't already explain.
    const baselineElb = b && elb !== undefined ? Math.min(b.unanswered, Math.max(0, elb - candidateElb)) : 0;
    const unattributed = elb === undefined ? undefined : Math.max(0, elb - candidateElb - baselineElb);
    const candidateCounts = c === undefined || unattributed === undefined
        ? { requests: null, errors: null }
        : candidate.requests === undefined && unattributed === 0
            ? { requests: undefined, errors: undefined }
            : {
                requests: (candidate.requests ?? 0) + unattributed,
                errors: c.targetErrors + c.unanswered + unattributed,
            };
    const baselineCounts = b === undefined || baseline.requests === undefined
        ? { requests: b === undefined ? null : undefined, errors: undefined }
        : { requests: baseline.requests, errors: b.targetErrors + baselineElb };
    return { candidate: candidateCounts, baseline: baselineCounts };
}
/**
 * Arm counts per interval. CloudWatch labels each value with its period's start and omits periods
 * without data; a value that is not a finite number is kept as a fault (null), never a zero.
 */
function parseMetricData(results, range) {
    const values = new Map();
    for (const result of results) {
        if (!result.Id)
            continue;
        const byStart = values.get(result.Id) ?? new Map();
        const timestamps = result.Timestamps ?? [];
        timestamps.forEach((ts, i) => {
            const at = ts instanceof Date ? ts.getTime() : new Date(ts).getTime();
            if ((at - range.start) % range.stepMs !== 0)
                return;
            byStart.set(at, (0,_grid__WEBPACK_IMPORTED_MODULE_1__/* .toNumber */ .Ro)(result.Values?.[i]) ?? null);
        });
        values.set(result.Id, byStart);
    }
    const get = (id, start) => values.get(id)?.get(start);
    const group = (arm, start) => {
        const key = ARM_KEY[arm];
        return {
            requests: get(`requests_${key}`, start),
            byClass: TARGET_CLASSES.map((c) => get(`t${c}xx_${key}`, start)),
            connectionErrors: get(`conn_${key}`, start),
        };
    };
    return (arm, start) => {
        const counts = attributeErrors(group('candidate', start), group('baseline', start), get('elb5xx', start))[arm];
        const latencySeconds = get(`latency_${ARM_KEY[arm]}`, start);
        return (0,_grid__WEBPACK_IMPORTED_MODULE_1__/* .armFromValues */ .DU)(counts.requests, counts.errors, typeof latencySeconds === 'number' ? { p95LatencyMs: latencySeconds * 1000 } : {});
    };
}
class CloudWatchSource {
    settings;
    reader;
    name = 'cloudwatch';
    constructor(settings, reader) {
        this.settings = settings;
        this.reader = reader;
    }
    async counts(range, signal) {
        const queries = metricDataQueries(this.settings, range.stepMs);
        const steps = Math.floor((range.end - range.start) / range.stepMs);
        const merged = new Map();
        let nextToken;
        // Pages split long ranges; each Id's values continue on the next page.
        do {
            const page = await this.reader.getMetricData({
                MetricDataQueries: queries,
                StartTime: new Date(range.start),
                EndTime: new Date(range.start + steps * range.stepMs),
                ScanBy: 'TimestampAscending',
                ...(nextToken ? { NextToken: nextToken } : {}),
            }, signal);
            for (const result of page.MetricDataResults ?? []) {
                if (!result.Id)
                    continue;
                const into = merged.get(result.Id) ?? { Id: result.Id, Timestamps: [], Values: [] };
                into.Timestamps.push(...(result.Timestamps ?? []));
                into.Values.push(...(result.Values ?? []));
                merged.set(result.Id, into);
            }
            nextToken = page.NextToken;
        } while (nextToken);
        return (0,_grid__WEBPACK_IMPORTED_MODULE_1__/* .assemble */ .fT)(range, parseMetricData([...merged.values()], range));
    }
}
/** Builds the CloudWatch client (lazily imported) the way every AWS client is built (shared/aws/clients). */
async function createCloudWatchSource(settings) {
    const { CloudWatchClient, GetMetricDataCommand } = await Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(85)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 44085, 19));
    const client = await (0,_aws_clients__WEBPACK_IMPORTED_MODULE_0__/* .createCheckedAwsClient */ .Qf)(CloudWatchClient, {
        region: settings.region,
        userAgent: settings.userAgent,
        maxAttempts: 3,
        requestTimeoutMs: settings.requestTimeoutMs,
        ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    });
    return new CloudWatchSource(settings, {
        getMetricData: (input, signal) => client.send(new GetMetricDataCommand(input), { abortSignal: signal }),
    });
}


/***/ }),

/***/ 16690:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DU: () => (/* binding */ armFromValues),
/* harmony export */   Ro: () => (/* binding */ toNumber),
/* harmony export */   b2: () => (/* binding */ isMissing),
/* harmony export */   fT: () => (/* binding */ assemble),
/* harmony export */   fW: () => (/* binding */ missingArm)
/* harmony export */ });
/* unused harmony export intervalStarts */
/** Starts of the whole intervals [start + k·step, start + (k+1)·step) that end by range.end. */
function intervalStarts(range) {
    if (!(range.stepMs > 0))
        throw new Error(`interval step must be positive, got ${range.stepMs}`);
    const starts = [];
    for (let start = range.start; start + range.stepMs <= range.end; start += range.stepMs)
        starts.push(start);
    return starts;
}
/** An arm with no usable data for an interval. */
function missingArm() {
    return { requests: Number.NaN, errors: Number.NaN };
}
function isMissing(arm) {
    return !Number.isFinite(arm.requests) || !Number.isFinite(arm.errors);
}
/**
 * One arm's counts from the raw values a source returned for an interval. `undefined` means the
 * source returned no point; `null` or NaN means it returned a point without a number.
 *
 * - No request point, or a NaN one: missing (NaN), whatever the errors say.
 * - Requests present but no error point: zero errors. Every source publishes an error series only
 *   while errors happen (Cloud Run's 5xx response_code_class, ALB's HTTPCode_Target_5XX_Count,
 *   a Prometheus counter labelled code="500"), so its absence next to a request count is a zero.
 * - An error point that is NaN: missing. Errors above requests (sources count them separately and
 *   may round): capped at requests.
 */
function armFromValues(requests, errors, extra = {}) {
    if (requests === undefined || requests === null || !Number.isFinite(requests) || requests < 0) {
        return missingArm();
    }
    if (errors === null || (errors !== undefined && (!Number.isFinite(errors) || errors < 0)))
        return missingArm();
    const total = Math.round(requests);
    const failed = Math.min(total, Math.round(errors ?? 0));
    const arm = { requests: total, errors: failed };
    if (extra.p95LatencyMs !== undefined && Number.isFinite(extra.p95LatencyMs))
        arm.p95LatencyMs = extra.p95LatencyMs;
    if (extra.slow?.every(Number.isFinite))
        arm.slow = extra.slow;
    return arm;
}
/** A finite number from the many shapes APIs use for one (number, numeric string, Long-like). */
function toNumber(value) {
    if (value === undefined)
        return undefined;
    if (value === null)
        return null;
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : null;
    if (typeof value === 'string') {
        if (value.trim() === '')
            return null;
        const n = Number(value);
        return Number.isFinite(n) ? n : null;
    }
    if (typeof value === 'object' && typeof value.toNumber === 'function') {
        return toNumber(value.toNumber());
    }
    return null;
}
/** Builds the IntervalCounts of a grid from a lookup of each arm's counts by interval start. */
function assemble(range, arm) {
    return intervalStarts(range).map((start) => ({
        start,
        end: start + range.stepMs,
        candidate: arm('candidate', start),
        baseline: arm('baseline', start),
    }));
}


/***/ }),

/***/ 7078:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   createPrometheusSource: () => (/* binding */ createPrometheusSource),
/* harmony export */   hX: () => (/* binding */ unknownPlaceholders),
/* harmony export */   lD: () => (/* binding */ DEFAULT_ERRORS_QUERY),
/* harmony export */   sI: () => (/* binding */ DEFAULT_REQUESTS_QUERY)
/* harmony export */ });
/* unused harmony exports PLACEHOLDERS, promDuration, renderQuery, queryRangeUrl, PrometheusQueryError, parseQueryRange, PrometheusSource */
/* harmony import */ var _grid__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(16690);
/**
 * Request and error counts from a Prometheus-compatible HTTP query API (`/api/v1/query_range`),
 * with PromQL templates the user gives. There is no official JavaScript client for this API, so
 * this is a plain fetch.
 *
 * Placeholders in a template, replaced before each query:
 * - `{{version}}`   the arm being measured: the candidate's identity, then the baseline's
 * - `{{arm}}`       `candidate` or `baseline`
 * - `{{candidate}}` / `{{baseline}}`  both identities, whichever arm is measured
 * - `{{window}}`    the interval as a PromQL duration, e.g. `60s` (use it as the range of increase())
 *
 * Each query is evaluated at the end of every interval, so `increase(x[{{window}}])` counts exactly
 * that interval. Identities are escaped for use inside a double-quoted label matcher.
 */

const DEFAULT_REQUESTS_QUERY = 'sum(increase(http_requests_total{version="{{version}}"}[{{window}}]))';
const DEFAULT_ERRORS_QUERY = 'sum(increase(http_requests_total{version="{{version}}",code=~"5.."}[{{window}}]))';
const PLACEHOLDERS = ['version', 'arm', 'candidate', 'baseline', 'window'];
/** A PromQL duration for a step: whole seconds as `Ns`, anything finer as `Nms`. */
function promDuration(stepMs) {
    return stepMs % 1000 === 0 ? `${stepMs / 1000}s` : `${stepMs}ms`;
}
/** Escapes a value for a PromQL double-quoted string. */
function escapeLabelValue(value) {
    return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
/** Placeholders in a template that are not one of PLACEHOLDERS (for input validation). */
function unknownPlaceholders(template) {
    const names = [...template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1] ?? '');
    return names.filter((name) => !PLACEHOLDERS.includes(name));
}
function renderQuery(template, values) {
    const replacements = {
        version: escapeLabelValue(values[values.arm]),
        arm: values.arm,
        candidate: escapeLabelValue(values.candidate),
        baseline: escapeLabelValue(values.baseline),
        window: promDuration(values.stepMs),
    };
    return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (whole, name) => replacements[name] ?? whole);
}
/** The query_range URL evaluating at each interval's end. */
function queryRangeUrl(base, query, range) {
    const url = new URL(`${base.pathname.replace(/\/$/, '')}/api/v1/query_range`, base);
    const steps = Math.floor((range.end - range.start) / range.stepMs);
    url.searchParams.set('query', query);
    url.searchParams.set('start', String((range.start + range.stepMs) / 1000));
    url.searchParams.set('end', String((range.start + steps * range.stepMs) / 1000));
    url.searchParams.set('step', String(range.stepMs / 1000));
    return url;
}
class PrometheusQueryError extends Error {
    status;
    name = 'PrometheusQueryError';
    constructor(message, 
    /** HTTP status, read by shared/retry.ts to decide whether to try again. */
    status) {
        super(message);
        this.status = status;
    }
}
/**
 * Values per interval start from a query_range response: series are summed (a template that
 * forgot sum() still counts every series); "NaN" and "±Inf" are faults (null), never zeros.
 */
function parseQueryRange(body, range) {
    const response = body;
    if (response?.status !== 'success') {
        throw new PrometheusQueryError(`Prometheus query failed: ${response?.errorType ?? 'error'}: ${response?.error ?? 'no status in response'}`);
    }
    const out = new Map();
    for (const series of response.data?.result ?? []) {
        const points = series.values ?? (series.value ? [series.value] : []);
        for (const [ts, raw] of points) {
            const evaluatedAt = Math.round(((0,_grid__WEBPACK_IMPORTED_MODULE_0__/* .toNumber */ .Ro)(ts) ?? Number.NaN) * 1000);
            const start = evaluatedAt - range.stepMs;
            if (!Number.isFinite(start) || (start - range.start) % range.stepMs !== 0)
                continue;
            const value = (0,_grid__WEBPACK_IMPORTED_MODULE_0__/* .toNumber */ .Ro)(raw);
            const previous = out.get(start);
            out.set(start, value === null || value === undefined || previous === null ? null : (previous ?? 0) + value);
        }
    }
    return out;
}
class PrometheusSource {
    settings;
    fetchImpl;
    name = 'prometheus';
    constructor(settings, fetchImpl = fetch) {
        this.settings = settings;
        this.fetchImpl = fetchImpl;
    }
    async query(template, arm, range, signal) {
        const s = this.settings;
        const query = renderQuery(template, {
            arm,
            candidate: s.candidate,
            baseline: s.baseline,
            stepMs: range.stepMs,
        });
        const url = queryRangeUrl(s.url, query, range);
        const response = await this.fetchImpl(url, {
            headers: { accept: 'application/json', 'user-agent': s.userAgent, ...s.headers },
            signal: AbortSignal.any([signal, AbortSignal.timeout(s.requestTimeoutMs)]),
            redirect: 'error',
        });
        const text = await response.text();
        if (!response.ok) {
            let detail = text.slice(0, 200);
            try {
                detail = JSON.parse(text).error ?? detail;
            }
            catch {
                // not JSON: keep the text
            }
            throw new PrometheusQueryError(`Prometheus answered HTTP ${response.status}: ${detail}`, response.status);
        }
        let body;
        try {
            body = JSON.parse(text);
        }
        catch {
            throw new PrometheusQueryError(`Prometheus answered with non-JSON: ${text.slice(0, 100)}`);
        }
        return parseQueryRange(body, range);
    }
    async counts(range, signal) {
        const s = this.settings;
        const arms = ['candidate', 'baseline'];
        const results = await Promise.all(arms.map(async (arm) => {
            const [requests, errors, latency] = await Promise.all([
                this.query(s.requestsQuery, arm, range, signal),
                this.query(s.errorsQuery, arm, range, signal),
                s.latency && s.latencyQuery ? this.query(s.latencyQuery, arm, range, signal) : undefined,
            ]);
            return { requests, errors, latency };
        }));
        const byArm = { candidate: results[0], baseline: results[1] };
        return (0,_grid__WEBPACK_IMPORTED_MODULE_0__/* .assemble */ .fT)(range, (arm, start) => {
            const r = byArm[arm];
            const p95 = r?.latency?.get(start);
            return (0,_grid__WEBPACK_IMPORTED_MODULE_0__/* .armFromValues */ .DU)(r?.requests.get(start), r?.errors.get(start), typeof p95 === 'number' ? { p95LatencyMs: p95 } : {});
        });
    }
}
async function createPrometheusSource(settings) {
    return new PrometheusSource(settings);
}


/***/ }),

/***/ 42372:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ isRetryableError),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   Q4: () => (/* binding */ backoffDelayMs),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   sT: () => (/* binding */ retryAfterOf)
/* harmony export */ });
/* unused harmony export httpStatusOf */
/* harmony import */ var _clock__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(17128);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(32635);


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

/***/ 91591:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ runAction),
/* harmony export */   d: () => (/* binding */ throwIfCancelled)
/* harmony export */ });
/* harmony import */ var _clock__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(17128);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(32635);
/* harmony import */ var _summary__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(96566);



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

/***/ 96566:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hn: () => (/* binding */ cell),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   R_: () => (/* binding */ heading),
/* harmony export */   Tz: () => (/* binding */ lineChart),
/* harmony export */   jS: () => (/* binding */ pieChart),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   uk: () => (/* binding */ cappedSummary)
/* harmony export */ });
/* unused harmony exports code, truncate, SUMMARY_LIMIT_BYTES, capSummary, runLogPointer */
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

/***/ 74851:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   KU: () => (/* binding */ resourceOf),
/* harmony export */   We: () => (/* binding */ checkCandidate),
/* harmony export */   ff: () => (/* binding */ describeTarget),
/* harmony export */   gd: () => (/* binding */ TARGET_INPUTS),
/* harmony export */   zs: () => (/* binding */ readTrafficTarget)
/* harmony export */ });
/* unused harmony exports PROVIDERS, rejectOtherProviderInputs */
/* harmony import */ var _cloud_identities__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(60474);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(32635);
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

/***/ 62684:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hr: () => (/* binding */ servingEntries),
/* harmony export */   II: () => (/* binding */ computeSplit),
/* harmony export */   PI: () => (/* binding */ stableOf),
/* harmony export */   mG: () => (/* binding */ lastGoodSplit),
/* harmony export */   oe: () => (/* binding */ formatSplit),
/* harmony export */   xY: () => (/* binding */ sameSplit)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(32635);
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

/***/ 76245:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ ConcurrentWriteError),
/* harmony export */   k: () => (/* binding */ SplitNotObservedError)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(32635);

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

/***/ 80434:
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

/***/ 42613:
/***/ ((module) => {

module.exports = require("assert");

/***/ }),

/***/ 20181:
/***/ ((module) => {

module.exports = require("buffer");

/***/ }),

/***/ 35317:
/***/ ((module) => {

module.exports = require("child_process");

/***/ }),

/***/ 76982:
/***/ ((module) => {

module.exports = require("crypto");

/***/ }),

/***/ 72250:
/***/ ((module) => {

module.exports = require("dns");

/***/ }),

/***/ 24434:
/***/ ((module) => {

module.exports = require("events");

/***/ }),

/***/ 79896:
/***/ ((module) => {

module.exports = require("fs");

/***/ }),

/***/ 58611:
/***/ ((module) => {

module.exports = require("http");

/***/ }),

/***/ 85675:
/***/ ((module) => {

module.exports = require("http2");

/***/ }),

/***/ 65692:
/***/ ((module) => {

module.exports = require("https");

/***/ }),

/***/ 69278:
/***/ ((module) => {

module.exports = require("net");

/***/ }),

/***/ 16698:
/***/ ((module) => {

module.exports = require("node:async_hooks");

/***/ }),

/***/ 26954:
/***/ ((module) => {

module.exports = require("node:buffer");

/***/ }),

/***/ 31421:
/***/ ((module) => {

module.exports = require("node:child_process");

/***/ }),

/***/ 77598:
/***/ ((module) => {

module.exports = require("node:crypto");

/***/ }),

/***/ 73024:
/***/ ((module) => {

module.exports = require("node:fs");

/***/ }),

/***/ 51455:
/***/ ((module) => {

module.exports = require("node:fs/promises");

/***/ }),

/***/ 37067:
/***/ ((module) => {

module.exports = require("node:http");

/***/ }),

/***/ 32467:
/***/ ((module) => {

module.exports = require("node:http2");

/***/ }),

/***/ 44708:
/***/ ((module) => {

module.exports = require("node:https");

/***/ }),

/***/ 77030:
/***/ ((module) => {

module.exports = require("node:net");

/***/ }),

/***/ 48161:
/***/ ((module) => {

module.exports = require("node:os");

/***/ }),

/***/ 76760:
/***/ ((module) => {

module.exports = require("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = require("node:process");

/***/ }),

/***/ 41792:
/***/ ((module) => {

module.exports = require("node:querystring");

/***/ }),

/***/ 57075:
/***/ ((module) => {

module.exports = require("node:stream");

/***/ }),

/***/ 37830:
/***/ ((module) => {

module.exports = require("node:stream/web");

/***/ }),

/***/ 73136:
/***/ ((module) => {

module.exports = require("node:url");

/***/ }),

/***/ 57975:
/***/ ((module) => {

module.exports = require("node:util");

/***/ }),

/***/ 38522:
/***/ ((module) => {

module.exports = require("node:zlib");

/***/ }),

/***/ 70857:
/***/ ((module) => {

module.exports = require("os");

/***/ }),

/***/ 16928:
/***/ ((module) => {

module.exports = require("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = require("process");

/***/ }),

/***/ 83480:
/***/ ((module) => {

module.exports = require("querystring");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = require("stream");

/***/ }),

/***/ 64756:
/***/ ((module) => {

module.exports = require("tls");

/***/ }),

/***/ 52018:
/***/ ((module) => {

module.exports = require("tty");

/***/ }),

/***/ 87016:
/***/ ((module) => {

module.exports = require("url");

/***/ }),

/***/ 39023:
/***/ ((module) => {

module.exports = require("util");

/***/ }),

/***/ 28167:
/***/ ((module) => {

module.exports = require("worker_threads");

/***/ }),

/***/ 43106:
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

// EXTERNAL MODULE: ./shared/clock.ts
var clock = __nccwpck_require__(17128);
// EXTERNAL MODULE: ./shared/errors.ts
var errors = __nccwpck_require__(32635);
// EXTERNAL MODULE: ./shared/metrics/cloudwatch.ts
var cloudwatch = __nccwpck_require__(45518);
;// CONCATENATED MODULE: ./shared/providers/index.ts
async function createTrafficProvider(target, deps) {
    switch (target.provider) {
        case 'cloud-run': {
            const { createCloudRunTrafficProvider } = await __nccwpck_require__.e(/* import() */ 835).then(__nccwpck_require__.bind(__nccwpck_require__, 73835));
            return createCloudRunTrafficProvider(target, deps);
        }
        case 'ecs': {
            const { createEcsTrafficProvider } = await __nccwpck_require__.e(/* import() */ 269).then(__nccwpck_require__.bind(__nccwpck_require__, 51269));
            return createEcsTrafficProvider(target, deps);
        }
    }
}

// EXTERNAL MODULE: ./shared/retry.ts
var retry = __nccwpck_require__(42372);
// EXTERNAL MODULE: ./shared/run.ts
var run = __nccwpck_require__(91591);
// EXTERNAL MODULE: ./shared/user-agent.ts + 1 modules
var user_agent = __nccwpck_require__(80434);
// EXTERNAL MODULE: ./shared/traffic/split.ts
var traffic_split = __nccwpck_require__(62684);
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
var types = __nccwpck_require__(76245);
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
    step.log(`Serving now: ${(0,traffic_split/* formatSplit */.oe)(state.observed)}${state.settled ? '' : ' (still converging)'}`);
    const target = source.kind === 'token' ? source.target : await provider.explicitTarget(source.id, state);
    step.log(`Restoring: ${(0,traffic_split/* formatSplit */.oe)(target.traffic)} (captured ${target.capturedAt})`);
    let wrote = false;
    let redeployed = false;
    for (let round = 1;; round++) {
        try {
            if (!(0,traffic_split/* sameSplit */.xY)(state.desired, target.traffic) || state.failure !== undefined) {
                (0,run/* throwIfCancelled */.d)(step.signal);
                await provider.setSplit(target.traffic, state.version);
                wrote = true;
            }
            if (provider.restoreTaskDefinitions !== undefined && target.taskDefinitions !== undefined) {
                (0,run/* throwIfCancelled */.d)(step.signal);
                redeployed =
                    (await provider.restoreTaskDefinitions(target, waitOptions(step, deadline))) || redeployed;
            }
            const observedAlready = (0,traffic_split/* sameSplit */.xY)(state.observed, target.traffic) && state.settled;
            const last = wrote || !observedAlready ? await waitForSplit(step, target.traffic, deadline, progress) : state;
            return {
                rolledBack: wrote || redeployed || !(0,traffic_split/* sameSplit */.xY)(before.observed, target.traffic),
                target,
                before,
                last,
            };
        }
        catch (err) {
            const conflict = err instanceof types/* ConcurrentWriteError */.D;
            const failedReconcile = err instanceof types/* SplitNotObservedError */.k && err.state?.failure !== undefined;
            if (!conflict && !failedReconcile)
                throw err;
            const delayMs = (0,retry/* backoffDelayMs */.Q4)(round, ROUND_BACKOFF);
            if (step.clock.now() + delayMs >= deadline.at)
                throw err;
            step.log(conflict
                ? `Another writer changed the service (${(0,errors/* errorMessage */.gJ)(err)}); reading it again in ${delayMs} ms`
                : `The platform did not apply the rollback (${(0,errors/* errorMessage */.gJ)(err)}); writing it again in ${delayMs} ms`);
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
    return err instanceof errors/* CancelledError */.cc || signal.aborted;
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

;// CONCATENATED MODULE: ./shared/gate/ecs-native.ts
/**
 * The gate's arms on an ECS-native service (error-rate-gate, and each step of rollout): ECS's
 * deployment names them, so they are read from the provider (the green target group is the
 * candidate, the blue one the baseline, both behind one load balancer), never given as inputs.
 */


/** The summary's line saying who waited for what (ECS's bake vs our gate). */
function whoWaitsLine(waits) {
    return `> **Who waits for what (ECS-native):** ${waits}`;
}
/** The CloudWatch arms of the deployment in progress, logged as they were read. */
function armsFrom(metrics, found, service, ctx) {
    ctx.core.info(`ECS service ${service}: candidate ${found.candidate}, baseline ${found.baseline}`);
    ctx.core.info(`Who waits for what: ${found.waits}`);
    return {
        ...metrics,
        candidate: (0,cloudwatch/* targetGroupDimension */.RA)(found.candidate),
        baseline: (0,cloudwatch/* targetGroupDimension */.RA)(found.baseline),
        loadBalancer: (0,cloudwatch/* loadBalancerDimension */.Tj)(found.loadBalancer),
    };
}
/**
 * Settings whose arms are the ECS-native deployment's target groups, read from `provider` (rollout:
 * the step's own), or from a provider built for `settings.ecsNative` (error-rate-gate; its SDK loads
 * only now). Settings that are not ECS-native come back unchanged.
 */
async function withEcsNativeArms(settings, ctx, action, provider) {
    const service = settings.ecsNative;
    if (service === undefined || settings.metrics.source !== 'cloudwatch')
        return { settings };
    // The ECS SDK loads only now (it is loaded already when a step's provider is passed).
    const ecs = await __nccwpck_require__.e(/* import() */ 269).then(__nccwpck_require__.bind(__nccwpck_require__, 51269));
    const found = provider === undefined
        ? await ecs.ecsNativeGateTargets(service, providerDeps(ctx, action))
        : await ecs.gateTargetsOf(provider, service);
    const metrics = armsFrom(settings.metrics, found, service.services[0] ?? '', ctx);
    return { settings: { ...settings, metrics }, found };
}

;// CONCATENATED MODULE: ./shared/gate/format.ts
const rateOf = (t) => (t.requests > 0 ? t.errors / t.requests : Number.NaN);
/** An error rate as an output or a Slack field carries it: a fraction, 6 decimals; empty when unknown. */
function rateOutput(totals) {
    const rate = rateOf(totals);
    return Number.isFinite(rate) ? String(Number(rate.toFixed(6))) : '';
}
function format_percent(rate, digits = 2) {
    if (!Number.isFinite(rate))
        return 'n/a';
    return `${Number((rate * 100).toFixed(digits))}%`;
}
function formatEvidence(v) {
    return v >= 1000 ? v.toExponential(1) : v >= 10 ? v.toFixed(0) : v.toFixed(2);
}
/** A ratio of error rates as people say it: 2.4×, or "no" ratio at all when none is reachable. */
function formatRatio(ratio) {
    if (!Number.isFinite(ratio))
        return 'no';
    return `${ratio >= 10 ? ratio.toFixed(0) : Number(ratio.toFixed(1))}×`;
}
/** Whole minutes, rounded up, for estimates; seconds below a minute (short test intervals). */
function formatMinutes(minutes) {
    if (minutes < 1)
        return `${Math.max(1, Math.round(minutes * 60))} s`;
    return `${Math.ceil(minutes)} min`;
}

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

// EXTERNAL MODULE: ./shared/aws/clients.ts
var clients = __nccwpck_require__(59032);
// EXTERNAL MODULE: ./shared/metrics/grid.ts
var grid = __nccwpck_require__(16690);
;// CONCATENATED MODULE: ./shared/metrics/settle.ts
/**
 * Which intervals a gate may judge as final. Metrics arrive late (Cloud Run's up to 180 s, ALB's
 * a minute or two) and a lagging point fills in or changes a recent interval. An interval is read
 * only once it closed at least `delayMs` ago (the caller's metrics-delay); this decides what to do
 * with an interval whose point for an arm is still missing then: that is no zero and no final
 * "missing" yet, because an ingestion backlog can outlast the usual delay. It is held back, with
 * every later interval (the judge takes intervals in order), and read again on the next poll,
 * until `graceMs` more have passed: only then does it count as missing.
 */

/**
 * The leading run of `intervals` (in order) that is final now: each has both arms, or is so old
 * that a missing arm will not arrive any more. The rest are to be read again.
 */
function settledIntervals(intervals, options) {
    const settled = [];
    for (const interval of intervals) {
        const complete = !(0,grid/* isMissing */.b2)(interval.candidate) && !(0,grid/* isMissing */.b2)(interval.baseline);
        const graceMs = options.graceMs ?? Math.max(options.delayMs, interval.end - interval.start);
        if (!complete && options.now < interval.end + options.delayMs + graceMs)
            break;
        settled.push(interval);
    }
    return settled;
}

;// CONCATENATED MODULE: ./shared/metrics/index.ts
/**
 * The one way to get a MetricsSource: each implementation, and its SDK, is imported only when
 * chosen, after the inputs were validated.
 */


async function createMetricsSource(settings) {
    switch (settings.source) {
        case 'cloud-monitoring': {
            const { createCloudMonitoringSource } = await __nccwpck_require__.e(/* import() */ 300).then(__nccwpck_require__.bind(__nccwpck_require__, 21300));
            return createCloudMonitoringSource(settings);
        }
        case 'cloudwatch': {
            const { createCloudWatchSource } = await Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 45518));
            return createCloudWatchSource(settings);
        }
        case 'prometheus': {
            const { createPrometheusSource } = await Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 7078));
            return createPrometheusSource(settings);
        }
    }
}
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];
/**
 * The accelerated timeline (shared/clock.ts) the gate runs on, honoured only when the metrics
 * source is an emulator on loopback: Cloud Monitoring or CloudWatch with an endpoint override to
 * 127.0.0.1. Against a real API, or Prometheus (whose timestamps are real), time is real.
 */
function emulatorTimeline(settings, env) {
    const endpoint = settings.source === 'cloud-monitoring' && settings.emulatorHost
        ? `http://${settings.emulatorHost}`
        : settings.source === 'cloudwatch'
            ? (settings.endpoint ?? (0,clients/* endpointOverride */.Ku)(env))
            : undefined;
    if (endpoint === undefined || !URL.canParse(endpoint))
        return undefined;
    return LOOPBACK.includes(new URL(endpoint).hostname) ? (0,clock/* timelineFromEnv */.Vi)(env) : undefined;
}



;// CONCATENATED MODULE: ./shared/gate/config.ts
const GATE_DEFAULTS = Object.freeze({
    maxErrorRate: 0.05,
    maxIncrease: 0,
    minRequests: 100,
    falseAlarmRate: 0.005,
    /** Chosen on the gate benchmark (reports/gate-benchmark.md). */
    detectableRatio: 4,
    /** max-duration defaults to this multiple of duration… */
    maxDurationMultiple: 4,
    /** …and at least this many minutes, up to six times duration (a 5-minute bake may watch 30). */
    minMaxDurationMinutes: 30,
    maxDurationFloorMultiple: 6,
});
/** The default max-duration, in minutes, for a bake of `duration` minutes. */
function maxBakeMinutes(duration) {
    const floor = Math.min(GATE_DEFAULTS.minMaxDurationMinutes, GATE_DEFAULTS.maxDurationFloorMultiple * duration);
    return Math.max(GATE_DEFAULTS.maxDurationMultiple * duration, floor);
}
/** Power a pass needs against detectable-ratio. */
const DETECTION_POWER = 0.9;
/** Warm-up intervals the judge watches without judging: a new revision's first minutes. */
const MAX_WARMUP = 3;
/** A gate of `horizon` intervals of `intervalMs`, extensible to `maxHorizon`. */
function gateConfig(limits, window) {
    return {
        horizon: window.horizon,
        maxHorizon: window.maxHorizon,
        warmup: Math.min(MAX_WARMUP, Math.floor(window.horizon / 5)),
        intervalMinutes: window.intervalMs / 60_000,
        maxErrorRate: limits.maxErrorRate,
        maxIncrease: limits.maxIncrease,
        minRequests: limits.minRequests,
        falseAlarmRate: limits.falseAlarmRate,
        detectableRatio: limits.detectableRatio,
        power: DETECTION_POWER,
        ...(limits.maxP95LatencyMs === undefined ? {} : { maxP95LatencyMs: limits.maxP95LatencyMs }),
        ...(limits.maxLatencyIncrease === undefined ? {} : { maxLatencyIncrease: limits.maxLatencyIncrease }),
    };
}

// EXTERNAL MODULE: ./shared/cloud-identities.ts
var cloud_identities = __nccwpck_require__(60474);
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

// EXTERNAL MODULE: ./shared/metrics/prometheus.ts
var prometheus = __nccwpck_require__(7078);
;// CONCATENATED MODULE: ./shared/gate/arms.ts
/**
 * Who is the candidate and who the baseline, from what canary-shift hands over: plain names, its
 * `stable` output, or its `rollback-target` JSON token (the last known good split).
 */

function entriesOf(value) {
    if (Array.isArray(value))
        return value;
    if (value && typeof value === 'object') {
        const v = value;
        for (const list of [v.traffic, v.observed, v.desired])
            if (Array.isArray(list))
                return list;
    }
    return undefined;
}
/**
 * The baseline from a name or a canary-shift JSON (rollback-target token, observed-traffic, or a
 * list of {target, percent}): the entry serving the most traffic that is not the candidate.
 */
function baselineFrom(raw, inputName, candidate) {
    const text = raw.trim();
    if (!text.startsWith('{') && !text.startsWith('['))
        return text;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new errors/* InputError */.dz(inputName, 'looks like JSON but does not parse', '{"traffic":[{"target":"shop-00041-abc","percent":100}]}');
    }
    const entries = entriesOf(parsed);
    const best = (entries ?? [])
        .map((e) => ({ name: e.target ?? e.revisionName ?? e.revision, percent: Number(e.percent ?? 0) }))
        .filter((e) => typeof e.name === 'string' && e.name !== candidate)
        .sort((a, b) => b.percent - a.percent)[0];
    if (!best) {
        throw new errors/* InputError */.dz(inputName, 'holds no traffic entry other than the candidate', '{"traffic":[{"target":"shop-00041-abc","percent":100}]}');
    }
    return best.name;
}
/** Cloud Run service coordinates a rollback-target token carries, if any. */
function cloudRunResourceFrom(raw) {
    if (!raw?.trim().startsWith('{'))
        return {};
    try {
        const token = JSON.parse(raw);
        const resource = token.resource ?? {};
        const str = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
        const name = str(resource.name)?.match(/^projects\/([^/]+)\/locations\/([^/]+)\/services\/([^/]+)$/);
        const project = str(resource.project) ?? name?.[1];
        const region = str(resource.region) ?? str(resource.location) ?? name?.[2];
        const service = str(resource.service) ?? name?.[3];
        return {
            ...(project ? { project } : {}),
            ...(region ? { region } : {}),
            ...(service ? { service } : {}),
        };
    }
    catch {
        return {};
    }
}

;// CONCATENATED MODULE: ./shared/gate/inputs.ts
/**
 * The gate's inputs, parsed in one place for error-rate-gate and rollout: the same names, defaults,
 * checks and messages. error-rate-gate names its arms in inputs; rollout learns them at each step
 * from the shift, so for rollout only where to read (project and service, load balancer and target
 * groups, Prometheus) is parsed here.
 */









/** error-rate-gate's input names (its action.yml declares them; rollout renames two, see GateForm). */
const GATE_INPUTS = {
    provider: 'provider',
    source: 'source',
    candidate: 'candidate',
    baseline: 'baseline',
    rollbackTarget: 'rollback-target',
    project: 'project',
    region: 'region',
    service: 'service',
    loadBalancer: 'load-balancer',
    candidateTargetGroup: 'candidate-target-group',
    baselineTargetGroup: 'baseline-target-group',
    prometheusUrl: 'prometheus-url',
    prometheusHeaders: 'prometheus-headers',
    requestsQuery: 'requests-query',
    errorsQuery: 'errors-query',
    latencyQuery: 'latency-query',
    startTime: 'start-time',
    duration: 'duration',
    maxDuration: 'max-duration',
    detectableRatio: 'detectable-ratio',
    interval: 'interval',
    metricsDelay: 'metrics-delay',
    maxErrorRate: 'max-error-rate',
    maxIncrease: 'max-increase',
    minRequests: 'min-requests',
    falseAlarmRate: 'false-alarm-rate',
    maxP95LatencyMs: 'max-p95-latency-ms',
    maxLatencyIncrease: 'max-latency-increase',
    mode: 'mode',
    /** error-rate-gate on an ECS-native service (source cloudwatch): its cluster and one service. */
    cluster: 'cluster',
    services: 'services',
    /** rollout: the two target groups in the order of `services`. */
    targetGroups: 'target-groups',
};
const INPUTS = GATE_INPUTS;
const SOURCES = ['cloud-monitoring', 'cloudwatch', 'prometheus'];
const MODES = ['enforce', 'dry-run'];
/** How long each source takes to show a finished interval (its documented publishing delay). */
const DEFAULT_METRICS_DELAY = {
    // Cloud Run metrics: "sampled every 60 seconds… not visible for up to 180 seconds".
    'cloud-monitoring': '180s',
    // ALB metrics are published each minute, usually within two.
    cloudwatch: '120s',
    // Two scrape intervals of a typical 15 s scrape.
    prometheus: '30s',
};
/** Stands for a target group or load balancer the gate reads from the ECS service before any metric call. */
const FROM_ECS_SERVICE = '(from the ECS service)';
const REVISION = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
/** What an arm is called before a step names it (rollout). */
const ARM_DECIDED_PER_STEP = '';
/**
 * A rate as a fraction: "5%" or "0.05". A bare number above `maxBare` is refused, because "5"
 * would otherwise silently mean 500 %.
 */
function parseRate(name, raw, options) {
    const percent = raw.match(/^(\d+(?:\.\d+)?)\s*%$/);
    const value = percent ? Number(percent[1]) / 100 : /^\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value))
        throw new errors/* InputError */.dz(name, `"${raw}" is not a rate`, options.example);
    if (!percent && value > 1) {
        throw new errors/* InputError */.dz(name, `"${raw}" is ambiguous: write a percentage (${raw}%) or a fraction`, options.example);
    }
    if (value > options.max)
        throw new errors/* InputError */.dz(name, `${raw} is above the maximum ${options.max * 100}%`, options.example);
    return value;
}
/** An instant as ISO 8601 or epoch seconds (or milliseconds), in epoch ms. */
function parseInstant(name, raw) {
    if (/^\d{10}(\.\d+)?$/.test(raw))
        return Math.round(Number(raw) * 1000);
    if (/^\d{13}$/.test(raw))
        return Number(raw);
    const ms = /^\d{4}-\d\d-\d\dT/.test(raw) ? Date.parse(raw) : Number.NaN;
    if (!Number.isFinite(ms))
        throw new errors/* InputError */.dz(name, `"${raw}" is not an ISO 8601 time or epoch seconds`, '2026-11-22T18:00:00Z');
    return ms;
}
function rate(read, name, fallback, max, example) {
    return parseRate(name, read.optional(name) ?? fallback, { max, example });
}
function readGateSettings(core, env, form) {
    const read = inputReader(core);
    const names = { duration: form.names?.duration ?? INPUTS.duration, mode: form.names?.mode ?? INPUTS.mode };
    const rawHeaders = read.secret(INPUTS.prometheusHeaders);
    const headers = parseHeaderLines(rawHeaders);
    const secrets = Object.values(headers).filter((v) => v.length > 0);
    for (const value of secrets)
        maskSecret(core, value);
    const provider = form.arms === 'inputs'
        ? read.optionalChoice(INPUTS.provider, ['cloud-run', 'ecs'])
        : form.arms.target.provider;
    const source = read.optionalChoice(INPUTS.source, SOURCES) ??
        (provider === 'cloud-run'
            ? 'cloud-monitoring'
            : provider === 'ecs'
                ? 'cloudwatch'
                : read.optional(INPUTS.prometheusUrl)
                    ? 'prometheus'
                    : undefined);
    if (source === undefined) {
        throw new errors/* InputError */.dz(INPUTS.source, `is required when "${INPUTS.provider}" is not given`, SOURCES.join(' | '));
    }
    const intervalMs = read.durationMs(INPUTS.interval, '1m');
    if (intervalMs < 1000 || intervalMs % 1000 !== 0) {
        throw new errors/* InputError */.dz(INPUTS.interval, 'must be a whole number of seconds, at least 1s', '1m');
    }
    checkIntervalForSource(source, intervalMs);
    const durationMs = read.durationMs(names.duration, '10m');
    if (durationMs < intervalMs) {
        throw new errors/* InputError */.dz(names.duration, `must be at least one interval (${intervalMs / 1000}s)`, '10m');
    }
    if (durationMs / intervalMs > 10_000) {
        throw new errors/* InputError */.dz(names.duration, 'spans more than 10000 intervals', '30m with interval 1m');
    }
    const bake = readBake(read, durationMs, intervalMs, names.duration);
    const maxP95LatencyMs = read.optionalNumber(INPUTS.maxP95LatencyMs, { min: 1, example: '800' });
    const rawLatencyIncrease = read.optional(INPUTS.maxLatencyIncrease);
    const maxLatencyIncrease = rawLatencyIncrease === undefined
        ? undefined
        : parseRate(INPUTS.maxLatencyIncrease, rawLatencyIncrease, { max: 100, example: '20%' });
    const latency = maxP95LatencyMs !== undefined || maxLatencyIncrease !== undefined;
    const common = {
        latency,
        slowThresholdsMs: [],
        userAgent: (0,user_agent/* userAgent */.N1)(form.action, env),
        requestTimeoutMs: Math.min(30_000, Math.max(2_000, intervalMs)),
    };
    const targetSettings = form.arms === 'inputs'
        ? undefined
        : readTargetSourceSettings(read, source, common, headers, env, form.arms.target);
    const { metrics, targetGroups } = targetSettings ?? {
        metrics: readSourceSettings(read, source, common, headers, env),
        targetGroups: undefined,
    };
    const ecsNative = form.arms === 'inputs'
        ? source === 'cloudwatch'
            ? readEcsNativeService(read)
            : undefined
        : targetSettings?.ecsNative;
    const rawStart = form.arms === 'inputs' ? read.optional(INPUTS.startTime) : undefined;
    // The one duration reader: malformed or unbounded values are input errors naming metrics-delay.
    const metricsDelayMs = read.durationMs(INPUTS.metricsDelay, DEFAULT_METRICS_DELAY[source]);
    return {
        metrics,
        ...(ecsNative === undefined ? {} : { ecsNative }),
        ...(rawStart === undefined ? {} : { startTime: parseInstant(INPUTS.startTime, rawStart) }),
        durationMs,
        ...bake,
        intervalMs,
        metricsDelayMs,
        maxErrorRate: rate(read, INPUTS.maxErrorRate, `${GATE_DEFAULTS.maxErrorRate * 100}%`, 1, '5%'),
        maxIncrease: rate(read, INPUTS.maxIncrease, `${GATE_DEFAULTS.maxIncrease * 100}%`, 100, '20%'),
        minRequests: read.integer(INPUTS.minRequests, {
            default: GATE_DEFAULTS.minRequests,
            min: 1,
            example: '100',
        }),
        falseAlarmRate: read.number(INPUTS.falseAlarmRate, {
            default: GATE_DEFAULTS.falseAlarmRate,
            min: 0.0001,
            max: 0.2,
            example: '0.01',
        }),
        ...(maxP95LatencyMs === undefined ? {} : { maxP95LatencyMs }),
        ...(maxLatencyIncrease === undefined ? {} : { maxLatencyIncrease }),
        mode: read.choice(names.mode, MODES, 'enforce'),
        secrets,
        ...(targetGroups === undefined ? {} : { targetGroups }),
    };
}
/**
 * The periods each source's API accepts for the metrics the gate reads: Cloud Monitoring aligns to
 * at least 60 s (common.proto, Aggregation.alignment_period: "The value must be at least 60
 * seconds"); ALB metrics have regular (60 s) resolution, for which a CloudWatch period "must be a
 * multiple of 60" (MetricStat.Period). A shorter interval would only ever yield empty answers.
 */
function checkIntervalForSource(source, intervalMs) {
    const seconds = intervalMs / 1000;
    if (source === 'cloud-monitoring' && seconds < 60) {
        throw new errors/* InputError */.dz(INPUTS.interval, `${seconds}s is shorter than the 60s alignment period Cloud Monitoring requires`, '1m');
    }
    if (source === 'cloudwatch' && seconds % 60 !== 0) {
        throw new errors/* InputError */.dz(INPUTS.interval, `${seconds}s is not a multiple of the 60s period of ALB metrics in CloudWatch`, '1m');
    }
}
/** max-duration and detectable-ratio: how long the bake may extend, and what a pass must be able to see. */
function readBake(read, durationMs, intervalMs, durationInput) {
    const fallback = `${Math.round(maxBakeMinutes(durationMs / 60_000) * 60)}s`;
    const maxDurationMs = read.durationMs(INPUTS.maxDuration, fallback);
    if (maxDurationMs < durationMs) {
        throw new errors/* InputError */.dz(INPUTS.maxDuration, `must be at least ${durationInput} (${durationMs / 1000}s): it is how long the bake may extend beyond it`, `${Math.ceil(maxBakeMinutes(durationMs / 60_000))}m`);
    }
    if (maxDurationMs / intervalMs > 10_000) {
        throw new errors/* InputError */.dz(INPUTS.maxDuration, 'spans more than 10000 intervals', '30m with interval 1m');
    }
    const raw = read.optional(INPUTS.detectableRatio);
    const detectableRatio = raw === undefined ? GATE_DEFAULTS.detectableRatio : Number(raw.replace(/[x×]$/, ''));
    if (raw !== undefined && !/^\d+(\.\d+)?[x×]?$/.test(raw)) {
        throw new errors/* InputError */.dz(INPUTS.detectableRatio, `"${raw}" is not a ratio`, '3');
    }
    if (!(detectableRatio > 1) || detectableRatio > 1000) {
        throw new errors/* InputError */.dz(INPUTS.detectableRatio, `${raw} must be above 1 and at most 1000: it is how many times the baseline's error rate a pass must be able to catch`, '3');
    }
    return { maxDurationMs, detectableRatio };
}
/** A required identity input (or its fallback), checked by the one validator of its kind. */
function identity(read, kind, name, fallback) {
    const value = read.optional(name) ?? fallback;
    if (value === undefined)
        throw new errors/* InputError */.dz(name, 'is required', kind.example);
    return (0,cloud_identities/* checkIdentity */.Z0)(kind, name, value);
}
/** The AWS region CloudWatch is read in: the input, else the credential chain's environment. */
function awsRegion(read, env, fallback) {
    const region = read.optional(INPUTS.region) ?? fallback ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (region === undefined)
        throw new errors/* InputError */.dz(INPUTS.region, 'is required (or AWS_REGION)', cloud_identities/* AWS_REGION */.VN.example);
    return (0,cloud_identities/* checkIdentity */.Z0)(cloud_identities/* AWS_REGION */.VN, INPUTS.region, region);
}
function cloudWatchEndpoint(env) {
    const endpoint = env.AWS_ENDPOINT_URL_CLOUDWATCH ?? env.AWS_ENDPOINT_URL;
    return endpoint ? { endpoint } : {};
}
/**
 * ECS-native (error-rate-gate, source cloudwatch): one service in "services" with its "cluster",
 * and no target groups given: the gate reads the candidate (green) and baseline (blue) target
 * groups, and their load balancer, from the service's deployment (shared/providers/ecs).
 */
function readEcsNativeService(read) {
    const cluster = read.optional(INPUTS.cluster);
    const services = read.list(INPUTS.services);
    if (cluster === undefined && services.length === 0)
        return undefined;
    const [service] = services;
    if (cluster === undefined || service === undefined || services.length !== 1) {
        throw new errors/* InputError */.dz(cluster === undefined ? INPUTS.cluster : INPUTS.services, 'ECS-native: give the cluster and the one service whose deployment the gate judges', cluster === undefined ? 'prod' : 'shop');
    }
    (0,cloud_identities/* checkIdentity */.Z0)(cloud_identities/* ECS_CLUSTER */.Lk, INPUTS.cluster, cluster);
    (0,cloud_identities/* checkIdentity */.Z0)(cloud_identities/* ECS_SERVICE */.Kf, INPUTS.services, service);
    refuseNativeArmInputs(read, service, [
        INPUTS.candidateTargetGroup,
        INPUTS.baselineTargetGroup,
        INPUTS.loadBalancer,
    ]);
    const region = read.optional(INPUTS.region);
    return { provider: 'ecs', cluster, services: [service], ...(region === undefined ? {} : { region }) };
}
/** ECS-native: the arms come from the service's deployment, so inputs naming them are refused. */
function refuseNativeArmInputs(read, service, names) {
    for (const name of names) {
        if (read.optional(name) !== undefined) {
            throw new errors/* InputError */.dz(name, `is read from the ECS service ${service}; leave it out (its ECS-native deployment names the candidate and baseline target groups)`);
        }
    }
}
function readSourceSettings(read, source, common, headers, env) {
    const rollbackTarget = read.optional(INPUTS.rollbackTarget);
    switch (source) {
        case 'cloud-monitoring': {
            const fromToken = cloudRunResourceFrom(rollbackTarget);
            const candidate = read.optional(INPUTS.candidate);
            if (candidate === undefined)
                throw new errors/* InputError */.dz(INPUTS.candidate, 'is required', 'shop-00042-xyz');
            if (!REVISION.test(candidate)) {
                throw new errors/* InputError */.dz(INPUTS.candidate, `"${candidate}" is not valid here`, 'shop-00042-xyz');
            }
            const baseline = baselineOf(read, candidate, rollbackTarget);
            if (!REVISION.test(baseline))
                throw new errors/* InputError */.dz(INPUTS.baseline, `"${baseline}" is not a revision name`, 'shop-00041-abc');
            const region = read.optional(INPUTS.region) ?? fromToken.region;
            if (region !== undefined)
                (0,cloud_identities/* checkIdentity */.Z0)(cloud_identities/* GCP_REGION */.Gb, INPUTS.region, region);
            return {
                source,
                ...common,
                candidate,
                baseline,
                project: identity(read, cloud_identities/* GCP_PROJECT */.tR, INPUTS.project, fromToken.project),
                service: identity(read, cloud_identities/* CLOUD_RUN_SERVICE */.im, INPUTS.service, fromToken.service),
                ...(region ? { region } : {}),
                ...emulatorHost(env),
            };
        }
        case 'cloudwatch': {
            if (readEcsNativeService(read) !== undefined) {
                return {
                    source,
                    ...common,
                    candidate: FROM_ECS_SERVICE,
                    baseline: `${FROM_ECS_SERVICE} (baseline)`,
                    loadBalancer: FROM_ECS_SERVICE,
                    region: awsRegion(read, env),
                    ...cloudWatchEndpoint(env),
                };
            }
            const loadBalancer = identity(read, cloud_identities/* ALB */.ON, INPUTS.loadBalancer);
            const candidate = identity(read, cloud_identities/* TARGET_GROUP */._4, INPUTS.candidateTargetGroup);
            const baseline = identity(read, cloud_identities/* TARGET_GROUP */._4, INPUTS.baselineTargetGroup);
            if ((0,cloudwatch/* targetGroupDimension */.RA)(candidate) === (0,cloudwatch/* targetGroupDimension */.RA)(baseline)) {
                throw new errors/* InputError */.dz(INPUTS.baselineTargetGroup, 'is the same target group as the candidate', 'targetgroup/shop-blue/943f017f100becff');
            }
            return {
                source,
                ...common,
                candidate: (0,cloudwatch/* targetGroupDimension */.RA)(candidate),
                baseline: (0,cloudwatch/* targetGroupDimension */.RA)(baseline),
                loadBalancer: (0,cloudwatch/* loadBalancerDimension */.Tj)(loadBalancer),
                region: awsRegion(read, env),
                ...cloudWatchEndpoint(env),
            };
        }
        case 'prometheus': {
            const candidate = read.required(INPUTS.candidate, 'v2');
            return prometheusSettings(read, common, headers, candidate, baselineOf(read, candidate, rollbackTarget));
        }
    }
}
/**
 * rollout: where to read each step's metrics, from the traffic target; the arms are named at
 * each step (ARM_DECIDED_PER_STEP until then).
 */
function readTargetSourceSettings(read, source, common, headers, env, target) {
    const arms = { candidate: ARM_DECIDED_PER_STEP, baseline: ARM_DECIDED_PER_STEP };
    switch (source) {
        case 'cloud-monitoring': {
            if (target.provider !== 'cloud-run') {
                throw new errors/* InputError */.dz(INPUTS.source, 'cloud-monitoring reads Cloud Run metrics; provider is ecs', 'cloudwatch');
            }
            const { project, region, service } = target;
            const metrics = { source, ...common, ...arms, project, service, region, ...emulatorHost(env) };
            return { metrics, targetGroups: undefined };
        }
        case 'cloudwatch': {
            if (target.provider !== 'ecs') {
                throw new errors/* InputError */.dz(INPUTS.source, 'cloudwatch reads the load balancer of ECS services; provider is cloud-run', 'cloud-monitoring');
            }
            const region = awsRegion(read, env, target.region);
            const [service] = target.services;
            if (target.services.length === 1 && service !== undefined) {
                // ECS-native: each step reads green and blue from the deployment (shared/gate/ecs-native.ts).
                refuseNativeArmInputs(read, service, [INPUTS.loadBalancer, INPUTS.targetGroups]);
                const metrics = {
                    source,
                    ...common,
                    ...arms,
                    loadBalancer: FROM_ECS_SERVICE,
                    region,
                    ...cloudWatchEndpoint(env),
                };
                return { metrics, targetGroups: undefined, ecsNative: target };
            }
            const loadBalancer = identity(read, cloud_identities/* ALB */.ON, INPUTS.loadBalancer);
            const groups = read.list(INPUTS.targetGroups);
            const example = 'targetgroup/shop-blue/943f017f100becff,targetgroup/shop-green/6d0ecf831eec9f09';
            for (const group of groups)
                (0,cloud_identities/* checkIdentity */.Z0)(cloud_identities/* TARGET_GROUP */._4, INPUTS.targetGroups, group, example);
            const [first, second] = groups.map(cloudwatch/* targetGroupDimension */.RA);
            if (groups.length !== 2 || first === undefined || second === undefined || first === second) {
                throw new errors/* InputError */.dz(INPUTS.targetGroups, `needs two different target groups, in the order of "services" (${target.services.join(', ')})`, example);
            }
            const metrics = {
                source,
                ...common,
                ...arms,
                loadBalancer: (0,cloudwatch/* loadBalancerDimension */.Tj)(loadBalancer),
                region,
                ...cloudWatchEndpoint(env),
            };
            return { metrics, targetGroups: [first, second] };
        }
        case 'prometheus':
            return {
                metrics: prometheusSettings(read, common, headers, arms.candidate, arms.baseline),
                targetGroups: undefined,
            };
    }
}
function prometheusSettings(read, common, headers, candidate, baseline) {
    const url = read.url(INPUTS.prometheusUrl, { example: 'https://prometheus.example.com' });
    if (url === undefined)
        throw new errors/* InputError */.dz(INPUTS.prometheusUrl, 'is required for source prometheus', 'https://prometheus.example.com');
    if (url.username || url.password) {
        throw new errors/* InputError */.dz(INPUTS.prometheusUrl, 'must not carry credentials; pass them in "prometheus-headers"', 'https://prometheus.example.com');
    }
    const template = (name, fallback) => {
        const value = read.optional(name) ?? fallback;
        if (value === undefined)
            return undefined;
        const unknown = (0,prometheus/* unknownPlaceholders */.hX)(value);
        if (unknown.length > 0) {
            throw new errors/* InputError */.dz(name, `unknown placeholder {{${unknown[0]}}}; use {{version}}, {{arm}}, {{candidate}}, {{baseline}} or {{window}}`, prometheus/* DEFAULT_REQUESTS_QUERY */.sI);
        }
        return value;
    };
    const latencyQuery = template(INPUTS.latencyQuery);
    if (common.latency && latencyQuery === undefined) {
        throw new errors/* InputError */.dz(INPUTS.latencyQuery, 'is required for a latency limit with source prometheus', 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{version="{{version}}"}[{{window}}]))) * 1000');
    }
    return {
        source: 'prometheus',
        ...common,
        candidate,
        baseline,
        url,
        requestsQuery: template(INPUTS.requestsQuery, prometheus/* DEFAULT_REQUESTS_QUERY */.sI) ?? prometheus/* DEFAULT_REQUESTS_QUERY */.sI,
        errorsQuery: template(INPUTS.errorsQuery, prometheus/* DEFAULT_ERRORS_QUERY */.lD) ?? prometheus/* DEFAULT_ERRORS_QUERY */.lD,
        ...(latencyQuery ? { latencyQuery } : {}),
        headers,
    };
}
function baselineOf(read, candidate, rollbackTarget) {
    const raw = read.optional(INPUTS.baseline);
    const baseline = raw !== undefined
        ? baselineFrom(raw, INPUTS.baseline, candidate)
        : rollbackTarget !== undefined
            ? baselineFrom(rollbackTarget, INPUTS.rollbackTarget, candidate)
            : undefined;
    if (baseline === undefined) {
        throw new errors/* InputError */.dz(INPUTS.baseline, `is required (or "${INPUTS.rollbackTarget}" from canary-shift)`, 'shop-00041-abc');
    }
    if (baseline === candidate)
        throw new errors/* InputError */.dz(INPUTS.baseline, 'is the candidate itself', 'shop-00041-abc');
    return baseline;
}
/** The Cloud Monitoring emulator, for tests and local runs only: loopback, plain HTTP, no credentials. */
function emulatorHost(env) {
    const host = env.CLOUD_MONITORING_EMULATOR_HOST;
    if (!host)
        return {};
    if (!/^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(host)) {
        throw new errors/* ActionError */.lZ(`CLOUD_MONITORING_EMULATOR_HOST must be a loopback host:port, got "${host}"`);
    }
    return { emulatorHost: host };
}
/** "Name: value" lines (or a JSON object) of extra headers for the Prometheus API. */
function parseHeaderLines(raw) {
    if (raw === undefined)
        return {};
    const example = 'Authorization: Bearer <token>';
    if (raw.trim().startsWith('{')) {
        try {
            const parsed = JSON.parse(raw);
            return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
        }
        catch {
            throw new errors/* InputError */.dz(INPUTS.prometheusHeaders, 'is not valid JSON', example);
        }
    }
    const headers = {};
    for (const line of raw.split('\n')) {
        if (line.trim() === '')
            continue;
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
            // Never echo the line: it may hold a secret.
            throw new errors/* InputError */.dz(INPUTS.prometheusHeaders, 'each line must be "Name: value"', example);
        }
        headers[name] = line.slice(colon + 1).trim();
    }
    return headers;
}

;// CONCATENATED MODULE: ./shared/judge/math.ts
/** Special functions for the judge (no dependencies, deterministic across machines). */
const LANCZOS = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-14). */
function logGamma(x) {
    if (x < 0.5)
        return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    const z = x - 1;
    let sum = LANCZOS[0];
    for (let i = 1; i < 9; i++)
        sum += LANCZOS[i] / (z + i);
    const t = z + 7.5;
    return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
/** log of the rising factorial a(a+1)…(a+n−1) = log Γ(a+n) − log Γ(a), exact sums for small n. */
function logRising(a, n) {
    if (n <= 0)
        return 0;
    if (n <= 12) {
        let product = a;
        for (let i = 1; i < n; i++)
            product *= a + i;
        return Math.log(product);
    }
    return logGamma(a + n) - logGamma(a);
}
/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
function inverseNormalCdf(p) {
    if (!(p > 0 && p < 1))
        return p <= 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    const low = 0.02425;
    if (p < low) {
        const q = Math.sqrt(-2 * Math.log(p));
        return ((((((-0.007784894002430293 * q - 0.3223964580411365) * q - 2.400758277161838) * q - 2.549732539343734) *
            q +
            4.374664141464968) *
            q +
            2.938163982698783) /
            ((((0.007784695709041462 * q + 0.3224671290700398) * q + 2.445134137142996) * q + 3.754408661907416) *
                q +
                1));
    }
    if (p > 1 - low)
        return -inverseNormalCdf(1 - p);
    const q = p - 0.5;
    const r = q * q;
    return (((((((-39.69683028665376 * r + 220.9460984245205) * r - 275.928510446969) * r + 138.357751867269) * r -
        30.66479806614716) *
        r +
        2.506628277459239) *
        q) /
        (((((-54.47609879822406 * r + 161.5858368580409) * r - 155.6989798598866) * r + 66.80131188771972) * r -
            13.28068155288572) *
            r +
            1));
}
/** P(Σ Binomial(events[i], shares[i]) ≥ k): the exact conditional tail of the candidate's events. */
function binomialSumUpperTail(events, shares, k) {
    // Distribution of the sum truncated at k (index k holds "k or more").
    let dist = new Float64Array(k + 1);
    let next = new Float64Array(k + 1);
    dist[0] = 1;
    for (let i = 0; i < events.length; i++) {
        const n = events[i];
        const p = shares[i];
        next.fill(0);
        if (p >= 1) {
            // Every event is the candidate's: a shift by n.
            for (let s = 0; s <= k; s++)
                next[Math.min(k, s + n)] = next[Math.min(k, s + n)] + dist[s];
            [dist, next] = [next, dist];
            continue;
        }
        // Binomial(n, p) pmf by recurrence, folded into the truncated convolution.
        let pmf = (1 - p) ** n;
        for (let j = 0; j <= n; j++) {
            if (j > 0)
                pmf *= ((n - j + 1) / j) * (p / (1 - p));
            if (pmf === 0 && j > n * p)
                break;
            for (let s = 0; s <= k; s++) {
                const mass = dist[s];
                if (mass === 0)
                    continue;
                const to = Math.min(k, s + j);
                next[to] = next[to] + mass * pmf;
            }
        }
        [dist, next] = [next, dist];
    }
    return Math.min(1, Math.max(0, dist[k]));
}
/** Complementary error function (Numerical Recipes erfcc, |error| < 1.2e-7). */
function erfc(x) {
    const z = Math.abs(x);
    const t = 1 / (1 + 0.5 * z);
    const r = t *
        Math.exp(-z * z -
            1.26551223 +
            t *
                (1.00002368 +
                    t *
                        (0.37409196 +
                            t *
                                (0.09678418 +
                                    t *
                                        (-0.18628806 +
                                            t *
                                                (0.27886807 +
                                                    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
}
/** Standard normal CDF. */
function normalCdf(x) {
    return 0.5 * erfc(-x / Math.SQRT2);
}

;// CONCATENATED MODULE: ./shared/judge/sequential.ts
/**
 * The production canary judge (JUDGE-BENCHMARK.md, "Our judge"): a sequential test on the
 * candidate's share of each minute's errors, valid under continuous monitoring.
 *
 * Conditioning on a minute's total errors X = eC + eB, eC is binomial with θ = ρr / (ρr + 1 − ρ),
 * ρ the candidate's share of requests that minute and r the ratio of the candidate's error rate to
 * the baseline's. Whatever multiplies both arms (the daily curve, a shared dependency's hiccup)
 * cancels. Arm-only noise is modelled as a symmetric disturbance of log r with variance s²
 * (estimated by moments from the A/A history and the run's own residuals): it widens the minute's
 * distribution (beta-binomial) and pulls its mean share towards ½, which a plain binomial would
 * misread as a regression whenever ρ ≠ ½.
 *
 * For each alternative r (a weighted grid above r0 plus a plug-in estimate from earlier minutes)
 * the judge keeps a test supermartingale whose per-minute factor is 1 − λ + λ·min(LR, C): the
 * likelihood ratio capped at C (so a burst of a few bad minutes cannot decide alone) and bet with
 * a fraction λ (so a healthy stretch cannot drive the wealth to zero before a late regression).
 * Each factor has expectation ≤ 1 under the null, so by Ville's inequality the mixture ever
 * crosses 1/α with probability ≤ α.
 *
 * Optionally (confirmAlpha < 1) the crossing is only an alarm, confirmed on fresh minutes at
 * 1/confirmAlpha with the alternatives re-weighted by the alarm's wealth. At the horizon a
 * fixed-sample test on all minutes (winsorized score, or the exact conditional tail when events are
 * few) catches small steady regressions with its own share of the error budget. A mirror mixture
 * against r ≥ r_p promotes when the candidate is clearly not worse. Latency uses the same test on
 * counts of slow requests. Missing or too little data ends `inconclusive`, never `promote`.
 */

/**
 * Defaults tuned on the judge benchmark (reports/judge-benchmark.md). The benchmark preferred one
 * sequential stage at 1 % (the per-minute cap already makes a short burst unable to decide: each
 * minute's factor is at most 0.03 + 0.97·4.5 ≈ 4.4, so three minutes reach 85 < 1/α and four are
 * needed, while four capped minutes reach 370 and decide even when the mixture's weight is spread
 * over several alternatives) plus the end-of-window test at 0.5 % over the
 * two-stage alarm/confirmation at 10 %·10 %, which stays available (confirmAlpha < 1): same power,
 * one minute slower. Under the model, false rollbacks are bounded by
 * alarmAlpha·confirmAlpha + endOfWindowAlpha = 1.5 %.
 */
const DEFAULT_SEQUENTIAL_OPTIONS = Object.freeze({
    alarmAlpha: 0.01,
    confirmAlpha: 1,
    nullRatio: 1,
    alternatives: Object.freeze([1.5, 2, 4, 10, 100]),
    alternativeWeights: Object.freeze([3, 3, 2, 1, 1]),
    pluginWeight: 0.5,
    promoteRatio: 1.5,
    promoteAlternatives: Object.freeze([0.8, 2 / 3, 0.5]),
    promoteAlpha: 0.05,
    finalPromoteAlpha: 0.2,
    minPromoteFraction: 0.5,
    betFraction: 0.97,
    endOfWindowAlpha: 0.005,
    endOfWindowTrim: 3,
    confirmWindow: 0,
    minuteCap: 4.5,
    confirmMinuteCap: 4.5,
    priorNoiseVariance: 0.02,
    priorNoiseVarianceWithoutHistory: 0.1,
    priorNoiseWeight: 20,
    noiseSafety: 1,
    latencyChannels: 0,
});
/**
 * Levels for a target false-rollback rate, as the defaults are for 1 %: the sequential stage at
 * the rate (single stage), the end-of-window test at half of it.
 */
function stageAlphas(falseRollbackRate) {
    const rate = Math.min(0.25, Math.max(1e-9, falseRollbackRate));
    return { alarmAlpha: rate, confirmAlpha: 1, endOfWindowAlpha: rate / 2 };
}
/**
 * Minutes the end-of-window test leaves out of `minutes` minutes with data: one in four, up to
 * `maxTrim`, and fewer in long windows, where a burst of a couple of minutes is diluted anyway
 * (about 40 minutes per minute left out: one in an hour).
 */
/**
 * Only minutes with more events than this may be left out: a quieter minute is already bounded by
 * the score's clamp (SCORE_CLAMP_FLOOR events), and at low traffic every minute with an error is
 * precious evidence.
 */
const TRIM_MIN_EVENTS = 4;
function endOfWindowTrimFor(minutes, maxTrim) {
    if (minutes <= 0)
        return 0;
    return Math.min(maxTrim, Math.floor(minutes / 4), Math.max(1, Math.ceil(40 / minutes)));
}
function sigmoid(x) {
    return 1 / (1 + Math.exp(-x));
}
/** Above this beta-binomial concentration a minute is treated as binomial. */
const BINOMIAL_CONCENTRATION = 1e7;
const MIN_OVERDISPERSION = 1 / (BINOMIAL_CONCENTRATION + 2);
/** δ = Var(θ_t)/(θ(1 − θ)) ≤ 0.5 keeps the beta-binomial concentration m = 1/δ − 1 ≥ 1. */
const MAX_OVERDISPERSION = 0.5;
const PLUGIN_PSEUDO_COUNT = 2;
const PLUGIN_MIN_RATIO = 1.2;
const PLUGIN_MAX_RATIO = 100;
/**
 * Below this many expected candidate events (under the null) the end-of-window test uses the exact
 * conditional tail instead of the normal approximation.
 */
const MIN_EXPECTED_HITS = 10;
/** Winsorizing bound of one minute's score in the end-of-window test, in its standard deviations. */
const SCORE_CLAMP = 1.5;
/**
 * …but never below this many events: a quiet minute's score is skewed (one error where 0.3 were
 * expected), and clamping it would bias the test against the candidate's errors.
 */
const SCORE_CLAMP_FLOOR = 3;
/** Per-minute memory of the running ratio that noise residuals are measured against. */
const RATIO_MEMORY = 0.7;
const RATIO_PSEUDO_COUNT = 3;
/**
 * Largest squared standardized residual one A/A minute may add to the noise estimate: a burst in
 * the history is arm-only noise too, but one ×5 burst minute at high traffic (a squared residual
 * in the hundreds) must not swamp an hour's estimate and blunt the test for the whole rollout.
 */
const MAX_SQUARED_RESIDUAL = 25;
/**
 * The same during the rollout, lower: the onset of a real regression is an outlier against the
 * recent ratio too, and must not teach the judge that such jumps are noise.
 */
const MAX_SQUARED_RESIDUAL_LIVE = 9;
/**
 * One evidence channel (errors, or slow requests above one latency threshold): the alarm mixture,
 * the confirmation mixture and the promote mirror, with their own overdispersion estimate.
 */
class EvidenceChannel {
    options;
    alarmLog;
    confirmLog;
    confirmWeight;
    priorWeight;
    promoteLog;
    logRatios;
    logPromoteRatios;
    logNullRatio;
    logPromoteRatio;
    logCap;
    logConfirmCap;
    excess = 0;
    spread = 0;
    sumCandidate = 0;
    sumBaseline = 0;
    dataMinutes = 0;
    /** Mantel–Haenszel sums over all judged minutes, for the plug-in alternative. */
    runCandidate = 0;
    runBaseline = 0;
    scoreSum = 0;
    scoreVariance = 0;
    expectedHits = 0;
    rawHits = 0;
    minuteEvents = [];
    minuteShares = [];
    minuteHits = [];
    /** Each minute's winsorized score and its variance, for the end-of-window test. */
    minuteScores = [];
    minuteVariances = [];
    constructor(options) {
        this.options = options;
        this.logNullRatio = Math.log(options.nullRatio);
        this.logPromoteRatio = Math.log(options.promoteRatio);
        // The fixed alternatives, then one slot for the plug-in alternative (set before each minute).
        this.logRatios = Float64Array.from([...options.alternatives, 2], (m) => Math.log(m * options.nullRatio));
        this.logPromoteRatios = Float64Array.from(options.promoteAlternatives, (m) => Math.log(m * options.promoteRatio));
        this.alarmLog = new Float64Array(this.logRatios.length);
        this.confirmLog = new Float64Array(this.logRatios.length);
        this.confirmWeight = new Float64Array(this.logRatios.length);
        this.promoteLog = new Float64Array(this.logPromoteRatios.length);
        const raw = options.alternatives.map((_, k) => options.alternativeWeights[k] ?? (options.alternativeWeights.length > 0 ? 0 : 1));
        const total = raw.reduce((a, b) => a + b, 0);
        const fixedShare = 1 - options.pluginWeight;
        this.priorWeight = Float64Array.from([...raw.map((w) => (fixedShare * w) / total), options.pluginWeight]);
        this.logCap = Math.log(options.minuteCap);
        this.logConfirmCap = Math.log(options.confirmMinuteCap);
    }
    reset(priorNoiseVariance) {
        this.alarmLog.fill(0);
        this.confirmLog.fill(0);
        this.confirmWeight.set(this.priorWeight);
        this.runCandidate = 0;
        this.runBaseline = 0;
        this.promoteLog.fill(0);
        this.excess = priorNoiseVariance * this.options.priorNoiseWeight;
        this.spread = this.options.priorNoiseWeight;
        this.sumCandidate = 0;
        this.sumBaseline = 0;
        this.dataMinutes = 0;
        this.scoreSum = 0;
        this.scoreVariance = 0;
        this.expectedHits = 0;
        this.rawHits = 0;
        this.minuteEvents.length = 0;
        this.minuteShares.length = 0;
        this.minuteHits.length = 0;
        this.minuteScores.length = 0;
        this.minuteVariances.length = 0;
    }
    /**
     * The end-of-window test at level alpha: a z test on the winsorized score when the null expects
     * enough candidate events, else the exact tail of the candidate's events given each minute's
     * total (a sum of binomials).
     */
    endOfWindowRejects(alpha, trim = 0) {
        // Leave out the `trim` minutes whose score speaks most against the candidate.
        const dropped = new Set();
        const leaveOut = endOfWindowTrimFor(this.minuteScores.length, trim);
        for (let k = 0; k < leaveOut; k++) {
            let worst = -1;
            for (let i = 0; i < this.minuteScores.length; i++) {
                if (dropped.has(i) || this.minuteEvents[i] < TRIM_MIN_EVENTS)
                    continue;
                if (worst < 0 || this.minuteScores[i] > this.minuteScores[worst])
                    worst = i;
            }
            if (worst >= 0 && this.minuteScores[worst] > 0)
                dropped.add(worst);
        }
        let expected = this.expectedHits;
        let hits = this.rawHits;
        let score = this.scoreSum;
        let variance = this.scoreVariance;
        for (const i of dropped) {
            expected -= this.minuteEvents[i] * this.minuteShares[i];
            hits -= this.minuteHits[i];
            score -= this.minuteScores[i];
            variance -= this.minuteVariances[i];
        }
        if (expected < MIN_EXPECTED_HITS) {
            if (hits <= 0)
                return false;
            const keep = (_, i) => !dropped.has(i);
            return (binomialSumUpperTail(this.minuteEvents.filter(keep), this.minuteShares.filter(keep), hits) <= alpha);
        }
        if (variance <= 0)
            return false;
        // Continuity correction: counts are discrete.
        const z = (score - 0.5) / Math.sqrt(variance);
        return z >= -inverseNormalCdf(alpha);
    }
    /** Minutes that carried at least one event (the only ones with information). */
    get minutesWithData() {
        return this.dataMinutes;
    }
    /**
     * s²: variance of the minute-to-minute noise in log(candidate rate / baseline rate), estimated
     * by moments: Var(eC | X) ≈ Xθ(1 − θ) + X(X − 1)·(θ(1 − θ))²·s².
     */
    logitVariance() {
        return Math.max(0, this.excess / this.spread);
    }
    /** Learns the noise from an A/A minute without touching the e-processes. */
    learn(nB, eB, nC, eC) {
        this.updateNoise(nB, eB, nC, eC, 1);
    }
    /**
     * Feeds one judged minute; `confirming` selects which rollback process takes the evidence.
     * With arm-only noise ε (symmetric, variance s²) on the log ratio, the candidate's share is
     * σ(logit ρ + log r + ε): its mean is ≈ σ((logit ρ + log r)/√(1 + πs²/8)), not ρr/(ρr + 1 − ρ),
     * and ignoring that shift would read noise as a regression whenever ρ ≠ ½.
     */
    observe(nB, eB, nC, eC, confirming) {
        const events = eB + eC;
        if (events <= 0)
            return;
        const variance = this.logitVariance() * this.options.noiseSafety;
        const shrink = 1 / Math.sqrt(1 + (Math.PI * variance) / 8);
        const logitShare = Math.log(nC / nB);
        const nullShare = sigmoid((logitShare + this.logNullRatio) * shrink);
        const dispersion = Math.min(MAX_OVERDISPERSION, nullShare * (1 - nullShare) * variance);
        const concentration = dispersion > MIN_OVERDISPERSION ? 1 / dispersion - 1 : Number.POSITIVE_INFINITY;
        // Plug-in alternative: the ratio estimated from earlier minutes (predictable, so the product
        // stays a test supermartingale), shrunk towards 2·r0 while there are few errors, kept above r0.
        const r0 = this.options.nullRatio;
        const plugin = (this.runCandidate + PLUGIN_PSEUDO_COUNT * 2 * r0) / (this.runBaseline + PLUGIN_PSEUDO_COUNT);
        this.logRatios[this.logRatios.length - 1] = Math.log(Math.min(PLUGIN_MAX_RATIO * r0, Math.max(PLUGIN_MIN_RATIO * r0, plugin)));
        const target = confirming ? this.confirmLog : this.alarmLog;
        const rollbackCap = confirming ? this.logConfirmCap : this.logCap;
        for (let k = 0; k < this.logRatios.length; k++) {
            const altShare = sigmoid((logitShare + this.logRatios[k]) * shrink);
            target[k] =
                target[k] +
                    this.bet(this.cappedLogRatio(eC, events, altShare, nullShare, concentration, rollbackCap));
        }
        const promoteNull = sigmoid((logitShare + this.logPromoteRatio) * shrink);
        for (let k = 0; k < this.logPromoteRatios.length; k++) {
            const altShare = sigmoid((logitShare + this.logPromoteRatios[k]) * shrink);
            this.promoteLog[k] =
                this.promoteLog[k] +
                    this.bet(this.cappedLogRatio(eC, events, altShare, promoteNull, concentration, this.logCap));
        }
        this.dataMinutes++;
        this.runCandidate += (eC * nB) / (nB + nC);
        this.runBaseline += (eB * nC) / (nB + nC);
        // Score statistic for the end-of-window test: observed minus expected candidate errors under
        // the null, with the beta-binomial variance of the minute. The expectation uses the plain share
        // ρr0/(ρr0 + 1 − ρ), not the noise-corrected one above: summed over minutes, eC − Xρ is
        // exactly unbiased under the null (E[eC] = E[X]·ρ), whereas the corrected share is right only
        // for a minute's X taken as given, and a minute with a noisy baseline has a large X and a small
        // candidate share, so summing X × corrected share overstates what the null expects.
        // Each minute is winsorized at ±SCORE_CLAMP of its own sd, so a burst weighs like one bad
        // minute and not like a regression.
        const share = sigmoid(logitShare + this.logNullRatio);
        const minuteVariance = events *
            share *
            (1 - share) *
            (1 + (events - 1) * Math.min(MAX_OVERDISPERSION, share * (1 - share) * variance));
        const bound = Math.max(SCORE_CLAMP_FLOOR, SCORE_CLAMP * Math.sqrt(minuteVariance));
        const score = Math.min(bound, Math.max(-bound, eC - events * share));
        this.scoreSum += score;
        this.scoreVariance += minuteVariance;
        this.expectedHits += events * share;
        this.minuteEvents.push(events);
        this.minuteShares.push(share);
        this.minuteHits.push(eC);
        this.minuteScores.push(score);
        this.minuteVariances.push(minuteVariance);
        this.rawHits += eC;
        // The estimate used for a minute comes from earlier minutes only (predictable), so update last.
        this.updateNoise(nB, eB, nC, eC, 0);
    }
    /** log of one minute's bet factor 1 − λ + λ·LR, for a (capped) log LR. */
    bet(logRatio) {
        const lambda = this.options.betFraction;
        return Math.log(1 - lambda + lambda * Math.exp(logRatio));
    }
    /**
     * log min(LR, C), with LR the beta-binomial likelihood ratio of eC = hits out of X = events at
     * share altShare against nullShare. The concentration m = 1/δ − 1 comes from the overdispersion
     * estimate; a near-binomial minute uses the binomial.
     */
    cappedLogRatio(hits, events, altShare, nullShare, concentration, logCap) {
        let logRatio;
        if (concentration > BINOMIAL_CONCENTRATION) {
            logRatio =
                hits * Math.log(altShare / nullShare) + (events - hits) * Math.log((1 - altShare) / (1 - nullShare));
        }
        else {
            const misses = events - hits;
            logRatio =
                logRising(altShare * concentration, hits) +
                    logRising((1 - altShare) * concentration, misses) -
                    logRising(nullShare * concentration, hits) -
                    logRising((1 - nullShare) * concentration, misses);
        }
        // A minute may always weigh as much as one event at this alternative: the cap is for bursts,
        // not for the single errors of a quiet service.
        const minuteCap = Math.max(logCap, Math.log(altShare / nullShare));
        return logRatio > minuteCap ? minuteCap : logRatio;
    }
    updateNoise(nB, eB, nC, eC, historical) {
        const events = eB + eC;
        const total = nB + nC;
        // Residuals around the run's recent ratio (Mantel–Haenszel over the last few minutes, this
        // one excluded), so a steady regression or a step up does not keep reading as noise, while
        // bursts and arm-only drift do. History is A/A: its ratio is 1.
        let ratio = 1;
        if (historical === 0) {
            // Pseudo-counts pull a ratio estimated from a handful of errors towards 1.
            ratio = (this.sumCandidate + RATIO_PSEUDO_COUNT) / (this.sumBaseline + RATIO_PSEUDO_COUNT);
            this.sumCandidate = RATIO_MEMORY * this.sumCandidate + (eC * nB) / total;
            this.sumBaseline = RATIO_MEMORY * this.sumBaseline + (eB * nC) / total;
        }
        if (events < 2)
            return;
        const share = sigmoid(Math.log(nC / nB) + Math.log(Math.min(Math.max(ratio, 0.02), 50)));
        const binomialVariance = events * share * (1 - share);
        if (binomialVariance <= 0)
            return;
        const residual = eC - events * share;
        const cap = historical === 1 ? MAX_SQUARED_RESIDUAL : MAX_SQUARED_RESIDUAL_LIVE;
        const squared = Math.min((residual * residual) / binomialVariance, cap);
        this.excess += binomialVariance * (squared - 1);
        this.spread += events * (events - 1) * (share * (1 - share)) ** 2;
    }
    /** Rollback evidence of the alarm mixture (prior weights). */
    alarmEvidence() {
        let sum = 0;
        for (let k = 0; k < this.alarmLog.length; k++) {
            sum += this.priorWeight[k] * Math.exp(this.alarmLog[k]);
        }
        return sum;
    }
    /** Fixes confirmation weights from the alarm wealth (before any fresh minute), then restarts. */
    startConfirmation() {
        // Posterior-like weights: prior × alarm wealth, fixed before any fresh minute.
        let total = 0;
        for (let k = 0; k < this.alarmLog.length; k++) {
            total += this.priorWeight[k] * Math.exp(this.alarmLog[k]);
        }
        for (let k = 0; k < this.alarmLog.length; k++) {
            this.confirmWeight[k] =
                total > 0
                    ? (this.priorWeight[k] * Math.exp(this.alarmLog[k])) / total
                    : this.priorWeight[k];
        }
        this.confirmLog.fill(0);
        this.sumCandidate = 0;
        this.sumBaseline = 0;
    }
    /** Back to watching after an alarm that fresh data did not confirm: a new alarm process. */
    restartAlarm() {
        this.alarmLog.fill(0);
        this.confirmLog.fill(0);
    }
    confirmEvidence() {
        let sum = 0;
        for (let k = 0; k < this.confirmLog.length; k++) {
            sum += this.confirmWeight[k] * Math.exp(this.confirmLog[k]);
        }
        return sum;
    }
    promoteEvidence() {
        let sum = 0;
        for (let k = 0; k < this.promoteLog.length; k++)
            sum += Math.exp(this.promoteLog[k]);
        return sum / this.promoteLog.length;
    }
}
function isCount(value) {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
/** A minute is usable when both arms served requests and every count is a sane, finite number. */
function usableCounts(nB, eB, nC, eC) {
    return isCount(nB) && isCount(eB) && isCount(nC) && isCount(eC) && nB > 0 && nC > 0 && eB <= nB && eC <= nC;
}
class SequentialJudge {
    name = 'sequential';
    options;
    channels = [];
    stage = 'warmup';
    warmup = 3;
    minPromoteMinutes = 0;
    stepsSeen = 0;
    judgedMinutes = 0;
    alarmedAt = 0;
    decidedBy;
    constructor(options) {
        validateOptions(options);
        this.options = options;
    }
    init(ctx) {
        const latency = ctx.history.find((m) => Array.isArray(m.slowC))?.slowC?.length ?? this.options.latencyChannels;
        const count = 1 + latency;
        while (this.channels.length < count)
            this.channels.push(new EvidenceChannel(this.options));
        this.channels.length = count;
        const learnsFromHistory = ctx.history.some((m) => usableCounts(m.nB, m.eB, m.nC, m.eC));
        const prior = learnsFromHistory
            ? this.options.priorNoiseVariance
            : this.options.priorNoiseVarianceWithoutHistory;
        for (const channel of this.channels)
            channel.reset(prior);
        for (const m of ctx.history) {
            if (!usableCounts(m.nB, m.eB, m.nC, m.eC))
                continue;
            this.channels[0]?.learn(m.nB, m.eB, m.nC, m.eC);
            for (let i = 1; i < count; i++) {
                const slowB = m.slowB?.[i - 1] ?? Number.NaN;
                const slowC = m.slowC?.[i - 1] ?? Number.NaN;
                if (usableCounts(m.nB, slowB, m.nC, slowC))
                    this.channels[i]?.learn(m.nB, slowB, m.nC, slowC);
            }
        }
        this.warmup = Math.max(0, Math.floor(ctx.warmup));
        const judged = Math.max(1, Math.floor(ctx.horizon) - this.warmup);
        this.minPromoteMinutes = Math.ceil(this.options.minPromoteFraction * judged);
        this.stage = this.warmup > 0 ? 'warmup' : 'watch';
        this.stepsSeen = 0;
        this.judgedMinutes = 0;
        this.alarmedAt = 0;
        this.decidedBy = undefined;
    }
    alarmThreshold() {
        // Each channel may alarm: split the alarm level among them (Bonferroni).
        return this.channels.length / this.options.alarmAlpha;
    }
    step(m) {
        this.stepsSeen++;
        if (this.stage === 'rollback' || this.stage === 'promote')
            return this.stage;
        if (this.stepsSeen <= this.warmup)
            return 'continue';
        if (this.stage === 'warmup')
            this.stage = 'watch';
        this.judgedMinutes++;
        if (!usableCounts(m.nB, m.eB, m.nC, m.eC))
            return 'continue';
        const confirming = this.stage === 'confirm';
        this.channels[0]?.observe(m.nB, m.eB, m.nC, m.eC, confirming);
        for (let i = 1; i < this.channels.length; i++) {
            const slowB = m.slowB?.[i - 1] ?? Number.NaN;
            const slowC = m.slowC?.[i - 1] ?? Number.NaN;
            if (usableCounts(m.nB, slowB, m.nC, slowC))
                this.channels[i]?.observe(m.nB, slowB, m.nC, slowC, confirming);
        }
        if (confirming) {
            const threshold = 1 / this.options.confirmAlpha;
            if (this.channels.some((c) => c.confirmEvidence() >= threshold)) {
                this.stage = 'rollback';
                this.decidedBy = 'confirmation';
            }
            else if (this.options.confirmWindow > 0 &&
                this.judgedMinutes - this.alarmedAt >= this.options.confirmWindow) {
                this.stage = 'watch';
                for (const channel of this.channels)
                    channel.restartAlarm();
            }
        }
        else {
            const threshold = this.alarmThreshold();
            if (this.channels.some((c) => c.alarmEvidence() >= threshold)) {
                // confirmAlpha = 1: a single stage, the alarm decides.
                this.stage = this.options.confirmAlpha >= 1 ? 'rollback' : 'confirm';
                if (this.stage === 'rollback')
                    this.decidedBy = 'sequential';
                this.alarmedAt = this.judgedMinutes;
                for (const channel of this.channels)
                    channel.startConfirmation();
            }
        }
        // The promote mirror is its own valid test (against r ≥ r_p): an alarm that fresh data does
        // not confirm does not block it.
        if ((this.stage === 'watch' || this.stage === 'confirm') &&
            this.judgedMinutes >= this.minPromoteMinutes &&
            this.allPromote(1 / this.options.promoteAlpha)) {
            this.stage = 'promote';
            this.decidedBy = 'promote-mirror';
        }
        return this.stage === 'rollback' || this.stage === 'promote' ? this.stage : 'continue';
    }
    allPromote(threshold) {
        return this.channels.every((c) => c.minutesWithData > 0 && c.promoteEvidence() >= threshold);
    }
    final() {
        if (this.stage === 'rollback' || this.stage === 'promote')
            return this.stage;
        if (this.stage === 'warmup')
            return 'inconclusive';
        // A fixed-horizon test on all the data, with its own share of the false-rollback budget: it
        // catches small, steady regressions that a sequential test cannot confirm in time.
        if (this.options.endOfWindowAlpha > 0) {
            const level = this.options.endOfWindowAlpha / this.channels.length;
            const trim = this.options.endOfWindowTrim;
            if (this.channels.some((c) => c.endOfWindowRejects(level, trim))) {
                this.stage = 'rollback';
                this.decidedBy = 'end-of-window';
                return 'rollback';
            }
        }
        // Too little evidence either way is not a pass; an unconfirmed alarm needs the stronger,
        // early-promotion level of evidence that the candidate is fine.
        const level = this.stage === 'confirm' ? this.options.promoteAlpha : this.options.finalPromoteAlpha;
        if (!this.allPromote(1 / level))
            return 'inconclusive';
        this.decidedBy = 'promote-mirror';
        return 'promote';
    }
    evidence() {
        const confirming = this.stage === 'confirm' || this.decidedBy === 'confirmation';
        let rollback = 0;
        let promote = Number.POSITIVE_INFINITY;
        for (const channel of this.channels) {
            rollback = Math.max(rollback, confirming ? channel.confirmEvidence() : channel.alarmEvidence());
            promote = Math.min(promote, channel.promoteEvidence());
        }
        return {
            rollback,
            promote: Number.isFinite(promote) ? promote : 0,
            rollbackThreshold: confirming ? 1 / this.options.confirmAlpha : this.alarmThreshold(),
            promoteThreshold: 1 / this.options.promoteAlpha,
            stage: this.stage,
            ...(this.decidedBy ? { decidedBy: this.decidedBy } : {}),
        };
    }
}
function validateOptions(options) {
    const inUnit = (v) => Number.isFinite(v) && v > 0 && v < 1;
    const problems = [];
    if (!inUnit(options.alarmAlpha))
        problems.push('alarmAlpha must be in (0, 1)');
    if (!(options.confirmAlpha > 0 && options.confirmAlpha <= 1))
        problems.push('confirmAlpha must be in (0, 1]');
    if (!inUnit(options.promoteAlpha))
        problems.push('promoteAlpha must be in (0, 1)');
    if (!inUnit(options.finalPromoteAlpha))
        problems.push('finalPromoteAlpha must be in (0, 1)');
    if (!(options.betFraction > 0 && options.betFraction <= 1))
        problems.push('betFraction must be in (0, 1]');
    if (!(options.nullRatio > 0 && Number.isFinite(options.nullRatio)))
        problems.push('nullRatio must be > 0');
    if (!(options.promoteRatio > 0 && Number.isFinite(options.promoteRatio)))
        problems.push('promoteRatio must be > 0');
    if (options.alternatives.length === 0 || options.alternatives.some((m) => !(m > 1 && Number.isFinite(m)))) {
        problems.push('alternatives must be multiples > 1');
    }
    const weights = options.alternativeWeights;
    if (weights.length > 0 &&
        (weights.length !== options.alternatives.length ||
            weights.some((w) => !(w >= 0 && Number.isFinite(w))) ||
            !weights.some((w) => w > 0))) {
        problems.push('alternativeWeights must be one non-negative weight per alternative, not all zero');
    }
    if (options.promoteAlternatives.length === 0 ||
        options.promoteAlternatives.some((m) => !(m > 0 && m < 1))) {
        problems.push('promoteAlternatives must be multiples in (0, 1)');
    }
    if (!(options.pluginWeight >= 0 && options.pluginWeight < 1))
        problems.push('pluginWeight must be in [0, 1)');
    if (!(options.minuteCap > 1))
        problems.push('minuteCap must be > 1');
    if (!(options.priorNoiseVariance >= 0 && options.priorNoiseVarianceWithoutHistory >= 0))
        problems.push('prior noise variances must be ≥ 0');
    if (!(options.confirmMinuteCap > 1))
        problems.push('confirmMinuteCap must be > 1');
    if (!(Number.isInteger(options.endOfWindowTrim) && options.endOfWindowTrim >= 0))
        problems.push('endOfWindowTrim must be a whole number ≥ 0');
    if (problems.length > 0)
        throw new RangeError(`sequential judge: ${problems.join('; ')}`);
}
function createSequentialJudge(options = {}) {
    return new SequentialJudge({ ...DEFAULT_SEQUENTIAL_OPTIONS, ...options });
}
/** A one-line, human reason for a decision from the judge's evidence (for outputs and summaries). */
function explainDecision(evidence, decision) {
    const fmt = (v) => (v >= 1000 ? v.toExponential(1) : v.toFixed(v >= 10 ? 0 : 2));
    const against = `rollback evidence ${fmt(evidence.rollback)} vs threshold ${fmt(evidence.rollbackThreshold)}`;
    const forPromote = `promote evidence ${fmt(evidence.promote)} vs threshold ${fmt(evidence.promoteThreshold)}`;
    switch (decision) {
        case 'rollback':
            if (evidence.decidedBy === 'end-of-window') {
                return "candidate's error rate is worse than the baseline's over the whole window (end-of-window test)";
            }
            return evidence.decidedBy === 'confirmation'
                ? `candidate's error rate is worse than the baseline's (confirmed on fresh data: ${against})`
                : `candidate's error rate is worse than the baseline's (${against})`;
        case 'promote':
            return `candidate is not meaningfully worse than the baseline (${forPromote})`;
        case 'inconclusive':
            return evidence.stage === 'confirm'
                ? `an alarm was raised but not confirmed before the deadline (${against})`
                : `too little evidence either way (${forPromote}; ${against})`;
        default:
            return `still watching (${against}; ${forPromote})`;
    }
}

;// CONCATENATED MODULE: ./shared/gate/judge.ts
/** The judge as the gate sets it up from its inputs (the action and the benchmark build it here). */

/** Early promotion tests "not worse than this multiple of the tolerated ratio". */
const PROMOTE_MULTIPLE = 1.5;
function nullRatioOf(config) {
    return 1 + config.maxIncrease;
}
/** Level of the judge's end-of-window comparison: the one whose power a pass requires. */
function endOfWindowAlphaOf(config) {
    return stageAlphas(config.falseAlarmRate).endOfWindowAlpha;
}
function createGateJudge(config) {
    const nullRatio = nullRatioOf(config);
    return createSequentialJudge({
        nullRatio,
        promoteRatio: PROMOTE_MULTIPLE * nullRatio,
        ...stageAlphas(config.falseAlarmRate),
    });
}

;// CONCATENATED MODULE: ./shared/gate/ceiling.ts
/**
 * The absolute ceiling as a sequential test that stays valid when checked every interval:
 * H0 "the candidate's error rate is at most the ceiling c_t" in every interval. For alternatives
 * p1 = m·c_t above it, the likelihood ratio of an interval's errors,
 * (p1/c_t)^e·((1−p1)/(1−c_t))^(n−e), has expectation ≤ 1 under any rate ≤ c_t; capped (one bursty
 * interval can't decide alone) and bet with a fraction λ, the product stays a test supermartingale
 * (c_t is fixed before the interval is seen), so by Ville's inequality the equal-weight mixture
 * reaches 1/α with probability ≤ α while the candidate is within its ceiling.
 */
const CEILING_MULTIPLES = [1.25, 1.5, 2, 3, 5, 10];
const BET_FRACTION = 0.5;
const INTERVAL_CAP = 3;
/**
 * The ceiling never sits below this multiple of the baseline's error rate: a service that always
 * runs near max-error-rate is not a regression (a fixed 5 % failed 39–45 % of healthy services
 * running near 5 %); whether the candidate is worse than its baseline is the judge's question.
 */
const CEILING_BASELINE_MULTIPLE = 2;
/**
 * A generous upper bound on the baseline's rate after `errors` in `requests` (about 97.5 %, from
 * the Poisson bound e + 2 + 2√(e + 1)): a ceiling raised on a few early minutes must not sit
 * below a healthy candidate because the baseline was lucky.
 */
function baselineRateBound(errors, requests) {
    if (!(requests > 0) || !(errors >= 0))
        return Number.NaN;
    return Math.min(1, (errors + 2 + 2 * Math.sqrt(errors + 1)) / requests);
}
/** The ceiling in force: max-error-rate, raised to twice the baseline's rate when that is higher. */
function effectiveCeiling(maxErrorRate, baseline) {
    const bound = baselineRateBound(baseline.errors, baseline.requests);
    const relative = Number.isFinite(bound) ? CEILING_BASELINE_MULTIPLE * bound : 0;
    return Math.min(0.99, Math.max(maxErrorRate, relative));
}
class CeilingTest {
    alpha;
    logWealth = CEILING_MULTIPLES.map(() => 0);
    constructor(alpha) {
        this.alpha = alpha;
    }
    /** One interval, judged against the ceiling c in force before it was seen. */
    observe(requests, errors, c) {
        if (!(requests > 0) || !(c > 0 && c < 1))
            return;
        CEILING_MULTIPLES.forEach((m, k) => {
            // Alternatives above 1 fold to halfway between the ceiling and 1.
            const p1 = m * c < 1 ? m * c : (1 + c) / 2;
            const logRatio = errors * Math.log(p1 / c) + (requests - errors) * Math.log((1 - p1) / (1 - c));
            const ratio = Math.min(Math.exp(Math.min(logRatio, 50)), INTERVAL_CAP);
            this.logWealth[k] = (this.logWealth[k] ?? 0) + Math.log(1 - BET_FRACTION + BET_FRACTION * ratio);
        });
    }
    evidence() {
        return this.logWealth.reduce((sum, w) => sum + Math.exp(w), 0) / this.logWealth.length;
    }
    get threshold() {
        return 1 / this.alpha;
    }
    breached() {
        return this.evidence() >= this.threshold;
    }
}
/** log P(X ≤ k) for X ~ Binomial(n, p), summed in log space (k is small where this is used). */
function logBinomialCdf(k, n, p) {
    if (p <= 0)
        return 0;
    if (p >= 1)
        return k >= n ? 0 : Number.NEGATIVE_INFINITY;
    let logTerm = n * Math.log1p(-p); // P(X = 0)
    let logSum = logTerm;
    for (let i = 1; i <= Math.min(k, n); i++) {
        logTerm += Math.log((n - i + 1) / i) + Math.log(p) - Math.log1p(-p);
        const hi = Math.max(logSum, logTerm);
        logSum = hi + Math.log(Math.exp(logSum - hi) + Math.exp(logTerm - hi));
    }
    return logSum;
}
/**
 * The one-sided Clopper–Pearson upper bound on an error rate after `errors` in `requests`: the
 * largest rate that would still produce so few errors with probability ≥ alpha.
 */
function errorRateUpperBound(errors, requests, alpha) {
    if (!(requests > 0))
        return 1;
    if (errors >= requests)
        return 1;
    let lo = errors / requests;
    let hi = 1;
    for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (logBinomialCdf(errors, requests, mid) > Math.log(alpha))
            lo = mid;
        else
            hi = mid;
    }
    return hi;
}

;// CONCATENATED MODULE: ./shared/gate/fallback.ts
/**
 * The few-errors fallback: with almost no errors in either arm, the relative comparison has next
 * to nothing to go on and a clean service would never pass. The candidate then passes on the
 * absolute budget alone: its error rate, at 95 % confidence, is under the ceiling. (It used to
 * also need its observed rate at or below the baseline's: after the judge's exact test has run,
 * that comparison only added chance.)
 */


/** Below this many errors in both arms together the gate falls back to the error budget. */
const FEW_ERRORS = 10;
/** Confidence of the error-budget fallback: the candidate's rate is below the ceiling at 95 %. */
const BUDGET_ALPHA = 0.05;
/** The candidate's 95 % upper bound when the budget fallback applies and holds; else undefined. */
function errorBudgetBound(candidate, baseline, ceiling) {
    if (candidate.errors + baseline.errors >= FEW_ERRORS)
        return undefined;
    const upper = errorRateUpperBound(candidate.errors, candidate.requests, BUDGET_ALPHA);
    return upper <= ceiling ? upper : undefined;
}
function errorBudgetReason(upper, ceiling) {
    return `too few errors to compare the two, and the candidate's error rate is below ${format_percent(upper)} at 95% confidence, within the ${format_percent(ceiling)} ceiling`;
}

;// CONCATENATED MODULE: ./shared/gate/extension.ts
/**
 * The adaptive bake: when `duration` ends before the data has the power the verdict needs, keep
 * watching, up to `max-duration`. The choice looks only at exposure (requests, total errors, the
 * split; power.ts), never at which arm the errors fell in, so stopping at a data-dependent time
 * does not bend the judge's false-alarm level.
 */

/**
 * The judge learns the service's noise from the step's own minutes (there is no A/A history in
 * production): with fewer judged intervals than this, a 2× regression at a busy service reads as
 * noise, so a short bake extends to this many before a pass, whatever the power says.
 */
const MIN_JUDGED_INTERVALS = 8;
/**
 * Beyond this multiple of max-duration, the estimate says extending cannot help: stop. Only
 * trusted once FEW_ERRORS errors make the estimate more than a guess.
 */
const HOPELESS_MULTIPLE = 2;
function bakeStep(config, intervals, exposure) {
    if (intervals < config.horizon)
        return 'watch';
    if (intervals >= config.maxHorizon)
        return 'decide';
    const judged = intervals - config.warmup;
    if (judged >= MIN_JUDGED_INTERVALS && exposure.power(config.detectableRatio) >= config.power)
        return 'decide';
    // Too few candidate requests to judge at all: more time is the only thing that helps.
    if (exposure.candidateRequests < config.minRequests)
        return 'extend';
    const needed = exposure.minutesNeeded(config.detectableRatio, config.power);
    // No error seen at all: no estimate, and the few-errors fallback decides now.
    if (needed === undefined)
        return 'decide';
    if (exposure.totalErrors >= FEW_ERRORS && config.warmup + needed > HOPELESS_MULTIPLE * config.maxHorizon)
        return 'decide';
    return 'extend';
}

;// CONCATENATED MODULE: ./shared/gate/power.ts
/**
 * What the step's data could have caught: the power of the judge's end-of-window comparison to
 * detect a candidate R times worse than the baseline, from exposure alone.
 *
 * Given a minute's total errors X = eC + eB and the candidate's share of requests ρ, the candidate's
 * errors are binomial with θ = ρr/(ρr + 1 − ρ) (sequential.ts). Summed over the judged minutes, a
 * one-sided test at level α of r = r0 against r = R·r0 has power
 *   Φ((μ1 − μ0 − z_α·√v0) / √v1),  μ = Σ X·θ, v = Σ X·θ(1 − θ)
 * (normal approximation). Only requests, total errors and the split enter: never which arm the
 * errors fell in, so extending the bake on this number leaves the judge's level intact. The
 * minutes with the most errors are left out, as many as the judge's end-of-window test leaves out.
 */


/** The minutes the judge's end-of-window test leaves out, left out here too. */
const trimFor = (minutes) => endOfWindowTrimFor(minutes, DEFAULT_SEQUENTIAL_OPTIONS.endOfWindowTrim);
const shareAt = (rho, ratio) => (rho * ratio) / (rho * ratio + 1 - rho);
/** Ratios searched for the smallest detectable one (beyond the last: "none"). */
const MAX_RATIO = 1000;
class Exposure {
    nullRatio;
    alpha;
    events = [];
    shares = [];
    /** Candidate requests over the judged minutes. */
    candidateRequests = 0;
    judgedMinutes = 0;
    constructor(
    /** The tolerated ratio r0 (1 + max-increase). */
    nullRatio, 
    /** Level of the comparison (the judge's end-of-window level). */
    alpha) {
        this.nullRatio = nullRatio;
        this.alpha = alpha;
    }
    /** One judged minute (usable or not: a minute without data is time passed without exposure). */
    add(candidateRequests, baselineRequests, totalErrors) {
        this.judgedMinutes++;
        if (!(candidateRequests > 0 && baselineRequests > 0 && totalErrors >= 0))
            return;
        this.candidateRequests += candidateRequests;
        if (totalErrors === 0)
            return;
        this.events.push(totalErrors);
        this.shares.push(candidateRequests / (candidateRequests + baselineRequests));
    }
    get totalErrors() {
        return this.events.reduce((a, b) => a + b, 0);
    }
    cache = { ratio: Number.NaN, count: -1, gap: 0, v0: 0, v1: 0 };
    /** Σ X·(θ1 − θ0), Σ X·θ0(1 − θ0), Σ X·θ1(1 − θ1) over the minutes kept (memoized per ratio and minute). */
    moments(ratio) {
        const cache = this.cache;
        if (cache.ratio === ratio && cache.count === this.events.length)
            return cache;
        // The `trim` busiest minutes are left out (ties: the earliest), found by a scan (trim ≤ a few).
        const left = [];
        const trim = trimFor(this.events.length);
        for (let k = 0; k < trim; k++) {
            let best = -1;
            for (let i = 0; i < this.events.length; i++) {
                if (left.includes(i) || this.events[i] < TRIM_MIN_EVENTS)
                    continue;
                if (best < 0 || this.events[i] > this.events[best])
                    best = i;
            }
            if (best >= 0)
                left.push(best);
        }
        let gap = 0;
        let v0 = 0;
        let v1 = 0;
        for (let i = 0; i < this.events.length; i++) {
            if (left.includes(i))
                continue;
            const x = this.events[i];
            const rho = this.shares[i];
            const t0 = shareAt(rho, this.nullRatio);
            const t1 = shareAt(rho, ratio * this.nullRatio);
            gap += x * (t1 - t0);
            v0 += x * t0 * (1 - t0);
            v1 += x * t1 * (1 - t1);
        }
        this.cache = { ratio, count: this.events.length, gap, v0, v1 };
        return this.cache;
    }
    /** Probability that the data seen so far would have shown a regression of `ratio` × r0. */
    power(ratio) {
        return this.scaledPower(ratio, 1);
    }
    /** The same for `scale` times as much data like it (a bake `scale` times as long). */
    scaledPower(ratio, scale) {
        const moments = this.moments(ratio);
        const gap = moments.gap * scale;
        const v0 = moments.v0 * scale;
        const v1 = moments.v1 * scale;
        if (!(v0 > 0) || !(gap > 0))
            return 0;
        const z = -inverseNormalCdf(this.alpha);
        return normalCdf((gap - 0.5 - z * Math.sqrt(v0)) / Math.sqrt(Math.max(v1, 1e-12)));
    }
    /** The smallest ratio detected with probability ≥ `power`: Infinity when none up to 1000×. */
    detectableRatio(power) {
        if (this.power(MAX_RATIO) < power)
            return Number.POSITIVE_INFINITY;
        let lo = 1;
        let hi = MAX_RATIO;
        for (let i = 0; i < 40; i++) {
            const mid = Math.sqrt(lo * hi);
            if (this.power(mid) >= power)
                hi = mid;
            else
                lo = mid;
        }
        return hi;
    }
    /**
     * Judged minutes the comparison needs to reach `power` against `ratio` at the exposure seen so
     * far (errors per minute and the split, as many minutes left out): undefined when no error has
     * been seen yet, Infinity beyond 1000 times the minutes so far.
     */
    minutesNeeded(ratio, power) {
        if (this.totalErrors === 0 || this.judgedMinutes === 0)
            return undefined;
        if (this.scaledPower(ratio, 1) >= power)
            return this.judgedMinutes;
        if (this.scaledPower(ratio, MAX_RATIO) < power)
            return Number.POSITIVE_INFINITY;
        let lo = 1;
        let hi = MAX_RATIO;
        for (let i = 0; i < 40; i++) {
            const mid = Math.sqrt(lo * hi);
            if (this.scaledPower(ratio, mid) >= power)
                hi = mid;
            else
                lo = mid;
        }
        return hi * this.judgedMinutes;
    }
}

;// CONCATENATED MODULE: ./shared/gate/state.ts







/** Intervals in a row above a latency limit that fail the candidate (one slow interval doesn't). */
const LATENCY_STREAK = 3;
/** Metric polls in a row whose API calls all failed (after retries) before the gate gives up. */
const MAX_FAILED_POLLS = 3;
class GateState {
    config;
    judge;
    records = [];
    candidate = { requests: 0, errors: 0 };
    baseline = { requests: 0, errors: 0 };
    ceiling;
    exposure;
    judgeDecision = 'continue';
    latencyStreak = 0;
    latencyIntervals = 0;
    worstLatency = '';
    failedPolls = 0;
    constructor(config, judge) {
        this.config = config;
        this.judge = judge;
        this.ceiling = new CeilingTest(config.falseAlarmRate);
        this.exposure = new Exposure(nullRatioOf(config), endOfWindowAlphaOf(config));
        judge.init({
            horizon: config.horizon,
            warmup: config.warmup,
            weight: 0,
            history: [],
            baselineRate: Number.NaN,
        });
    }
    get latencyLimited() {
        return this.config.maxP95LatencyMs !== undefined || this.config.maxLatencyIncrease !== undefined;
    }
    /** The ceiling in force now: max-error-rate, or twice the baseline's rate so far if higher. */
    currentCeiling() {
        return effectiveCeiling(this.config.maxErrorRate, this.baseline);
    }
    /** Intervals watched beyond the planned bake. */
    get extendedIntervals() {
        return Math.max(0, this.records.length - this.config.horizon);
    }
    /** Power, with the data so far, to detect the configured ratio. */
    power() {
        return this.exposure.power(this.config.detectableRatio);
    }
    /** The smallest ratio the data so far detects with the configured power (Infinity: none). */
    detectableRatio() {
        return this.exposure.detectableRatio(this.config.power);
    }
    /** Feeds one interval; returns a decision when the gate can stop. */
    observe(interval) {
        this.failedPolls = 0;
        const { candidate, baseline } = interval;
        const usable = !(0,grid/* isMissing */.b2)(candidate) && !(0,grid/* isMissing */.b2)(baseline) && candidate.requests > 0 && baseline.requests > 0;
        const index = this.records.length;
        const ceiling = this.currentCeiling();
        // The judge keeps its own clock: a missing interval is fed as NaN and counts as time passed.
        this.judgeDecision = this.judge.step({
            t: index,
            nB: baseline.requests,
            eB: baseline.errors,
            nC: candidate.requests,
            eC: candidate.errors,
        });
        if (!(0,grid/* isMissing */.b2)(candidate)) {
            this.candidate.requests += candidate.requests;
            this.candidate.errors += candidate.errors;
        }
        if (!(0,grid/* isMissing */.b2)(baseline)) {
            this.baseline.requests += baseline.requests;
            this.baseline.errors += baseline.errors;
        }
        if (index >= this.config.warmup) {
            if (usable)
                this.exposure.add(candidate.requests, baseline.requests, candidate.errors + baseline.errors);
            else
                this.exposure.add(0, 0, 0);
            if (!(0,grid/* isMissing */.b2)(candidate))
                this.ceiling.observe(candidate.requests, candidate.errors, ceiling);
            // A new revision's first requests are slow (cold starts): latency is judged after warm-up too.
            this.observeLatency(candidate, baseline);
        }
        const evidence = this.judge.evidence?.();
        this.records.push({
            start: interval.start,
            end: interval.end,
            candidate,
            baseline,
            usable,
            judge: this.judgeDecision,
            ...(evidence ? { evidence } : {}),
            ceilingEvidence: this.ceiling.evidence(),
            ceiling,
            power: this.power(),
        });
        const early = this.earlyDecision();
        if (early)
            return early;
        return bakeStep(this.config, this.records.length, this.exposure) === 'decide' ? this.finish() : undefined;
    }
    /**
     * A poll whose API calls all failed: after MAX_FAILED_POLLS in a row, inconclusive (no verdict
     * without data). Undefined to keep trying.
     */
    pollFailed(source, message) {
        this.failedPolls++;
        if (this.failedPolls < MAX_FAILED_POLLS)
            return undefined;
        return {
            verdict: 'inconclusive',
            by: 'api',
            reason: `the ${source} API failed ${this.failedPolls} polls in a row (${message}): no verdict without data`,
        };
    }
    get failedPollsInARow() {
        return this.failedPolls;
    }
    observeLatency(candidate, baseline) {
        if (!this.latencyLimited)
            return;
        const p95 = candidate.p95LatencyMs;
        if (p95 === undefined || !Number.isFinite(p95))
            return; // a gap neither breaks nor extends a streak
        this.latencyIntervals++;
        const limits = [];
        if (this.config.maxP95LatencyMs !== undefined && p95 > this.config.maxP95LatencyMs) {
            limits.push(`above the ${this.config.maxP95LatencyMs} ms limit`);
        }
        const base = baseline.p95LatencyMs;
        if (this.config.maxLatencyIncrease !== undefined && base !== undefined && Number.isFinite(base)) {
            const allowed = base * (1 + this.config.maxLatencyIncrease);
            if (p95 > allowed) {
                limits.push(`more than ${format_percent(this.config.maxLatencyIncrease, 0)} over the baseline's ${Math.round(base)} ms`);
            }
        }
        if (limits.length > 0) {
            this.latencyStreak++;
            this.worstLatency = `candidate p95 latency ${Math.round(p95)} ms is ${limits.join(' and ')}`;
        }
        else {
            this.latencyStreak = 0;
        }
    }
    judgeEvidenceText(kind) {
        const e = this.judge.evidence?.();
        if (!e)
            return '';
        if (kind === 'promote')
            return ` (evidence ${formatEvidence(e.promote)} for "not worse")`;
        if (e.decidedBy === 'end-of-window')
            return ' (the end-of-window comparison of all intervals)';
        // After a single-stage rollback the judge's view shows its (unused) confirmation stage, 1 ≥ 1:
        // say what happened instead of printing that.
        return e.rollbackThreshold > 1
            ? ` (evidence ${formatEvidence(e.rollback)} ≥ ${formatEvidence(e.rollbackThreshold)})`
            : ' (the sequential test crossed its threshold)';
    }
    rates() {
        const c = rateOf(this.candidate);
        const b = rateOf(this.baseline);
        const ratio = Number.isFinite(c) && b > 0 ? ` (${(c / b).toFixed(1)}×)` : '';
        return `candidate fails ${format_percent(c)} of ${this.candidate.requests} requests vs ${format_percent(b)} for the baseline${ratio}`;
    }
    /** A failure or a confident pass at any interval; undefined to keep watching. */
    earlyDecision() {
        if (this.judgeDecision === 'rollback') {
            return {
                verdict: 'fail',
                by: 'judge',
                reason: `${this.rates()}: worse than the baseline${this.judgeEvidenceText('rollback')}`,
            };
        }
        if (this.ceiling.breached()) {
            return {
                verdict: 'fail',
                by: 'ceiling',
                reason: `candidate error rate ${format_percent(rateOf(this.candidate))} is above the ${format_percent(this.currentCeiling())} ceiling (evidence ${formatEvidence(this.ceiling.evidence())} ≥ ${formatEvidence(this.ceiling.threshold)})`,
            };
        }
        if (this.latencyStreak >= LATENCY_STREAK) {
            return {
                verdict: 'fail',
                by: 'latency',
                reason: `${this.worstLatency}, ${this.latencyStreak} intervals in a row`,
            };
        }
        if (this.judgeDecision === 'promote' && this.passBlocker() === undefined) {
            return {
                verdict: 'pass',
                by: 'judge',
                reason: `${this.rates()}: not worse than the baseline${this.judgeEvidenceText('promote')}`,
            };
        }
        return undefined;
    }
    /** Why the data can't support a pass (too little or missing), if it can't. */
    passBlocker() {
        const missing = this.records.filter((r) => !r.usable).length;
        if (this.candidate.requests < this.config.minRequests) {
            const silent = this.records.every((r) => (0,grid/* isMissing */.b2)(r.candidate) || r.candidate.requests === 0);
            return {
                verdict: 'inconclusive',
                by: 'data',
                reason: silent
                    ? `no data for the candidate in any of ${this.records.length} intervals: it received no traffic, or the metrics don't name it`
                    : `only ${this.candidate.requests} candidate requests, fewer than min-requests ${this.config.minRequests}: too little data to judge`,
            };
        }
        // Over the ceiling is the sequential ceiling test's call (it stays valid checked every
        // interval); comparing the observed rate with it here would fail healthy candidates on a burst.
        if (this.latencyLimited && this.latencyIntervals === 0) {
            return {
                verdict: 'inconclusive',
                by: 'data',
                reason: 'a latency limit is set but the source reported no latency for the candidate',
            };
        }
        if (missing > this.records.length / 2) {
            return {
                verdict: 'inconclusive',
                by: 'data',
                reason: `${missing} of ${this.records.length} intervals had no usable data for one arm`,
            };
        }
        return undefined;
    }
    /** What the data could have caught, for the reason of a pass. */
    caughtText() {
        return `the data would have caught a ${formatRatio(this.config.detectableRatio)} regression ${format_percent(this.power(), 0)} of the time`;
    }
    /** The bake this service needs at its observed traffic, for an inconclusive reason. */
    neededText() {
        const { detectableRatio, power, warmup, intervalMinutes } = this.config;
        const needed = this.exposure.minutesNeeded(detectableRatio, power);
        const judged = Math.max(1, this.exposure.judgedMinutes);
        const perMinute = this.exposure.candidateRequests / judged / intervalMinutes;
        const traffic = `${perMinute >= 10 ? Math.round(perMinute) : Number(perMinute.toFixed(1))} candidate requests/min`;
        if (needed === undefined)
            return `no errors in either arm to compare, at ${traffic}; the comparison needs some errors to tell a ${formatRatio(detectableRatio)} regression apart`;
        if (!Number.isFinite(needed))
            return `at ${traffic} with so few errors, no bake would catch a ${formatRatio(detectableRatio)} regression ${format_percent(power, 0)} of the time`;
        return `catching a ${formatRatio(detectableRatio)} regression ${format_percent(power, 0)} of the time would need a bake of about ${formatMinutes((warmup + needed) * intervalMinutes)} at ${traffic}`;
    }
    /** The verdict once the bake (extended or not) is over. */
    finish() {
        const early = this.earlyDecision();
        if (early)
            return early;
        const blocker = this.passBlocker();
        if (blocker)
            return blocker;
        if (this.judge.final() === 'rollback')
            return {
                verdict: 'fail',
                by: 'judge',
                reason: `${this.rates()}: worse than the baseline${this.judgeEvidenceText('rollback')}`,
            };
        const extended = this.extendedIntervals > 0
            ? ` (bake extended by ${formatMinutes(this.extendedIntervals * this.config.intervalMinutes)})`
            : '';
        if (this.power() >= this.config.power) {
            return {
                verdict: 'pass',
                by: 'power',
                reason: `${this.rates()}: no regression found, and ${this.caughtText()}${extended}`,
            };
        }
        const budget = errorBudgetBound(this.candidate, this.baseline, this.currentCeiling());
        if (budget !== undefined) {
            return {
                verdict: 'pass',
                by: 'budget',
                reason: `${this.rates()}: ${errorBudgetReason(budget, this.currentCeiling())}`,
            };
        }
        return {
            verdict: 'inconclusive',
            by: 'power',
            reason: `${this.rates()}: no regression found, but ${this.caughtText()}${extended}; ${this.neededText()}`,
        };
    }
    /**
     * One sentence for the on-call engineer: what this data could and could not have caught.
     */
    coverage() {
        const ratio = this.detectableRatio();
        if (this.candidate.requests === 0)
            return 'With no candidate data, this step could not have caught anything.';
        if (!Number.isFinite(ratio))
            return `This data could not have caught even a 1000× regression relative to the baseline (too few errors); only the ${format_percent(this.currentCeiling())} ceiling guarded the candidate.`;
        return `This data would have caught a candidate failing ${formatRatio(ratio)} as often as the baseline ${format_percent(this.config.power, 0)} of the time; smaller regressions could pass unnoticed.`;
    }
}

;// CONCATENATED MODULE: ./shared/gate/run.ts










/** How far ahead start-time may be (clock skew between runner and the step that shifted traffic). */
const MAX_FUTURE_START_MS = 5 * 60_000;
function observationWindow(settings, now) {
    const stepMs = settings.intervalMs;
    const shiftedAt = settings.startTime ?? now;
    if (shiftedAt > now + MAX_FUTURE_START_MS) {
        // A typo here would hold the pipeline for hours before the first poll.
        throw new errors/* InputError */.dz(GATE_INPUTS.startTime, `${new Date(shiftedAt).toISOString()} is more than 5 minutes in the future`, new Date(now).toISOString());
    }
    // Intervals on multiples of the step line up with the periods the APIs aggregate into, and the
    // first one starting at or after the shift means data from before it never counts.
    const start = Math.ceil(shiftedAt / stepMs) * stepMs;
    return {
        start,
        bakeEnd: start + Math.floor(settings.durationMs / stepMs) * stepMs,
        end: start + Math.floor(settings.maxDurationMs / stepMs) * stepMs,
        stepMs,
        shiftedAt,
    };
}
/** A gate whose window starts at the shift (`now` unless start-time says otherwise). */
function planGate(settings, now) {
    const window = observationWindow(settings, now);
    const horizon = Math.round((window.bakeEnd - window.start) / window.stepMs);
    const maxHorizon = Math.round((window.end - window.start) / window.stepMs);
    const state = new GateState(gateConfig(settings, { horizon, maxHorizon, intervalMs: window.stepMs }), createGateJudge(settings));
    return { settings, window, state };
}
/** The plan in one line, for the log. */
function describeGate(gate) {
    const { settings, window, state } = gate;
    const metrics = settings.metrics;
    return (`Watching ${metrics.candidate} (candidate) against ${metrics.baseline} (baseline) on ${metrics.source}: ` +
        `${state.config.horizon} interval(s) of ${window.stepMs / 1000}s from ${new Date(window.start).toISOString()}, ` +
        `extending to ${state.config.maxHorizon} while the data could not catch a ${settings.detectableRatio}× regression, ` +
        `ceiling ${format_percent(settings.maxErrorRate)}, tolerated increase ${format_percent(settings.maxIncrease, 0)}, ` +
        `false-alarm rate ${settings.falseAlarmRate}${settings.mode === 'dry-run' ? ', dry run' : ''}`);
}
/** Seconds from the shift to now, to a tenth. */
function decidedAfterSeconds(gate, now) {
    return Math.max(0, Math.round((now - gate.window.shiftedAt) / 100) / 10);
}
/**
 * Watches interval by interval until a decision or the end of the window. The metrics client (and
 * its SDK) is built only now. A failing metrics API is retried within the interval, then counted
 * by the gate (enough failed polls in a row make it inconclusive); cancellation ends the watch.
 */
async function watchGate(ctx, gate, action) {
    const { core, clock, signal } = ctx;
    const { settings, window, state } = gate;
    const source = await createMetricsSource(settings.metrics);
    let next = window.start;
    for (;;) {
        // Intervals that closed at least metrics-delay ago: the source has reported them in full.
        const ready = Math.floor((clock.now() - settings.metricsDelayMs - window.start) / window.stepMs);
        const closedEnd = Math.min(window.end, window.start + Math.max(0, ready) * window.stepMs);
        if (closedEnd > next) {
            let counts;
            try {
                counts = await (0,retry/* retry */.L5)(() => source.counts({ start: next, end: closedEnd, stepMs: window.stepMs }, signal), {
                    maxAttempts: 3,
                    baseDelayMs: Math.min(1000, window.stepMs / 4),
                    maxDelayMs: Math.min(10_000, window.stepMs),
                    deadlineMs: Math.max(window.stepMs, 5_000),
                    clock,
                    signal,
                    onRetry: ({ attempt, delayMs, error }) => core.info(`  metrics API: try ${attempt} failed (${redact((0,errors/* errorMessage */.gJ)(error), settings.secrets)}); retrying in ${delayMs} ms`),
                });
            }
            catch (err) {
                if (err instanceof errors/* CancelledError */.cc || signal.aborted)
                    throw err;
                const message = redact((0,errors/* errorMessage */.gJ)(err), settings.secrets);
                const stop = state.pollFailed(source.name, message);
                core.warning(`${action}: metrics API failed (${state.failedPollsInARow} poll(s) in a row): ${message}`);
                if (stop)
                    return stop;
            }
            if (counts) {
                // Complete intervals, in order; one whose point is still missing waits for it (settle.ts).
                const settled = settledIntervals(counts, { now: clock.now(), delayMs: settings.metricsDelayMs });
                for (const interval of settled) {
                    const decision = state.observe(interval);
                    logInterval(core, interval, state, window);
                    if (decision)
                        return decision;
                }
                next = settled.at(-1)?.end ?? next;
            }
        }
        if (next >= window.end)
            return state.finish();
        // Wake when the next interval has closed and had metrics-delay to show up.
        const nextReady = window.start + (Math.max(0, ready) + 1) * window.stepMs + settings.metricsDelayMs;
        await clock.sleep(Math.max(50, nextReady - clock.now()), signal);
    }
}
function logInterval(core, interval, state, window) {
    const arm = (a) => (0,grid/* isMissing */.b2)(a)
        ? 'no data'
        : `${a.errors}/${a.requests} (${format_percent(a.requests > 0 ? a.errors / a.requests : Number.NaN)})`;
    const evidence = state.records.at(-1)?.evidence;
    const judged = evidence
        ? ` · evidence ${evidence.rollback.toPrecision(3)}/${evidence.rollbackThreshold} (${evidence.stage})`
        : '';
    core.info(`+${Math.round((interval.end - window.start) / 1000)}s candidate ${arm(interval.candidate)} · baseline ${arm(interval.baseline)}${judged}`);
}

;// CONCATENATED MODULE: ./shared/slack/client.ts




/**
 * Test-only endpoint override for the Web API client (its documented `slackApiUrl` option), so
 * the suite can point the real client at the local emulator. Not an input: no workflow sets it.
 */
const SLACK_API_URL_VARIABLE = 'ROLLOUT_ACTIONS_SLACK_API_URL';
/** A message timestamp as Slack gives it (chat.postMessage `ts`), e.g. 1700000000.123456. */
const SLACK_TS = /^\d{9,11}\.\d{1,6}$/;
/** The action named in the user agent when the caller names none. */
const DEFAULT_ACTION = 'notify-slack';
/** Tries per Slack call, the first included. */
const MAX_ATTEMPTS = 5;
/** Longest one HTTP request may take (less when less is left before the step's timeout). */
const REQUEST_TIMEOUT_MS = 10_000;
/** A request that got no answer within its time: REQUEST_TIMEOUT_MS, or what was left of the step's. */
class RequestTimeout extends Error {
    budgetMs;
    name = 'TimeoutError';
    constructor(budgetMs) {
        super(`no answer within ${budgetMs} ms`);
        this.budgetMs = budgetMs;
    }
}
/**
 * fetch with each request bounded by the time left before the step's deadline, measured when the
 * request starts (a timeout fixed when the client is built would let the last try overrun it),
 * and by the run's cancellation. Every request carries our user agent.
 */
function deadlineFetch(ctx, onResponse) {
    return async (url, init) => {
        const budgetMs = Math.max(1, Math.min(REQUEST_TIMEOUT_MS, ctx.deadline - ctx.clock.now()));
        const timeout = AbortSignal.timeout(budgetMs);
        const signals = [timeout, ctx.signal, ...(init?.signal ? [init.signal] : [])];
        try {
            const response = await fetch(url, {
                ...init,
                headers: {
                    ...init?.headers,
                    'User-Agent': (0,user_agent/* userAgent */.N1)(ctx.action ?? DEFAULT_ACTION),
                },
                signal: AbortSignal.any(signals),
            });
            onResponse?.(response);
            return response;
        }
        catch (err) {
            throw timeout.aborted && !ctx.signal.aborted ? new RequestTimeout(budgetMs) : err;
        }
    };
}
/** A failed delivery, explained without the token or the webhook URL. */
class SlackDeliveryError extends Error {
    code;
    retryable;
    retryAfterMs;
    name = 'SlackDeliveryError';
    constructor(message, 
    /** Slack's error code (invalid_auth, channel_not_found…) or the HTTP status, when known. */
    code, retryable, 
    /** What a 429 asked us to wait, in ms. */
    retryAfterMs) {
        super(message);
        this.code = code;
        this.retryable = retryable;
        this.retryAfterMs = retryAfterMs;
    }
}
/** Slack error codes worth another try (documented as transient). */
const TRANSIENT_CODES = new Set([
    'internal_error',
    'fatal_error',
    'service_unavailable',
    'request_timeout',
    'ratelimited',
    'rate_limited',
]);
/** What a person should do about the common refusals. */
const ADVICE = {
    invalid_auth: 'Slack refused the bot token; check the secret given as bot-token',
    not_authed: 'no bot token reached Slack',
    account_inactive: 'the bot token belongs to a deleted user or workspace',
    token_revoked: 'the bot token was revoked',
    missing_scope: 'the bot token lacks the chat:write scope',
    channel_not_found: 'the channel does not exist or the bot cannot see it (to update a message, pass the channel ID from the first step\'s "channel" output)',
    not_in_channel: 'the bot is not a member of the channel; invite it with /invite',
    is_archived: 'the channel is archived',
    message_not_found: 'the message to update no longer exists',
    cant_update_message: 'this bot did not post the message it was asked to update',
    msg_too_long: 'the message text is too long',
    invalid_blocks: 'Slack refused the blocks',
    no_text: 'the message has no text, blocks or attachments',
    no_service: 'the webhook URL is not (or no longer) valid',
    invalid_payload: 'Slack could not read the payload',
};
function describeCode(code) {
    return ADVICE[code] ? `${ADVICE[code]} (${code})` : `Slack answered ${code}`;
}
/** A short, safe name for a network failure: its system code, never its message. */
function networkCode(err) {
    let current = err;
    for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
        const e = current;
        if (current instanceof RequestTimeout) {
            return `timeout: no answer within ${(current.budgetMs / 1000).toFixed(1)} s${current.budgetMs < REQUEST_TIMEOUT_MS ? ", all that was left of the step's timeout" : ''}`;
        }
        if (typeof e.code === 'string' && /^[A-Z_]+$/.test(e.code))
            return e.code;
        if (e.name === 'TimeoutError' || e.name === 'AbortError')
            return 'timeout';
        current = e.original ?? e.cause;
    }
    return 'the request failed before any answer';
}
const SAFE_BODY = /^[a-z_]{1,60}$/;
/** Turns anything a Slack client throws into a SlackDeliveryError with a safe message. */
function toDeliveryError(err, secrets, retryAfterHeader) {
    if (err instanceof SlackDeliveryError)
        return err;
    if (err instanceof errors/* CancelledError */.cc)
        throw err;
    const e = (typeof err === 'object' && err !== null ? err : {});
    switch (e.code) {
        case 'slack_webapi_platform_error': {
            const data = (e.data ?? {});
            const code = typeof data.error === 'string' ? data.error : 'unknown_error';
            const messages = Array.isArray(data.response_metadata?.messages) ? data.response_metadata.messages : [];
            const detail = messages.length > 0 ? `: ${redact(String(messages[0]), secrets).slice(0, 300)}` : '';
            return new SlackDeliveryError(`${describeCode(code)}${detail}`, code, TRANSIENT_CODES.has(code));
        }
        case 'slack_webapi_rate_limited_error': {
            const seconds = Number(e.retryAfter);
            const ms = Number.isFinite(seconds) ? Math.max(0, seconds) * 1000 : 1000;
            return new SlackDeliveryError(`rate limited by Slack (Retry-After ${ms / 1000} s)`, '429', true, ms);
        }
        case 'slack_webapi_http_error':
        case 'slack_webhook_http_error': {
            const status = Number(e.statusCode);
            const body = typeof e.body === 'string' ? e.body.trim() : '';
            if (status === 429) {
                const seconds = Number.parseInt(retryAfterHeader ?? '', 10);
                const ms = Number.isFinite(seconds) ? Math.max(0, seconds) * 1000 : 1000;
                return new SlackDeliveryError(`rate limited by Slack (Retry-After ${ms / 1000} s)`, '429', true, ms);
            }
            const code = SAFE_BODY.test(body) ? body : undefined;
            const what = code ? describeCode(code) : 'Slack refused the request';
            return new SlackDeliveryError(`${what} (HTTP ${status})`, code ?? String(status), status >= 500 || status === 408);
        }
        case 'slack_webapi_request_error':
        case 'slack_webhook_request_error':
            return new SlackDeliveryError(`could not reach Slack: ${networkCode(err)}`, undefined, true);
        default:
            // Not a Slack client error: a bug or something unforeseen. Its text is ours or the
            // runtime's; redact it all the same.
            return new SlackDeliveryError(`unexpected error: ${redact(err instanceof Error ? err.message : String(err), secrets)}`, undefined, false);
    }
}
/**
 * Runs one Slack call with bounded tries: a 429 waits exactly what Retry-After asks (when that
 * fits before the deadline) and then the usual jittered backoff; 5xx and network failures back
 * off; anything else fails at once.
 */
async function withRetries(what, call, ctx) {
    return (0,retry/* retry */.L5)(async (attempt) => {
        try {
            return await call();
        }
        catch (err) {
            if (ctx.signal.aborted)
                throw new errors/* CancelledError */.cc();
            const failure = toDeliveryError(err, ctx.secrets);
            if (failure.retryAfterMs !== undefined && attempt < MAX_ATTEMPTS) {
                const remaining = ctx.deadline - ctx.clock.now();
                if (failure.retryAfterMs >= remaining) {
                    throw new SlackDeliveryError(`${failure.message}, longer than the ${Math.max(0, Math.round(remaining / 1000))} s left before the timeout`, failure.code, false);
                }
                ctx.core.info(`${what}: ${failure.message}; waiting as asked before try ${attempt + 1}`);
                await ctx.clock.sleep(failure.retryAfterMs, ctx.signal);
            }
            throw failure;
        }
    }, {
        maxAttempts: MAX_ATTEMPTS,
        baseDelayMs: 250,
        maxDelayMs: 4000,
        deadlineMs: Math.max(0, ctx.deadline - ctx.clock.now()),
        isRetryable: (err) => err instanceof SlackDeliveryError && err.retryable,
        clock: ctx.clock,
        signal: ctx.signal,
        onRetry: ({ attempt, delayMs, error }) => {
            if (error instanceof SlackDeliveryError && error.retryAfterMs !== undefined)
                return;
            ctx.core.info(`${what}: try ${attempt} failed (${error.message}); retrying in ${delayMs} ms`);
        },
    });
}
/**
 * Routes the Web API client's own log lines to debug output, redacted: our messages say what
 * failed; the client's request-by-request trace is there only when step debugging is on.
 */
function clientLogger(core, secrets) {
    const write = (...parts) => core.debug(`slack client: ${redact(parts.map(String).join(' '), secrets)}`);
    const trace = (...parts) => {
        if (core.isDebug())
            write(...parts);
    };
    let level = 'info';
    return {
        debug: trace,
        info: trace,
        warn: write,
        error: write,
        setLevel: (next) => {
            level = next;
        },
        getLevel: () => level,
        setName: () => undefined,
    };
}
/** A bot-token transport over @slack/web-api's WebClient. */
async function botTransport(destination, ctx) {
    const { WebClient } = await __nccwpck_require__.e(/* import() */ 105).then(__nccwpck_require__.t.bind(__nccwpck_require__, 85105, 23));
    const client = new WebClient(destination.token, {
        ...(destination.apiUrl ? { slackApiUrl: destination.apiUrl } : {}),
        // Our loop owns retries: it honours Retry-After within the step's deadline, which the
        // client's own policy (up to 10 tries over 30 minutes by default) does not.
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        // No client-wide timeout: deadlineFetch bounds each request by the time left.
        fetch: deadlineFetch(ctx),
        headers: { 'User-Agent': (0,user_agent/* userAgent */.N1)(ctx.action ?? DEFAULT_ACTION) },
        allowAbsoluteUrls: false,
        logger: clientLogger(ctx.core, ctx.secrets),
    });
    const common = { unfurl_links: false, unfurl_media: false };
    // chat.postMessage and chat.update both answer with the message's ts and the channel's ID.
    const result = (response) => {
        const { ts, channel } = response;
        return {
            ...(typeof ts === 'string' ? { ts } : {}),
            ...(typeof channel === 'string' ? { channel } : {}),
        };
    };
    return {
        kind: 'bot',
        post: async (message, options = {}) => result(await withRetries('chat.postMessage', () => client.apiCall('chat.postMessage', {
            ...common,
            ...message,
            channel: destination.channel,
            ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
            ...(options.threadTs && options.broadcast ? { reply_broadcast: true } : {}),
        }), ctx)),
        update: async (channel, ts, message) => result(await withRetries('chat.update', () => client.apiCall('chat.update', { ...message, channel, ts }), ctx)),
    };
}
/** An incoming-webhook transport over @slack/webhook: post only, no ts comes back. */
async function webhookTransport(destination, ctx) {
    const { IncomingWebhook } = await __nccwpck_require__.e(/* import() */ 443).then(__nccwpck_require__.t.bind(__nccwpck_require__, 54443, 23));
    // The client's errors carry the status but not the headers; keep the last Retry-After here.
    let retryAfter = null;
    const webhook = new IncomingWebhook(destination.url, {
        retryConfig: { retries: 0 },
        fetch: deadlineFetch(ctx, (response) => {
            retryAfter = response.headers.get('retry-after');
        }),
    });
    return {
        kind: 'webhook',
        post: async (message) => {
            await withRetries('incoming webhook', async () => {
                retryAfter = null;
                try {
                    // Our blocks are plain objects shaped by message.ts; the client's Block Kit types are a closed union.
                    return await webhook.send(message);
                }
                catch (err) {
                    throw toDeliveryError(err, ctx.secrets, retryAfter);
                }
            }, ctx);
            return {};
        },
        update: async () => {
            throw new SlackDeliveryError('an incoming webhook cannot update a message', undefined, false);
        },
    };
}

;// CONCATENATED MODULE: ./shared/slack/deliver.ts


/** Updates the message `request.ts` (posting anew if Slack no longer has it), or posts one. */
async function deliverMessage(slack, request, ctx, steps) {
    (0,run/* throwIfCancelled */.d)(ctx.signal);
    const ref = {
        ...(request.ts ? { ts: request.ts } : {}),
        ...(request.threadTs || request.ts ? { threadTs: request.threadTs ?? request.ts } : {}),
        ...(request.channel ? { channel: request.channel } : {}),
    };
    if (request.ts && slack.kind === 'bot' && ref.channel) {
        try {
            const updated = await slack.update(ref.channel, request.ts, request.message);
            steps.push({ what: `updated the message (${request.status})`, ts: request.ts });
            return { ...ref, ts: updated.ts ?? request.ts, channel: updated.channel ?? ref.channel };
        }
        catch (err) {
            const failure = toDeliveryError(err, ctx.secrets);
            if (failure.code !== 'message_not_found')
                throw failure;
            ctx.core.warning(`${ctx.action}: the message ${request.ts} no longer exists; posting a new one`);
        }
    }
    else if (slack.kind === 'webhook' && (request.ts || request.threadTs)) {
        ctx.core.warning(`${ctx.action}: an incoming webhook cannot update message ${request.ts ?? request.threadTs} or reply in its thread; posting a new message`);
    }
    const threadTs = request.ts || slack.kind === 'webhook' ? undefined : request.threadTs;
    const posted = await slack.post(request.message, threadTs ? { threadTs } : {});
    steps.push({
        what: threadTs ? 'posted in the thread' : 'posted the message',
        ...(posted.ts ? { ts: posted.ts } : {}),
    });
    if (slack.kind === 'webhook')
        return {};
    return {
        ...(posted.ts ? { ts: posted.ts } : {}),
        ...(threadTs || posted.ts ? { threadTs: threadTs ?? posted.ts } : {}),
        ...(posted.channel || ref.channel ? { channel: posted.channel ?? ref.channel } : {}),
    };
}

;// CONCATENATED MODULE: ./shared/slack/fields.ts

/** Keys with a place of their own in the layout; any other key is shown as an extra field. */
const KNOWN_FIELDS = [
    'service',
    'environment',
    'revision',
    'traffic',
    'verdict',
    'candidate-error-rate',
    'baseline-error-rate',
];
const FIELDS_EXAMPLE = '{service: checkout, environment: production, traffic: 10, verdict: pass}';
function normaliseKey(key) {
    return key
        .trim()
        .toLowerCase()
        .replace(/[\s_]+/g, '-');
}
function stringify(value) {
    if (value === null || value === undefined)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return JSON.stringify(value);
}
/** A line that starts a field: an unindented key of words, then a colon. */
const KEY_LINE = /^([A-Za-z][\w -]{0,39}):(?:\s|$)/;
/**
 * Reads `fields` as a YAML/JSON mapping, or failing that as "key: value" lines. Values are often
 * step outputs interpolated into the YAML at run time, so a value that breaks YAML (a colon, a
 * quote) still reads as a line rather than failing the notification, and a multi-line value (a
 * gate's reason) goes on until the next line that starts with a key.
 */
function parseFields(raw, input, parseYaml) {
    const fields = new Map();
    if (raw === undefined || raw.trim() === '')
        return fields;
    let parsed;
    try {
        parsed = parseYaml(raw);
    }
    catch {
        parsed = undefined;
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        for (const [key, value] of Object.entries(parsed)) {
            if (normaliseKey(key) !== '')
                fields.set(normaliseKey(key), stringify(value));
        }
        return fields;
    }
    let current;
    for (const line of raw.split('\n')) {
        const key = line.match(KEY_LINE)?.[1];
        if (key !== undefined) {
            current = normaliseKey(key);
            fields.set(current, line.slice(line.indexOf(':') + 1).trim());
        }
        else if (current !== undefined) {
            fields.set(current, `${fields.get(current)}\n${line.trimEnd()}`);
        }
        else if (line.trim() !== '') {
            throw new InputError(input, `line "${line.trim()}" is not "key: value"`, FIELDS_EXAMPLE);
        }
    }
    for (const [key, value] of fields)
        fields.set(key, value.trim());
    return fields;
}
/** "candidate-error-rate" → "Candidate error rate". */
function fieldLabel(key) {
    const words = key.replace(/-/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
}
/** An error rate given as a fraction (as error-rate-gate outputs it) shown as a percentage. */
function formatRate(value) {
    const trimmed = value.trim();
    if (!/^\d+(\.\d+)?(e-?\d+)?$/i.test(trimmed))
        return trimmed;
    const rate = Number(trimmed);
    if (!Number.isFinite(rate) || rate > 1)
        return trimmed;
    const percent = rate * 100;
    const digits = percent === 0 ? 0 : percent < 0.1 ? 3 : 2;
    return `${percent.toFixed(digits)} %`;
}
function shareOf(entry) {
    if (typeof entry !== 'object' || entry === null)
        return undefined;
    const e = entry;
    // canary-shift's and rollback's observed-traffic entries name what serves as "target".
    const name = e.target ?? e.revision ?? e.name ?? e.tag ?? e.key ?? e.targetGroup ?? e.service;
    const percent = Number(e.percent ?? e.weight ?? e.share);
    return typeof name === 'string' && Number.isFinite(percent) ? { name, percent } : undefined;
}
/**
 * The traffic split as named shares, from a JSON object {name: percent}, a list of
 * {target, percent} (observed-traffic) or a rollback-target token (its recorded traffic).
 */
function parseTraffic(value) {
    let parsed;
    try {
        parsed = JSON.parse(value);
    }
    catch {
        return undefined;
    }
    const recorded = parsed?.traffic;
    if (typeof parsed === 'object' && parsed !== null && Array.isArray(recorded))
        parsed = recorded;
    if (Array.isArray(parsed)) {
        const shares = parsed.map(shareOf);
        return shares.every((s) => s !== undefined) && shares.length > 0 ? shares : undefined;
    }
    if (typeof parsed === 'object' && parsed !== null) {
        const entries = Object.entries(parsed).map(([name, percent]) => ({ name, percent: Number(percent) }));
        return entries.length > 0 && entries.every((e) => Number.isFinite(e.percent)) ? entries : undefined;
    }
    return undefined;
}
/** A ten-cell bar of the candidate's share, e.g. ▰▰▱▱▱▱▱▱▱▱ for 20 %. */
function trafficBar(percent) {
    const filled = Math.max(0, Math.min(10, Math.round(percent / 10)));
    return `${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)}`;
}
/**
 * Traffic as a person reads it: "10" → "▰▱▱▱▱▱▱▱▱▱ 10 % to the candidate"; a split → each share.
 * Returns plain text: the caller escapes it.
 */
function formatTraffic(value) {
    const trimmed = value.trim();
    const bare = trimmed.match(/^(\d+(?:\.\d+)?)\s*%?$/);
    if (bare) {
        const percent = Number(bare[1]);
        return `${trafficBar(percent)} ${percent} % to the candidate`;
    }
    const shares = parseTraffic(trimmed);
    if (shares)
        return shares.map((s) => `${s.name} ${s.percent} %`).join(' · ');
    return trimmed;
}
const VERDICT_ICONS = { pass: '✅', fail: '❌', inconclusive: '⚠️' };
function formatVerdict(value) {
    const icon = VERDICT_ICONS[value.trim().toLowerCase()];
    return icon ? `${icon} ${value.trim()}` : value.trim();
}

;// CONCATENATED MODULE: ./shared/slack/limits.ts
/**
 * Slack's documented size limits and the two text operations every user-controlled value goes
 * through before it reaches Slack: escaping (so no `<!channel>` or `<@U…>` can be injected) and
 * clipping (so a long value is cut with a marker instead of failing the message).
 */
/** Documented limits (Block Kit reference and chat.postMessage), in characters or items. */
const limits_SLACK_LIMITS = {
    /** chat.postMessage `text`: Slack truncates beyond it and may answer msg_too_long. */
    messageText: 40_000,
    blocksPerMessage: 50,
    attachmentsPerMessage: 100,
    sectionText: 3000,
    sectionFields: 10,
    sectionFieldText: 2000,
    headerText: 150,
    contextElements: 10,
    /** Text of a context element (a text object: 3000). */
    contextText: 3000,
    blockId: 255,
};
const TRUNCATION_MARKER = '… (truncated)';
/**
 * Escapes the three characters Slack treats as control sequences in message text. After this no
 * `<…>` sequence (mention, channel link, special command) can come from the value.
 */
function escapeText(value) {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/**
 * Cuts text to at most max UTF-16 units, ending with the marker when anything was cut. Never
 * leaves half an escape entity (`&am`) or half a surrogate pair at the cut.
 */
function limits_clip(text, max, marker = TRUNCATION_MARKER) {
    if (text.length <= max)
        return text;
    if (max <= marker.length)
        return marker.slice(0, Math.max(0, max));
    let kept = text.slice(0, max - marker.length);
    kept = kept.replace(/&[a-z]{0,3}$/, '');
    if (/[\uD800-\uDBFF]$/.test(kept))
        kept = kept.slice(0, -1);
    return `${kept}${marker}`;
}
/** Escapes then clips: the usual treatment of a value that came from a workflow. */
function limits_safeText(value, max) {
    return limits_clip(escapeText(value), max);
}
function fitTextObject(value, max) {
    if (typeof value !== 'object' || value === null)
        return value;
    const text = value.text;
    return typeof text === 'string' ? { ...value, text: limits_clip(text, max) } : value;
}
/**
 * Brings a list of blocks within the documented limits: texts clipped with a marker, fields and
 * context elements capped, and at most `maxBlocks` blocks (the last one saying how many were cut).
 * Works on blocks from a custom payload too, touching only the fields it knows.
 */
function limits_fitBlocks(blocks, maxBlocks = limits_SLACK_LIMITS.blocksPerMessage) {
    const fitted = blocks.map((block) => {
        switch (block.type) {
            case 'header':
                return { ...block, text: fitTextObject(block.text, limits_SLACK_LIMITS.headerText) };
            case 'section': {
                const out = { ...block };
                if (block.text !== undefined)
                    out.text = fitTextObject(block.text, limits_SLACK_LIMITS.sectionText);
                if (Array.isArray(block.fields)) {
                    out.fields = block.fields
                        .slice(0, limits_SLACK_LIMITS.sectionFields)
                        .map((field) => fitTextObject(field, limits_SLACK_LIMITS.sectionFieldText));
                }
                return out;
            }
            case 'context':
                return Array.isArray(block.elements)
                    ? {
                        ...block,
                        elements: block.elements
                            .slice(0, limits_SLACK_LIMITS.contextElements)
                            .map((element) => fitTextObject(element, limits_SLACK_LIMITS.contextText)),
                    }
                    : block;
            default:
                return block;
        }
    });
    if (fitted.length <= maxBlocks)
        return fitted;
    const cut = fitted.length - (maxBlocks - 1);
    return [
        ...fitted.slice(0, maxBlocks - 1),
        { type: 'context', elements: [{ type: 'mrkdwn', text: `… ${cut} more block(s) not shown (truncated)` }] },
    ];
}
/** Splits long text into pieces of at most max characters, preferring line breaks, for several sections. */
function splitText(text, max, maxPieces) {
    const pieces = [];
    let rest = text;
    while (rest.length > 0 && pieces.length < maxPieces) {
        if (rest.length <= max) {
            pieces.push(rest);
            rest = '';
            break;
        }
        const window = rest.slice(0, max);
        const newline = window.lastIndexOf('\n');
        let cut = newline > max / 2 ? newline + 1 : max;
        // Never split an entity or a surrogate pair.
        const entity = window.slice(0, cut).match(/&[a-z]{0,3}$/);
        if (entity)
            cut -= entity[0].length;
        if (/[\uD800-\uDBFF]/.test(rest.charAt(cut - 1)))
            cut -= 1;
        pieces.push(rest.slice(0, cut));
        rest = rest.slice(cut);
    }
    if (rest.length > 0 && pieces.length > 0) {
        const last = pieces.length - 1;
        pieces[last] = limits_clip(`${pieces[last]}${rest}`, max);
    }
    return pieces;
}

;// CONCATENATED MODULE: ./shared/slack/message.ts
/**
 * The Block Kit layout of a rollout message and of its thread replies. Pure functions: every
 * value that came from a workflow is escaped and clipped here, and the result always fits
 * Slack's documented limits.
 */


const STATUSES = (/* unused pure expression or super */ null && (['started', 'progress', 'succeeded', 'failed', 'rolled-back']));
/** How each status looks: the colour bar of the attachment, an icon and words. */
const STATUS_STYLE = {
    started: { color: '#439FE0', icon: '🚀', label: 'Rollout started' },
    progress: { color: '#DAA038', icon: '🔄', label: 'Rollout in progress' },
    succeeded: { color: '#2EB886', icon: '✅', label: 'Rollout succeeded' },
    failed: { color: '#A30200', icon: '❌', label: 'Rollout failed' },
    'rolled-back': { color: '#E8912D', icon: '⏪', label: 'Rolled back' },
};
function runLinks(env) {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const repository = env.GITHUB_REPOSITORY;
    const links = {};
    if (repository && env.GITHUB_RUN_ID) {
        const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1');
        links.runUrl = `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}${attempt > 1 ? `/attempts/${attempt}` : ''}`;
        links.runLabel = `${env.GITHUB_WORKFLOW ?? 'Workflow'} run #${env.GITHUB_RUN_ID}`;
    }
    if (repository && env.GITHUB_SHA) {
        links.commitUrl = `${server}/${repository}/commit/${env.GITHUB_SHA}`;
        links.commitLabel = `${repository}@${env.GITHUB_SHA.slice(0, 7)}`;
    }
    return links;
}
/** A Slack link whose URL and label are escaped, so neither can close the link or open a new one. */
function message_link(url, label) {
    return `<${escapeText(url).replace(/\|/g, '%7C')}|${escapeText(label).replace(/\|/g, '¦')}>`;
}
const mrkdwn = (text) => ({ type: 'mrkdwn', text });
/** The default title: "checkout → production", or the repository and commit. */
function defaultTitle(fields, links) {
    const service = fields.get('service');
    const environment = fields.get('environment');
    if (service && environment)
        return `${service} → ${environment}`;
    return service ?? environment ?? links.commitLabel ?? 'deployment';
}
/** The facts of the message as [label, escaped mrkdwn value], in the layout's order. */
function describeFields(fields) {
    const out = [];
    const add = (label, value, format = (v) => v) => {
        if (value !== undefined && value !== '')
            out.push([label, escapeText(format(value))]);
    };
    add('Service', fields.get('service'));
    add('Environment', fields.get('environment'));
    const revision = fields.get('revision');
    if (revision)
        out.push(['Revision', `\`${escapeText(revision.replace(/`/g, "'"))}\``]);
    add('Traffic', fields.get('traffic'), formatTraffic);
    add('Gate verdict', fields.get('verdict'), formatVerdict);
    const candidate = fields.get('candidate-error-rate');
    const baseline = fields.get('baseline-error-rate');
    if (candidate || baseline) {
        const rates = [
            candidate ? `candidate ${formatRate(candidate)}` : undefined,
            baseline ? `baseline ${formatRate(baseline)}` : undefined,
        ].filter((part) => part !== undefined);
        out.push(['Error rate', escapeText(rates.join(' · '))]);
    }
    const known = new Set(KNOWN_FIELDS);
    for (const [key, value] of fields) {
        if (!known.has(key) && value !== '')
            out.push([escapeText(fieldLabel(key)), escapeText(value)]);
    }
    return out;
}
function fieldSections(fields) {
    const described = describeFields(fields).map(([label, value]) => mrkdwn(limits_clip(`*${label}*\n${value}`, limits_SLACK_LIMITS.sectionFieldText)));
    const sections = [];
    for (let i = 0; i < described.length; i += limits_SLACK_LIMITS.sectionFields) {
        sections.push({ type: 'section', fields: described.slice(i, i + limits_SLACK_LIMITS.sectionFields) });
    }
    return sections;
}
function contextLine(links, at) {
    const parts = [];
    if (links.runUrl)
        parts.push(message_link(links.runUrl, links.runLabel ?? 'Workflow run'));
    if (links.commitUrl)
        parts.push(message_link(links.commitUrl, links.commitLabel ?? 'commit'));
    const epoch = Math.floor(at.getTime() / 1000);
    // Slack shows the time in each reader's own time zone; the text after | is the fallback.
    parts.push(`updated <!date^${epoch}^{date_short_pretty} {time_secs}|${at.toISOString()}>`);
    return { type: 'context', elements: [mrkdwn(parts.join(' · '))] };
}
/** A one-line summary of the facts that change during a rollout: traffic, verdict, error rates. */
function progressLine(fields) {
    const parts = [];
    const traffic = fields.get('traffic');
    if (traffic)
        parts.push(`traffic ${formatTraffic(traffic)}`);
    const verdict = fields.get('verdict');
    if (verdict)
        parts.push(`verdict ${formatVerdict(verdict)}`);
    const candidate = fields.get('candidate-error-rate');
    const baseline = fields.get('baseline-error-rate');
    if (candidate && baseline)
        parts.push(`errors ${formatRate(candidate)} vs ${formatRate(baseline)}`);
    return parts.join(' · ');
}
/** The living message of a rollout: a coloured attachment with a header, the facts and links. */
function buildRolloutMessage(input) {
    const style = STATUS_STYLE[input.status];
    const title = input.title ?? defaultTitle(input.fields, input.links);
    const headline = `${style.icon} ${style.label}: ${title}`;
    const blocks = [
        { type: 'header', text: { type: 'plain_text', text: limits_safeText(headline, limits_SLACK_LIMITS.headerText) } },
        ...fieldSections(input.fields),
    ];
    if (input.details)
        blocks.push(...detailSections(input.details, 5));
    blocks.push(contextLine(input.links, input.at));
    const progress = progressLine(input.fields);
    const fallback = limits_safeText(progress ? `${headline} (${progress})` : headline, limits_SLACK_LIMITS.messageText);
    return {
        text: fallback,
        attachments: [{ color: style.color, fallback, blocks: limits_fitBlocks(blocks) }],
    };
}
function detailSections(details, maxSections) {
    return splitText(escapeText(details), limits_SLACK_LIMITS.sectionText, maxSections).map((piece) => ({
        type: 'section',
        text: mrkdwn(piece),
    }));
}
/** A thread reply for one step: what changed, then the details (split over several sections if long). */
function buildThreadReply(input) {
    const style = STATUS_STYLE[input.status];
    const progress = progressLine(input.fields);
    const headline = `${style.icon} *${style.label}*${progress ? ` · ${escapeText(progress)}` : ''}`;
    const blocks = [{ type: 'section', text: mrkdwn(limits_clip(headline, limits_SLACK_LIMITS.sectionText)) }];
    if (input.details)
        blocks.push(...detailSections(input.details, limits_SLACK_LIMITS.blocksPerMessage - 1));
    const fallbackSource = `${style.icon} ${style.label}${progress ? ` · ${progress}` : ''}`;
    return { text: limits_safeText(fallbackSource, limits_SLACK_LIMITS.messageText), blocks: limits_fitBlocks(blocks) };
}
/** A message of the workflow author's own text, escaped like every other value. */
function buildTextMessage(text) {
    return { text: safeText(text, SLACK_LIMITS.messageText) };
}
/**
 * A full payload of the author's own, sent as given (its mrkdwn is theirs to escape) but brought
 * within the size limits so that length alone never makes Slack refuse it.
 */
function fitPayload(payload) {
    const out = { ...payload };
    if (typeof payload.text === 'string')
        out.text = clip(payload.text, SLACK_LIMITS.messageText);
    if (Array.isArray(payload.blocks))
        out.blocks = fitBlocks(payload.blocks);
    if (Array.isArray(payload.attachments)) {
        out.attachments = payload.attachments
            .slice(0, SLACK_LIMITS.attachmentsPerMessage)
            .map((attachment) => Array.isArray(attachment.blocks)
            ? { ...attachment, blocks: fitBlocks(attachment.blocks) }
            : attachment);
    }
    return out;
}

;// CONCATENATED MODULE: ./shared/slack/living-message.ts





function livingMessage(settings, ctx) {
    let ref = {
        channel: settings.channel,
        ...(settings.ts ? { ts: settings.ts, threadTs: settings.ts } : {}),
    };
    let transport;
    const deliveries = [];
    const timeoutMs = ctx.timeoutMs ?? 60_000;
    return {
        deliveries,
        ref: () => ref,
        async update(status, fields, details) {
            if (ctx.signal.aborted)
                return;
            const delivery = { ...ctx, deadline: ctx.clock.now() + timeoutMs };
            try {
                // The Web API client is imported at the first update only.
                transport ??= await botTransport({
                    kind: 'bot',
                    token: settings.token,
                    channel: settings.channel,
                    ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}),
                }, delivery);
                const at = new Date(ctx.clock.now());
                const message = buildRolloutMessage({
                    status,
                    ...(settings.title === undefined ? {} : { title: settings.title }),
                    fields,
                    links: runLinks(process.env),
                    at,
                });
                ref = await deliverMessage(transport, {
                    message,
                    ...(ref.ts ? { ts: ref.ts } : {}),
                    ...(ref.threadTs ? { threadTs: ref.threadTs } : {}),
                    channel: ref.channel ?? settings.channel,
                    status,
                }, ctx, deliveries);
                if (details !== undefined && ref.threadTs) {
                    const reply = buildThreadReply({ status, fields, details, at });
                    const posted = await transport.post(reply, {
                        threadTs: ref.threadTs,
                        broadcast: status === 'failed' || status === 'rolled-back',
                    });
                    deliveries.push({ what: 'replied in the thread', ...(posted.ts ? { ts: posted.ts } : {}) });
                }
            }
            catch (err) {
                ctx.core.warning(`${ctx.action}: Slack was not updated (${status}): ${redact((0,errors/* errorMessage */.gJ)(err), ctx.secrets)}; the rollout goes on`);
            }
        },
    };
}

;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = require("node:module");
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(48161);
// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(70857);
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
var external_crypto_ = __nccwpck_require__(76982);
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(79896);
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

// EXTERNAL MODULE: ./shared/traffic/settings.ts
var traffic_settings = __nccwpck_require__(74851);
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
        throw new errors/* InputError */.dz(input, `traffic entry ${index + 1} ${problem}`, EXAMPLE);
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
        throw new errors/* InputError */.dz(input, 'is not a rollback-target token (not JSON)', EXAMPLE);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new errors/* InputError */.dz(input, 'is not a rollback-target token (not a JSON object)', EXAMPLE);
    }
    const token = parsed;
    if (token.v !== 1)
        throw new errors/* InputError */.dz(input, `has an unknown token version ${JSON.stringify(token.v)}`, EXAMPLE);
    if (token.provider !== expected.provider) {
        throw new errors/* InputError */.dz(input, `was captured for provider ${JSON.stringify(token.provider)}, not "${expected.provider}"`, EXAMPLE);
    }
    if (!isRecordOfStrings(token.resource))
        throw new errors/* InputError */.dz(input, 'has no "resource"', EXAMPLE);
    for (const [key, value] of Object.entries(expected.resource)) {
        if (token.resource[key] !== value) {
            throw new errors/* InputError */.dz(input, `was captured for ${key} "${token.resource[key] ?? ''}", not "${value}": it belongs to another resource`, EXAMPLE);
        }
    }
    if (!Array.isArray(token.traffic) || token.traffic.length === 0) {
        throw new errors/* InputError */.dz(input, 'has no "traffic" entries', EXAMPLE);
    }
    const traffic = token.traffic.map((entry, i) => parseEntry(entry, input, i));
    const total = (0,traffic_split/* servingEntries */.Hr)(traffic).reduce((sum, e) => sum + e.percent, 0);
    if (total !== 100)
        throw new errors/* InputError */.dz(input, `has traffic summing to ${total} %, not 100 %`, EXAMPLE);
    if (token.taskDefinitions !== undefined && !isRecordOfStrings(token.taskDefinitions)) {
        throw new errors/* InputError */.dz(input, 'has "taskDefinitions" that are not name → ARN strings', EXAMPLE);
    }
    const capturedAt = typeof token.capturedAt === 'string' ? token.capturedAt : '';
    if (Number.isNaN(Date.parse(capturedAt)))
        throw new errors/* InputError */.dz(input, 'has no valid "capturedAt" time', EXAMPLE);
    return {
        v: 1,
        provider: expected.provider,
        resource: token.resource,
        traffic,
        ...(token.taskDefinitions === undefined ? {} : { taskDefinitions: token.taskDefinitions }),
        capturedAt,
    };
}

;// CONCATENATED MODULE: ./actions/rollout/src/inputs.ts








/** Input and output names, mirroring action.yml (a test checks they agree). */
const inputs_INPUTS = {
    ...traffic_settings/* TARGET_INPUTS */.gd,
    takeOver: TAKE_OVER_INPUT,
    candidate: 'candidate',
    rollbackTarget: 'rollback-target',
    steps: STEPS_INPUT,
    planOnly: 'plan-only',
    source: GATE_INPUTS.source,
    loadBalancer: GATE_INPUTS.loadBalancer,
    targetGroups: GATE_INPUTS.targetGroups,
    prometheusUrl: GATE_INPUTS.prometheusUrl,
    prometheusHeaders: GATE_INPUTS.prometheusHeaders,
    requestsQuery: GATE_INPUTS.requestsQuery,
    errorsQuery: GATE_INPUTS.errorsQuery,
    latencyQuery: GATE_INPUTS.latencyQuery,
    bakeTime: 'bake-time',
    maxDuration: GATE_INPUTS.maxDuration,
    detectableRatio: GATE_INPUTS.detectableRatio,
    interval: GATE_INPUTS.interval,
    metricsDelay: GATE_INPUTS.metricsDelay,
    maxErrorRate: GATE_INPUTS.maxErrorRate,
    maxIncrease: GATE_INPUTS.maxIncrease,
    minRequests: GATE_INPUTS.minRequests,
    falseAlarmRate: GATE_INPUTS.falseAlarmRate,
    maxP95LatencyMs: GATE_INPUTS.maxP95LatencyMs,
    maxLatencyIncrease: GATE_INPUTS.maxLatencyIncrease,
    gateMode: 'gate-mode',
    onInconclusive: 'on-inconclusive',
    rollbackOnFailure: 'rollback-on-failure',
    slackBotToken: 'slack-bot-token',
    slackChannel: 'slack-channel',
    slackTs: 'slack-ts',
    slackTitle: 'slack-title',
    timeout: 'timeout',
    pollInterval: 'poll-interval',
};
const OUTPUTS = {
    verdict: 'verdict',
    stoppedAt: 'stopped-at',
    held: 'held',
    percent: 'percent',
    observedTraffic: 'observed-traffic',
    rollbackTarget: 'rollback-target',
    rolledBack: 'rolled-back',
    reason: 'reason',
    candidate: 'candidate',
    stable: 'stable',
    steps: 'steps',
};
const ON_INCONCLUSIVE = ['rollback', 'hold'];
function readSettings(core, env = process.env) {
    const read = inputReader(core);
    // Secrets first, so nothing read after them can print them unmasked.
    const slackToken = read.secret(inputs_INPUTS.slackBotToken);
    const target = (0,traffic_settings/* readTrafficTarget */.zs)(read);
    const steps = parseSteps(read.optional(inputs_INPUTS.steps));
    const rawCandidate = read.optional(inputs_INPUTS.candidate);
    const candidate = {
        ...(rawCandidate === undefined
            ? {}
            : { candidate: (0,traffic_settings/* checkCandidate */.We)(target, inputs_INPUTS.candidate, rawCandidate) }),
        // canary-shift's default tag: the candidate keeps the URL the deploy step gave it.
        ...(target.provider === 'cloud-run' ? { tag: 'canary' } : {}),
        // ECS-native: the steps must be the ones of the deployment in progress (checked before any write).
        ...(target.provider === 'ecs' ? { steps } : {}),
    };
    const token = read.optional(inputs_INPUTS.rollbackTarget);
    const rollbackTarget = token === undefined
        ? undefined
        : decodeRollbackTarget(token, inputs_INPUTS.rollbackTarget, {
            provider: target.provider,
            resource: (0,traffic_settings/* resourceOf */.KU)(target),
        });
    const gate = readGateSettings(core, env, {
        action: 'rollout',
        names: { duration: inputs_INPUTS.bakeTime, mode: inputs_INPUTS.gateMode },
        arms: { target },
    });
    const pollMs = read.durationMs(inputs_INPUTS.pollInterval, '5s');
    if (pollMs < 100)
        throw new errors/* InputError */.dz(inputs_INPUTS.pollInterval, 'must be at least 100ms', '5s');
    const slackProblems = [];
    const slack = readSlack(read, slackToken, env, slackProblems);
    return {
        target,
        candidate,
        ...(rollbackTarget === undefined ? {} : { rollbackTarget, rollbackTargetToken: token }),
        steps,
        planOnly: read.boolean(inputs_INPUTS.planOnly, false),
        gate,
        onInconclusive: read.choice(inputs_INPUTS.onInconclusive, ON_INCONCLUSIVE, 'rollback'),
        rollbackOnFailure: read.boolean(inputs_INPUTS.rollbackOnFailure, true),
        takeOver: read.boolean(inputs_INPUTS.takeOver, false),
        ...(slack === undefined ? {} : { slack }),
        slackProblems,
        secrets: [...gate.secrets, ...(slackToken === undefined ? [] : [slackToken])],
        timeoutMs: read.durationMs(inputs_INPUTS.timeout, '10m'),
        pollMs,
    };
}
/**
 * The Slack inputs, with notify-slack's rule: a notification never fails the rollout. A problem
 * (no channel, a token that is not one, a malformed ts) is recorded and Slack left out.
 */
function readSlack(read, token, env, problems) {
    const channel = read.optional(inputs_INPUTS.slackChannel);
    const ts = read.optional(inputs_INPUTS.slackTs);
    const title = read.optional(inputs_INPUTS.slackTitle);
    if (token === undefined) {
        if (channel !== undefined || ts !== undefined) {
            problems.push(`"${inputs_INPUTS.slackChannel}" and "${inputs_INPUTS.slackTs}" need "${inputs_INPUTS.slackBotToken}"`);
        }
        return undefined;
    }
    const problem = !/^xox[a-z]-/.test(token)
        ? `input "${inputs_INPUTS.slackBotToken}": does not look like a Slack token (its value is not shown; bot tokens start with xoxb-)`
        : channel === undefined
            ? `input "${inputs_INPUTS.slackChannel}": is required with ${inputs_INPUTS.slackBotToken}`
            : ts !== undefined && !SLACK_TS.test(ts)
                ? `input "${inputs_INPUTS.slackTs}": "${ts}" is not a Slack message timestamp (for example 1700000000.123456)`
                : undefined;
    if (problem !== undefined || channel === undefined) {
        problems.push(problem ?? `input "${inputs_INPUTS.slackChannel}": is required`);
        return undefined;
    }
    const apiUrl = env[SLACK_API_URL_VARIABLE]?.trim();
    return {
        token,
        channel,
        ...(ts === undefined ? {} : { ts }),
        ...(title === undefined ? {} : { title }),
        ...(apiUrl ? { apiUrl } : {}),
    };
}

// EXTERNAL MODULE: ./shared/summary.ts
var shared_summary = __nccwpck_require__(96566);
;// CONCATENATED MODULE: ./shared/gate/report.ts
/**
 * The job summary: verdict and why first, what the data could have caught, then a chart of both
 * error rates and one of the test that decided (the judge's evidence, the ceiling's, or the power).
 */


/** Mermaid charts stay readable up to about this many points; longer runs are merged. */
const MAX_POINTS = 60;
const ICON = { pass: '✅', fail: '❌', inconclusive: '⚠️' };
/** Line colours, and the square that names each in the legend under a chart. */
const COLOR = {
    candidate: { hex: '#d62728', square: '🟥' },
    baseline: { hex: '#1f77b4', square: '🟦' },
    limit: { hex: '#7f7f7f', square: '⬜' },
    measure: { hex: '#ff7f0e', square: '🟧' },
};
function offsetLabel(ms, intervalMs) {
    return intervalMs >= 60_000 ? `+${Math.round(ms / 60_000)}m` : `+${Math.round(ms / 1000)}s`;
}
/** Groups consecutive records so a chart has at most MAX_POINTS points. */
function downsample(records) {
    const size = Math.max(1, Math.ceil(records.length / MAX_POINTS));
    const groups = [];
    for (let i = 0; i < records.length; i += size)
        groups.push(records.slice(i, i + size));
    return groups;
}
function groupRate(group, arm) {
    let requests = 0;
    let errors = 0;
    for (const r of group) {
        const counts = r[arm];
        if (Number.isFinite(counts.requests) && Number.isFinite(counts.errors)) {
            requests += counts.requests;
            errors += counts.errors;
        }
    }
    return requests > 0 ? (100 * errors) / requests : Number.NaN;
}
const line = (name, values, color) => ({
    name,
    values,
    color: color.hex,
    square: color.square,
});
/** A chart and its legend (Mermaid's xychart draws none). */
function chart(title, yLabel, labels, series) {
    return [
        (0,shared_summary/* lineChart */.Tz)({ title, xLabels: labels, yLabel, series }),
        '',
        series.map((s) => `${s.square} ${s.name}`).join(' · '),
    ].join('\n');
}
/** The chart of the test that decided: the ceiling's evidence, the judge's, or the power. */
function decidingChart(decision, groups, labels, state) {
    const last = groups.map((g) => g.at(-1));
    const log10 = (v) => Math.max(0, Math.log10(Math.max(v ?? 1, 1)));
    if (decision.by === 'ceiling') {
        return chart('Evidence that the candidate is over the ceiling, log10', 'log10 evidence', labels, [
            line('ceiling evidence', last.map((r) => log10(r?.ceilingEvidence)), COLOR.measure),
            line('fail threshold', last.map(() => Math.log10(state.ceiling.threshold)), COLOR.limit),
        ]);
    }
    if (decision.by === 'judge' && last.some((r) => r?.evidence)) {
        return chart('Evidence that the candidate is worse than the baseline, log10', 'log10 evidence', labels, [
            line('evidence', last.map((r) => log10(r?.evidence?.rollback)), COLOR.measure),
            line('fail threshold', last.map((r) => Math.log10(r?.evidence?.rollbackThreshold ?? 1)), COLOR.limit),
        ]);
    }
    if (decision.by === 'power' || decision.by === 'budget' || decision.by === 'data') {
        return chart(`Chance the data so far would catch a ${formatRatio(state.config.detectableRatio)} regression, %`, 'power %', labels, [
            line('power', last.map((r) => 100 * (r?.power ?? 0)), COLOR.measure),
            line('needed to pass', last.map(() => 100 * state.config.power), COLOR.limit),
        ]);
    }
    return undefined;
}
function renderSummary(state, decision, ctx) {
    const c = state.candidate;
    const b = state.baseline;
    const detectable = state.detectableRatio();
    const extendedMinutes = (state.extendedIntervals * ctx.intervalMs) / 60_000;
    const lines = [
        (0,shared_summary/* heading */.R_)(`${ICON[decision.verdict]} Error-rate gate: ${decision.verdict.toUpperCase()}${ctx.mode === 'dry-run' ? ' (dry run: the step does not fail)' : ''}`),
        '',
        `**Why:** ${(0,shared_summary/* cell */.Hn)(decision.reason)}`,
        '',
        `**What this step could catch:** ${(0,shared_summary/* cell */.Hn)(state.coverage())}`,
        '',
        `Decided after ${ctx.decidedAfterSeconds}s, ${state.records.length} interval(s) of ${ctx.intervalMs / 1000}s${extendedMinutes > 0 ? ` (bake extended by ${Number(extendedMinutes.toFixed(1))} min)` : ''}, from ${ctx.source}.`,
        '',
        (0,shared_summary/* table */.tp)(['', 'Candidate', 'Baseline'], [
            ['Identity', ctx.candidate, ctx.baseline],
            ['Requests', c.requests, b.requests],
            ['Errors (5xx)', c.errors, b.errors],
            ['Error rate', format_percent(rateOf(c)), format_percent(rateOf(b))],
        ]),
        '',
        `Smallest regression caught ${format_percent(state.config.power, 0)} of the time: ${Number.isFinite(detectable) ? `${formatRatio(detectable)} the baseline's rate` : 'none (too few errors)'}; chance of catching ${formatRatio(state.config.detectableRatio)}: ${format_percent(state.power(), 0)}.`,
        '',
    ];
    if (state.records.length > 0) {
        const groups = downsample(state.records);
        const labels = groups.map((g) => offsetLabel((g[0]?.start ?? ctx.startTime) - ctx.startTime, ctx.intervalMs));
        // NaN (no data) is drawn as 0 by Mermaid; the line below says which intervals had none.
        const rates = [
            line('candidate', groups.map((g) => groupRate(g, 'candidate')), COLOR.candidate),
            line('baseline', groups.map((g) => groupRate(g, 'baseline')), COLOR.baseline),
        ];
        // The ceiling is drawn when it decided or is near the rates, not as a flat line that squashes them.
        const top = Math.max(0, ...rates.flatMap((s) => s.values).filter(Number.isFinite));
        const ceilings = groups.map((g) => 100 * (g.at(-1)?.ceiling ?? state.config.maxErrorRate));
        if (decision.by === 'ceiling' || Math.min(...ceilings) <= 2 * top)
            rates.push(line('ceiling', ceilings, COLOR.limit));
        lines.push(chart('Error rate per interval, %', 'errors %', labels, rates), '');
        const deciding = decidingChart(decision, groups, labels, state);
        if (deciding)
            lines.push(deciding, '');
        const missing = state.records.filter((r) => !r.usable).length;
        if (missing > 0)
            lines.push(`${missing} of ${state.records.length} intervals had no usable data for one arm (never counted as healthy).`, '');
    }
    lines.push('<details><summary>How the gate decides</summary>', '', `**Fail**: a sequential test found the candidate's error rate worse than the baseline's (more than ${format_percent(state.config.maxIncrease, 0)} worse; it stays valid when checked every interval, false alarms at most ${state.config.falseAlarmRate}), or above the ceiling (${format_percent(state.config.maxErrorRate)}, or twice the baseline's rate if higher), or a latency limit held for 3 intervals. **Pass**: no regression found, and the data would have caught a ${formatRatio(state.config.detectableRatio)} regression at least ${format_percent(state.config.power, 0)} of the time; the bake extends (up to max-duration) while it could not. With almost no errors in either arm, a candidate clearly under the ceiling passes too. **Inconclusive**: fewer than ${state.config.minRequests} candidate requests, missing data, failing metrics APIs, or not enough errors to compare even at max-duration; never a pass.`, '', '</details>', '');
    return lines.join('\n');
}

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

;// CONCATENATED MODULE: ./actions/rollout/src/report.ts
/**
 * The rollout's one job summary: verdict and why first, then one row per step (share, verdict,
 * why, bake, power), then the gate's charts for the step that stopped it (or the last gated one)
 * and the split before and after.
 */








const report_ICON = {
    pass: '✅',
    fail: '❌',
    inconclusive: '⚠️',
    cancelled: '⏹️',
    error: '❌',
};
function bake(seconds) {
    if (seconds === undefined)
        return '';
    return seconds >= 120 ? `${Number((seconds / 60).toFixed(1))} min` : `${seconds} s`;
}
function headline(story) {
    if (story.verdict === 'pass')
        return `${report_ICON.pass} Rollout: promoted to 100 %`;
    if (story.held)
        return `${report_ICON.inconclusive} Rollout: held at ${story.stoppedAt} % (inconclusive)`;
    const back = story.rolledBack ? ', rolled back' : '';
    return `${report_ICON[story.verdict]} Rollout: ${story.verdict.toUpperCase()} at ${story.stoppedAt ?? '?'} %${back}`;
}
function renderStory(story) {
    const { settings } = story;
    const rows = settings.steps.map((percent, index) => {
        const step = story.steps[index];
        if (step === undefined)
            return [index + 1, `${percent} %`, 'not reached', '', '', ''];
        return [
            index + 1,
            `${percent} %`,
            step.verdict ? `${report_ICON[step.verdict]} ${step.verdict}` : 'in flight',
            step.reason ?? '',
            bake(step.bakeSeconds),
            step.gate ? format_percent(step.gate.state.power(), 0) : '',
        ];
    });
    const lines = [
        (0,shared_summary/* heading */.R_)(headline(story)),
        '',
        `**Why:** ${(0,shared_summary/* cell */.Hn)(story.reason)}`,
        '',
        (0,shared_summary/* cell */.Hn)([
            (0,traffic_settings/* describeTarget */.ff)(settings.target),
            `candidate ${story.candidate?.id ?? 'unknown'}`,
            story.stable ? `stable ${story.stable}` : '',
            `serving now: ${story.observed ? (0,traffic_split/* formatSplit */.oe)(story.observed) : 'unknown'}`,
            story.rollbackTarget ? `rollback target: ${(0,traffic_split/* formatSplit */.oe)(story.rollbackTarget.traffic)}` : '',
            story.held ? 'traffic left in place for a person to decide (on-inconclusive: hold)' : '',
        ]
            .filter((part) => part !== '')
            .join(' · ')),
        '',
        (0,shared_summary/* table */.tp)(['Step', 'Share', 'Verdict', 'Why', 'Bake', 'Power'], rows),
        '',
        ...(story.waits === undefined ? [] : [whoWaitsLine(story.waits), '']),
    ];
    // The charts of the step that stopped the rollout, or of the last one gated.
    const charted = story.steps.filter((s) => s.gate && s.decision).at(-1);
    if (charted?.gate && charted.decision) {
        const { gate } = charted;
        lines.push((0,shared_summary/* heading */.R_)(`Gate at ${charted.percent} %`, 4), '', renderSummary(gate.state, charted.decision, {
            source: gate.settings.metrics.source,
            candidate: gate.settings.metrics.candidate,
            baseline: gate.settings.metrics.baseline,
            startTime: gate.window.start,
            intervalMs: gate.window.stepMs,
            decidedAfterSeconds: charted.bakeSeconds ?? 0,
            mode: gate.settings.mode,
        }));
    }
    const before = story.rollbackTarget?.traffic;
    if (before) {
        lines.push(renderSplitSummary({
            title: 'Traffic',
            detail: 'Before: the rollback target recorded before the first write. After: what the platform serves now.',
            before,
            after: story.observed,
            roles: {
                ...(story.stable ? { [story.stable]: 'stable' } : {}),
                ...(story.candidate ? { [story.candidate.target]: 'candidate' } : {}),
            },
        }));
    }
    return lines.join('\n');
}
/** plan-only: what the rollout would do, from validated inputs alone. */
function renderPlan(settings) {
    const gate = settings.gate;
    const rows = settings.steps.map((percent, index) => [
        index + 1,
        `${percent} %`,
        percent === 100
            ? 'promotion (no gate: no baseline left)'
            : `gate on ${gate.metrics.source}: bake ${bake(gate.durationMs / 1000)}, up to ${bake(gate.maxDurationMs / 1000)}`,
    ]);
    return [
        (0,shared_summary/* heading */.R_)(`📋 Rollout plan: ${formatSteps(settings.steps)}`),
        '',
        (0,shared_summary/* cell */.Hn)([
            (0,traffic_settings/* describeTarget */.ff)(settings.target),
            `on inconclusive: ${settings.onInconclusive}`,
            `rollback on failure: ${settings.rollbackOnFailure}`,
            `gate mode: ${gate.mode}`,
            settings.slack ? `Slack: ${settings.slack.channel}` : 'Slack: off',
        ].join(' · ')),
        '',
        (0,shared_summary/* table */.tp)(['Step', 'Share', 'Then'], rows),
        '',
        'Plan only: every input was validated; no cloud was called.',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./actions/rollout/src/main.ts

















const ACTION_NAME = 'rollout';
async function main_run(core = toolkit, clock) {
    await (0,run/* runAction */.C)(ACTION_NAME, (ctx) => rollout(ctx), { core, ...(clock ? { clock } : {}) });
}
async function rollout(ctx) {
    const { core } = ctx;
    // 1. Parse and validate every input (target, steps, gate, Slack) before any call.
    const settings = readSettings(core);
    for (const problem of settings.slackProblems) {
        core.warning(`${ACTION_NAME}: ${problem}; Slack is left out (a notification never fails the rollout)`);
    }
    core.setOutput(OUTPUTS.steps, formatSteps(settings.steps));
    // Echoed at once: a cancelled or crashed run still hands the pipeline's rollback job its token.
    core.setOutput(OUTPUTS.rollbackTarget, settings.rollbackTargetToken ?? '');
    if (settings.planOnly) {
        core.info(`Plan only: ${(0,traffic_settings/* describeTarget */.ff)(settings.target)}, steps ${formatSteps(settings.steps)}; nothing touched`);
        await core.summary.addRaw(renderPlan(settings), true).write();
        return;
    }
    // 2. Walk the steps: shift → gate → Slack, stopping at the first verdict that is not a pass.
    const slack = settings.slack
        ? livingMessage(settings.slack, { ...ctx, secrets: settings.secrets, action: ACTION_NAME })
        : undefined;
    const walk = {
        story: { settings, steps: [], verdict: 'pass', reason: '', held: false, rolledBack: false },
        ...(settings.rollbackTarget ? { rollbackTarget: settings.rollbackTarget } : {}),
    };
    await slack?.update('started', slackFields(settings, walk), `Steps ${formatSteps(settings.steps)}`);
    try {
        await walkSteps(ctx, settings, walk, slack);
    }
    catch (err) {
        // A shift that failed, or the run cancelled: no new write; record what is served now.
        const cancelled = isCancellation(err, ctx.signal);
        walk.story.verdict = cancelled ? 'cancelled' : 'error';
        walk.story.reason = redact((0,errors/* errorMessage */.gJ)(err), settings.secrets);
        const current = walk.story.steps.at(-1);
        if (current && current.verdict === undefined) {
            current.verdict = walk.story.verdict;
            current.reason = walk.story.reason;
        }
        if (walk.step)
            walk.last = (await readForReport(walk.step, walk.last)) ?? walk.last;
    }
    // 3. A failed step (or inconclusive under on-inconclusive: rollback): restore the rollback
    // target now, through the rollback action's code, and prove it by read-back.
    const failed = walk.story.verdict === 'fail' || walk.story.verdict === 'inconclusive';
    if (settings.rollbackOnFailure && failed && !walk.story.held) {
        await rollBack(ctx, settings, walk);
    }
    // 4. Report: outputs, the one summary, the Slack message; exit 1 unless promoted or held.
    report(core, walk);
    await core.summary.addRaw(redact(renderStory(walk.story), settings.secrets), true).write();
    const story = walk.story;
    if (story.verdict !== 'cancelled') {
        await slack?.update(slackStatus(story), slackFields(settings, walk), story.reason);
    }
    if (story.verdict === 'cancelled')
        throw new errors/* CancelledError */.cc(story.reason);
    if (story.verdict !== 'pass' && !story.held)
        throw new errors/* ActionError */.lZ(`${story.verdict}: ${story.reason}`);
}
async function walkSteps(ctx, settings, walk, slack) {
    const { core } = ctx;
    // Against a loopback metrics emulator only, the gate runs on the test-only accelerated timeline.
    const timeline = emulatorTimeline(settings.gate.metrics, process.env);
    const gateCtx = timeline ? { ...ctx, clock: (0,clock/* scaledClock */.vs)(timeline) } : ctx;
    const total = settings.steps.length;
    for (const [index, percent] of settings.steps.entries()) {
        const record = { percent };
        walk.story.steps.push(record);
        core.startGroup(`Step ${index + 1} of ${total}: ${percent} % to the candidate`);
        try {
            await shiftStep(ctx, settings, walk, percent);
            record.observed = walk.last?.observed;
            if (percent === 100) {
                // The promotion: no baseline is left to compare with.
                record.verdict = 'pass';
                record.reason = `${walk.candidate?.id} serves 100 %`;
                walk.story.reason = record.reason;
                return;
            }
            const gate = planGate(await armsFor(ctx, settings.gate, walk), gateCtx.clock.now());
            core.info(describeGate(gate));
            record.gate = gate;
            const decision = await watchGate(gateCtx, gate, ACTION_NAME);
            record.decision = decision;
            record.verdict = decision.verdict;
            record.reason = redact(decision.reason, settings.secrets);
            record.bakeSeconds = decidedAfterSeconds(gate, gateCtx.clock.now());
            core.info(`${decision.verdict.toUpperCase()} at ${percent} %: ${record.reason}`);
            if (decision.verdict !== 'pass') {
                if (settings.gate.mode === 'dry-run') {
                    core.warning(`${ACTION_NAME}: dry run: ${decision.verdict} at ${percent} % (${record.reason}); going on`);
                }
                else {
                    walk.story.verdict = decision.verdict;
                    walk.story.reason = `${decision.verdict} at ${percent} %: ${record.reason}`;
                    walk.story.stoppedAt = percent;
                    walk.story.held = decision.verdict === 'inconclusive' && settings.onInconclusive === 'hold';
                    return;
                }
            }
            await slack?.update('progress', slackFields(settings, walk), `${percent} %: ${record.reason}`);
        }
        finally {
            core.endGroup();
        }
    }
}
/** One shift, as canary-shift makes it (shared/traffic/rollout.ts), with this step's own deadline. */
async function shiftStep(ctx, settings, walk, percent) {
    const { core } = ctx;
    walk.story.stoppedAt = percent;
    const { step, deadline } = await openStep(ctx, settings.target, ACTION_NAME, settings);
    walk.step = step;
    const progress = {};
    try {
        const result = await shiftTraffic(step, { candidate: settings.candidate, percent, takeOver: settings.takeOver, deadline }, {
            onRollbackTarget(target, stable) {
                // Recorded before the first write of the first step; a later step's is "stable at 100 %" too.
                if (walk.rollbackTarget === undefined) {
                    walk.rollbackTarget = target;
                    core.setOutput(OUTPUTS.rollbackTarget, encodeRollbackTarget(target));
                }
                if (stable !== undefined)
                    walk.stable ??= stable;
            },
            onCandidate(candidate) {
                walk.candidate = candidate;
                core.setOutput(OUTPUTS.candidate, candidate.id);
            },
        }, progress);
        walk.last = result.last;
        walk.stable = (0,traffic_split/* stableOf */.PI)(result.last.observed, result.candidate.target) ?? walk.stable;
        core.setOutput(OUTPUTS.stable, walk.stable ?? '');
        core.info(`✓ ${percent} %: the platform serves ${(0,traffic_split/* formatSplit */.oe)(result.last.observed)}`);
    }
    finally {
        if (progress.last)
            walk.last = progress.last;
    }
}
/**
 * The gate's arms for this step: the candidate just shifted to, against the stable one. On an
 * ECS-native service, the target groups and load balancer of ECS's deployment, read from the
 * step's provider (the same code as error-rate-gate).
 */
async function armsFor(ctx, gate, walk) {
    const candidate = walk.candidate?.target;
    const stable = walk.stable;
    if (candidate === undefined || stable === undefined) {
        throw new errors/* ActionError */.lZ('the shift named no candidate and stable to compare');
    }
    if (gate.ecsNative !== undefined) {
        const native = await withEcsNativeArms(gate, ctx, ACTION_NAME, walk.step?.provider);
        walk.story.waits ??= native.found?.waits;
        return native.settings;
    }
    const settings = walk.story.settings;
    let metrics;
    if (gate.metrics.source === 'cloudwatch' && gate.targetGroups && settings.target.provider === 'ecs') {
        const index = settings.target.services.indexOf(candidate);
        const [first, second] = gate.targetGroups;
        metrics = {
            ...gate.metrics,
            candidate: index === 0 ? first : second,
            baseline: index === 0 ? second : first,
        };
    }
    else {
        // Cloud Monitoring's revision_name, or the Prometheus label: the names the traffic entries use.
        metrics = { ...gate.metrics, candidate, baseline: stable };
    }
    return { ...gate, metrics };
}
async function rollBack(ctx, settings, walk) {
    const { core } = ctx;
    const target = walk.rollbackTarget;
    if (target === undefined || ctx.signal.aborted)
        return;
    core.startGroup(`Rolling back to ${(0,traffic_split/* formatSplit */.oe)(target.traffic)}`);
    try {
        const { step, deadline } = await openStep(ctx, settings.target, ACTION_NAME, settings);
        walk.step = step;
        const progress = {};
        try {
            const result = await restoreTraffic(step, { kind: 'token', target }, deadline, progress);
            walk.last = result.last;
            // Proven only by what the platform reports serving now.
            walk.story.rolledBack = (0,traffic_split/* sameSplit */.xY)(result.last.observed, target.traffic);
            core.info(`✓ Rolled back: the platform serves ${(0,traffic_split/* formatSplit */.oe)(result.last.observed)}`);
        }
        catch (err) {
            if (progress.last)
                walk.last = progress.last;
            const message = redact((0,errors/* errorMessage */.gJ)(err), settings.secrets);
            core.warning(`${ACTION_NAME}: the rollback did not complete: ${message}`);
            walk.story.reason = `${walk.story.reason}; the rollback did not complete: ${message}`;
        }
    }
    finally {
        core.endGroup();
    }
}
function candidateShare(walk) {
    if (walk.last === undefined)
        return undefined;
    const target = walk.candidate?.target;
    return (0,traffic_split/* servingEntries */.Hr)(walk.last.observed).find((e) => e.target === target)?.percent ?? 0;
}
function report(core, walk) {
    const { story } = walk;
    core.setOutput(OUTPUTS.verdict, story.verdict);
    core.setOutput(OUTPUTS.stoppedAt, story.verdict === 'pass' ? '' : String(story.stoppedAt ?? ''));
    core.setOutput(OUTPUTS.held, story.held);
    core.setOutput(OUTPUTS.rolledBack, story.rolledBack);
    core.setOutput(OUTPUTS.reason, story.reason);
    core.setOutput(OUTPUTS.candidate, walk.candidate?.id ?? '');
    core.setOutput(OUTPUTS.stable, walk.stable ?? '');
    const share = candidateShare(walk);
    core.setOutput(OUTPUTS.percent, share === undefined ? '' : String(share));
    if (walk.last)
        core.setOutput(OUTPUTS.observedTraffic, JSON.stringify(walk.last.observed));
    if (walk.rollbackTarget)
        core.setOutput(OUTPUTS.rollbackTarget, encodeRollbackTarget(walk.rollbackTarget));
    story.percent = share;
    story.observed = walk.last?.observed;
    story.rollbackTarget = walk.rollbackTarget;
    story.candidate = walk.candidate;
    story.stable = walk.stable;
    const line = story.verdict === 'pass'
        ? `✓ Promoted: ${story.reason}`
        : `${story.held ? 'Held' : 'Stopped'} at ${story.stoppedAt ?? '?'} %: ${story.reason}${story.rolledBack ? ' (rolled back)' : ''}`;
    core.info(line);
}
function slackStatus(story) {
    if (story.verdict === 'pass')
        return 'succeeded';
    if (story.held)
        return 'progress';
    return story.rolledBack ? 'rolled-back' : 'failed';
}
/** The facts of the Slack message, in notify-slack's field names. */
function slackFields(settings, walk) {
    const fields = new Map();
    const target = settings.target;
    fields.set('service', target.provider === 'cloud-run' ? target.service : target.services.join('/'));
    if (walk.candidate)
        fields.set('revision', walk.candidate.id);
    const share = candidateShare(walk);
    if (share !== undefined)
        fields.set('traffic', String(share));
    const done = walk.story.steps.filter((s) => s.verdict !== undefined).length;
    fields.set('step', `${done} of ${settings.steps.length} (${formatSteps(settings.steps)})`);
    const gated = walk.story.steps.filter((s) => s.gate !== undefined).at(-1);
    if (gated?.verdict)
        fields.set('verdict', gated.verdict);
    if (gated?.gate) {
        fields.set('candidate-error-rate', rateOutput(gated.gate.state.candidate));
        fields.set('baseline-error-rate', rateOutput(gated.gate.state.baseline));
    }
    if (walk.story.held)
        fields.set('held', 'inconclusive: traffic left in place for a person to decide');
    return fields;
}

;// CONCATENATED MODULE: ./actions/rollout/src/index.ts

void main_run();

module.exports = __webpack_exports__;
/******/ })()
;