"use strict";
exports.id = 300;
exports.ids = [300];
exports.modules = {

/***/ 21300:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createCloudMonitoringSource: () => (/* binding */ createCloudMonitoringSource)
});

// UNUSED EXPORTS: CloudMonitoringSource, REQUEST_COUNT, REQUEST_LATENCIES, listRequest, parseLatencies, parseRequestCounts, revisionFilter, scalarValue

// EXTERNAL MODULE: ./shared/credentials.ts
var credentials = __webpack_require__(42252);
// EXTERNAL MODULE: ./shared/user-agent.ts + 1 modules
var user_agent = __webpack_require__(80434);
// EXTERNAL MODULE: ./shared/metrics/grid.ts
var grid = __webpack_require__(16690);
;// CONCATENATED MODULE: ./shared/metrics/histogram.ts
/** Latency figures from a bucketed histogram (a Cloud Monitoring distribution value). */
/**
 * The q-quantile (0–1), interpolating linearly inside the bucket that holds it, as Prometheus'
 * histogram_quantile does. An open-ended bucket answers with its finite bound. NaN when empty.
 */
function quantile(buckets, q) {
    const total = buckets.reduce((sum, b) => sum + b.count, 0);
    if (total <= 0)
        return Number.NaN;
    const rank = q * total;
    let seen = 0;
    for (const bucket of buckets) {
        if (bucket.count > 0 && seen + bucket.count >= rank) {
            if (!Number.isFinite(bucket.lower))
                return bucket.upper;
            if (!Number.isFinite(bucket.upper))
                return bucket.lower;
            return bucket.lower + ((bucket.upper - bucket.lower) * (rank - seen)) / bucket.count;
        }
        seen += bucket.count;
    }
    const last = buckets.at(-1);
    return last ? (Number.isFinite(last.upper) ? last.upper : last.lower) : Number.NaN;
}
/** Requests at or above a threshold, counting a straddling bucket in proportion (rounded). */
function countAbove(buckets, threshold) {
    let above = 0;
    for (const b of buckets) {
        if (b.lower >= threshold)
            above += b.count;
        else if (b.upper > threshold && Number.isFinite(b.lower) && Number.isFinite(b.upper)) {
            above += (b.count * (b.upper - threshold)) / (b.upper - b.lower);
        }
        else if (b.upper > threshold)
            above += b.count;
    }
    return Math.round(above);
}
/**
 * The finite bucket boundaries of Cloud Monitoring's BucketOptions: N finite buckets give N+1
 * boundaries; bucket 0 is the underflow below the first and bucket N+1 the overflow above the last.
 */
function boundaries(options) {
    const num = (v) => (typeof v === 'number' ? v : Number(v ?? Number.NaN));
    if (options.exponentialBuckets) {
        const n = num(options.exponentialBuckets.numFiniteBuckets);
        const growth = num(options.exponentialBuckets.growthFactor);
        const scale = num(options.exponentialBuckets.scale);
        if (!(n >= 1 && growth > 1 && scale > 0))
            return undefined;
        return Array.from({ length: n + 1 }, (_, i) => scale * growth ** i);
    }
    if (options.linearBuckets) {
        const n = num(options.linearBuckets.numFiniteBuckets);
        const width = num(options.linearBuckets.width);
        const offset = num(options.linearBuckets.offset);
        if (!(n >= 1 && width > 0 && Number.isFinite(offset)))
            return undefined;
        return Array.from({ length: n + 1 }, (_, i) => offset + width * i);
    }
    const bounds = options.explicitBuckets?.bounds?.map(num);
    if (bounds && bounds.length > 0 && bounds.every(Number.isFinite))
        return bounds;
    return undefined;
}
/** Buckets from boundaries and counts (counts may be shorter: trailing zeros are omitted by the API). */
function bucketsFrom(bounds, counts) {
    const out = [];
    for (let i = 0; i <= bounds.length; i++) {
        out.push({
            lower: i === 0 ? Number.NEGATIVE_INFINITY : bounds[i - 1],
            upper: i === bounds.length ? Number.POSITIVE_INFINITY : bounds[i],
            count: counts[i] ?? 0,
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./shared/metrics/cloud-monitoring.ts




const REQUEST_COUNT = 'run.googleapis.com/request_count';
const REQUEST_LATENCIES = 'run.googleapis.com/request_latencies';
const quote = (value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
/** The monitoring filter selecting both revisions of one Cloud Run service for a metric. */
function revisionFilter(metricType, s) {
    return [
        `metric.type = ${quote(metricType)}`,
        'resource.type = "cloud_run_revision"',
        `resource.labels.service_name = ${quote(s.service)}`,
        ...(s.region ? [`resource.labels.location = ${quote(s.region)}`] : []),
        // OR inside parentheses: the filter grammar's documented way to match either of two values.
        `(resource.labels.revision_name = ${quote(s.candidate)} OR resource.labels.revision_name = ${quote(s.baseline)})`,
    ].join(' AND ');
}
const timestamp = (ms) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
/**
 * The ListTimeSeries request for a grid. Cloud Monitoring aligns periods to the interval's end
 * time and labels each point with its period's end, so asking for [start, end] with an end on
 * the grid gives one point per grid interval.
 */
function listRequest(metricType, s, range, groupBy) {
    const steps = Math.floor((range.end - range.start) / range.stepMs);
    return {
        name: `projects/${s.project}`,
        filter: revisionFilter(metricType, s),
        interval: { startTime: timestamp(range.start), endTime: timestamp(range.start + steps * range.stepMs) },
        aggregation: {
            alignmentPeriod: { seconds: Math.max(1, Math.round(range.stepMs / 1000)) },
            perSeriesAligner: 'ALIGN_DELTA',
            crossSeriesReducer: 'REDUCE_SUM',
            groupByFields: groupBy,
        },
        view: 'FULL',
    };
}
function epochMs(ts) {
    const seconds = (0,grid/* toNumber */.Ro)(ts?.seconds);
    if (seconds === undefined || seconds === null)
        return undefined;
    return seconds * 1000 + Math.round(((0,grid/* toNumber */.Ro)(ts?.nanos) ?? 0) / 1e6);
}
/** The grid interval start a point belongs to, from its end time; undefined when off the grid. */
function intervalOf(point, range) {
    const end = epochMs(point.interval?.endTime);
    if (end === undefined)
        return undefined;
    const index = Math.round((end - range.start) / range.stepMs) - 1;
    const start = range.start + index * range.stepMs;
    if (index < 0 || start + range.stepMs > range.end)
        return undefined;
    // Tolerate sub-second jitter only: a point from another alignment is not ours.
    return Math.abs(end - (start + range.stepMs)) < 1000 ? start : undefined;
}
/** A scalar point's number: null when the point holds NaN or no number (a data fault). */
function scalarValue(point) {
    const value = point.value;
    if (!value)
        return null;
    const which = value.value;
    if (which === 'int64Value' || (which == null && value.int64Value != null))
        return (0,grid/* toNumber */.Ro)(value.int64Value) ?? null;
    if (which === 'doubleValue' || (which == null && value.doubleValue !== undefined)) {
        return (0,grid/* toNumber */.Ro)(value.doubleValue) ?? null;
    }
    return null;
}
function armOf(series, arms) {
    const revision = series.resource?.labels?.revision_name ?? series.metric?.labels?.revision_name;
    if (revision === arms.candidate)
        return 'candidate';
    if (revision === arms.baseline)
        return 'baseline';
    return undefined;
}
/**
 * Request and error counts per arm and interval from request_count series grouped by revision
 * and response_code_class. A NaN point in any class makes that interval missing.
 */
function parseRequestCounts(series, range, arms) {
    const out = { candidate: new Map(), baseline: new Map() };
    for (const s of series) {
        const arm = armOf(s, arms);
        if (!arm)
            continue;
        const isError = s.metric?.labels?.response_code_class === '5xx';
        for (const point of s.points ?? []) {
            const start = intervalOf(point, range);
            if (start === undefined)
                continue;
            const value = scalarValue(point);
            const tally = out[arm].get(start) ?? { requests: 0, errors: undefined };
            tally.requests = value === null || tally.requests === null ? null : tally.requests + value;
            if (isError)
                tally.errors = value === null || tally.errors === null ? null : (tally.errors ?? 0) + value;
            out[arm].set(start, tally);
        }
    }
    return out;
}
/** p95 and slow counts per arm and interval from request_latencies distributions (ms). */
function parseLatencies(series, range, arms, slowThresholdsMs) {
    const out = { candidate: new Map(), baseline: new Map() };
    for (const s of series) {
        const arm = armOf(s, arms);
        if (!arm)
            continue;
        for (const point of s.points ?? []) {
            const start = intervalOf(point, range);
            const distribution = point.value?.distributionValue;
            if (start === undefined || !distribution?.bucketOptions)
                continue;
            const bounds = boundaries(distribution.bucketOptions);
            const counts = (distribution.bucketCounts ?? []).map((c) => (0,grid/* toNumber */.Ro)(c) ?? Number.NaN);
            if (!bounds || !counts.every(Number.isFinite))
                continue;
            const buckets = bucketsFrom(bounds, counts);
            const p95 = quantile(buckets, 0.95);
            if (!Number.isFinite(p95))
                continue;
            out[arm].set(start, { p95LatencyMs: p95, slow: slowThresholdsMs.map((t) => countAbove(buckets, t)) });
        }
    }
    return out;
}
class CloudMonitoringSource {
    settings;
    client;
    name = 'cloud-monitoring';
    constructor(settings, client) {
        this.settings = settings;
        this.client = client;
    }
    async counts(range, signal) {
        const s = this.settings;
        // Retries are ours (shared/retry.ts around each poll), so the client's own are off: one
        // place decides how long a poll may take.
        const options = { autoPaginate: true, timeout: s.requestTimeoutMs, maxRetries: 0 };
        const requestsCall = this.client.listTimeSeries(listRequest(REQUEST_COUNT, s, range, [
            'resource.labels.revision_name',
            'metric.labels.response_code_class',
        ]), options);
        const latencyCall = s.latency
            ? this.client.listTimeSeries(listRequest(REQUEST_LATENCIES, s, range, ['resource.labels.revision_name']), options)
            : undefined;
        const [[requestSeries], latencyResult] = await Promise.all([requestsCall, latencyCall]);
        signal.throwIfAborted();
        const tallies = parseRequestCounts(requestSeries, range, s);
        const latency = latencyResult
            ? parseLatencies(latencyResult[0], range, s, s.slowThresholdsMs)
            : undefined;
        return (0,grid/* assemble */.fT)(range, (arm, start) => {
            const tally = tallies[arm].get(start);
            if (!tally)
                return (0,grid/* missingArm */.fW)();
            const figures = latency?.[arm].get(start);
            return (0,grid/* armFromValues */.DU)(tally.requests, tally.errors, figures ?? {});
        });
    }
}
/** Builds the REST client (lazily imported: only this path pays for it). */
async function createCloudMonitoringSource(settings) {
    if (!settings.emulatorHost)
        await (0,credentials/* requireGoogleCredentials */.VR)();
    const [{ MetricServiceClient }, gax] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(775), __webpack_require__.e(232), __webpack_require__.e(172)]).then(__webpack_require__.bind(__webpack_require__, 83172)),
        Promise.all(/* import() */[__webpack_require__.e(492), __webpack_require__.e(775)]).then(__webpack_require__.t.bind(__webpack_require__, 9592, 23)),
    ]);
    const options = { fallback: true, ...user_agent/* GOOGLE_CLIENT_LIBRARY */.Yp };
    if (settings.emulatorHost) {
        const { hostname, port } = new URL(`http://${settings.emulatorHost}`);
        Object.assign(options, {
            protocol: 'http',
            apiEndpoint: hostname,
            port: Number(port),
            authClient: anonymousAuthClient(),
        });
    }
    // Handing over gax's REST-only module keeps the gRPC stack from loading at all.
    const client = new MetricServiceClient(options, gax);
    return new CloudMonitoringSource(settings, client);
}
/**
 * An auth client that adds no credentials, for a loopback emulator only (the caller checks the
 * host): gax's REST transport needs `fetch` and `getRequestHeaders`.
 */
function anonymousAuthClient() {
    return {
        getRequestHeaders: async () => new Headers(),
        fetch: (input, init) => fetch(input, init),
        request: async () => {
            throw new Error('anonymous emulator client: no token requests');
        },
    };
}


/***/ })

};
;