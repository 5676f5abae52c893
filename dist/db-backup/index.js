/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({

/***/ 1920:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  cr: () => (/* binding */ FifoWriter),
  Hy: () => (/* binding */ endEveryTool),
  SG: () => (/* binding */ findTool),
  F0: () => (/* binding */ makeFifo),
  LW: () => (/* binding */ postgresFolders),
  kY: () => (/* binding */ privateTempFolder),
  ay: () => (/* binding */ releaseFifo),
  $e: () => (/* binding */ releaseUntilOpened),
  _b: () => (/* binding */ removePath),
  qI: () => (/* binding */ runTool),
  uQ: () => (/* binding */ toolEnvironment),
  Lu: () => (/* binding */ toolFailure),
  WT: () => (/* binding */ toolOutput),
  A3: () => (/* binding */ writeCredentialsFile)
});

// UNUSED EXPORTS: MissingToolError, assertSucceeded

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: external "node:readline"
const external_node_readline_namespaceObject = require("node:readline");
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
// EXTERNAL MODULE: ./shared/errors.ts
var errors = __nccwpck_require__(2635);
// EXTERNAL MODULE: ./shared/mask.ts
var mask = __nccwpck_require__(7588);
;// CONCATENATED MODULE: ./shared/backup/tools.ts
/**
 * Running the database client tools: found on PATH (or in Debian's versioned PostgreSQL folders),
 * spawned with argument arrays and an environment stripped of anything secret, their stderr kept
 * short and redacted for error messages. Every tool and FIFO is recorded, so that whatever fails
 * (a store, a tool, a cancellation), `endEveryTool` ends them all before the step ends.
 */









const STDERR_TAIL_LINES = 20;
/** A tool that is missing, with the package that provides it. */
class MissingToolError extends errors/* ActionError */.lZ {
}
function isExecutable(path) {
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
function findTool(search, env = process.env) {
    const folders = [...(env.PATH ?? '').split(external_node_path_.delimiter).filter(Boolean), ...(search.extraFolders ?? [])];
    for (const name of search.names) {
        for (const folder of folders) {
            const path = (0,external_node_path_.join)(folder, name);
            if (isExecutable(path))
                return path;
        }
    }
    throw new MissingToolError(`${search.names.join(' or ')} not found on PATH: ${search.installHint}`);
}
/** Debian/Ubuntu install PostgreSQL clients under /usr/lib/postgresql/<major>/bin; newest first. */
function postgresFolders(root = '/usr/lib/postgresql') {
    try {
        return (0,external_node_fs_.readdirSync)(root)
            .filter((name) => /^\d+$/.test(name))
            .sort((a, b) => Number(b) - Number(a))
            .map((major) => (0,external_node_path_.join)(root, major, 'bin'));
    }
    catch {
        return [];
    }
}
/**
 * The environment the tools run with: the runner's own, minus every action input (INPUT_* holds
 * the password and database URL) and minus the variables through which the tools would accept a
 * password, plus what the engine adds (e.g. PGPASSFILE).
 */
function toolEnvironment(extra, env = process.env) {
    const clean = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined)
            continue;
        if (/^INPUT_/i.test(name))
            continue;
        if (/^(PGPASSWORD|PGPASSFILE|PGSERVICEFILE|MYSQL_PWD|DATABASE_URL)$/i.test(name))
            continue;
        clean[name] = value;
    }
    return { ...clean, ...extra };
}
/** How long a tool asked to stop (SIGTERM) may take before it is killed (SIGKILL). */
const STOP_GRACE_MS = 5_000;
/** The tools still running and the FIFOs still present: what `endEveryTool` ends. */
const running = new Set();
const fifos = new Set();
/** Runs a tool to its end; never throws on a non-zero exit (callers decide what it means). */
function runTool(run) {
    const tool = run.path.split('/').pop() ?? run.path;
    return new Promise((resolve) => {
        const tail = [];
        const child = (0,external_node_child_process_.spawn)(run.path, run.args, { env: run.env, stdio: ['ignore', 'pipe', 'pipe'] });
        running.add(child);
        (0,external_node_readline_namespaceObject.createInterface)({ input: child.stderr, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
            tail.push(line);
            if (tail.length > STDERR_TAIL_LINES)
                tail.shift();
        });
        if (run.onStdoutLine) {
            (0,external_node_readline_namespaceObject.createInterface)({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on('line', run.onStdoutLine);
        }
        else
            child.stdout.resume();
        const onAbort = () => stopTool(child);
        run.signal?.addEventListener('abort', onAbort, { once: true });
        if (run.signal?.aborted)
            onAbort();
        let spawnError;
        child.once('error', (err) => {
            spawnError = err;
        });
        // 'close' comes after the tool exited and its output was read to the end.
        child.once('close', (code) => {
            running.delete(child);
            run.signal?.removeEventListener('abort', onAbort);
            if (spawnError && code === null && child.pid === undefined)
                tail.push(`could not start: ${spawnError.message}`);
            resolve({
                tool,
                exitCode: spawnError && child.pid === undefined ? -1 : code,
                stderrTail: (0,mask/* redact */.E$)(tail.join('\n'), run.secrets),
            });
        });
    });
}
/** Asks a tool to stop, and kills it if it has not within the grace period. */
function stopTool(child) {
    if (child.exitCode !== null || child.signalCode !== null)
        return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    timer.unref();
    child.once('exit', () => clearTimeout(timer));
}
/**
 * Ends every tool still running and opens both ends of every FIFO still present, so that no
 * child, pipe or pending open outlives the step: called when a session closes, whatever failed.
 * Resolves once every tool has exited.
 */
async function endEveryTool() {
    const exits = [...running].map((child) => new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null)
            return resolve();
        child.once('exit', () => resolve());
        stopTool(child);
    }));
    // Our own pending opens of a FIFO whose tool is gone return once the other end opens.
    for (const fifo of fifos) {
        await releaseFifo(fifo, 'reader');
        await releaseFifo(fifo, 'writer');
    }
    await Promise.all(exits);
}
/** Runs a tool and returns its stdout; a non-zero exit throws with its stderr. */
async function toolOutput(run) {
    const lines = [];
    const outcome = await runTool({ ...run, onStdoutLine: (line) => lines.push(line) });
    assertSucceeded(outcome);
    return lines.join('\n');
}
function assertSucceeded(outcome) {
    if (outcome.exitCode !== 0)
        throw toolFailure(outcome);
}
/** A private (0700) folder in RUNNER_TEMP for credentials files and FIFOs; removed by the caller. */
async function privateTempFolder(env = process.env) {
    const folder = await (0,promises_.mkdtemp)((0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'db-backup-'));
    await (0,promises_.chmod)(folder, 0o700);
    return folder;
}
/** Writes a credentials file readable by its owner only; created exclusively, never overwritten. */
async function writeCredentialsFile(path, content) {
    await (0,promises_.writeFile)(path, content, { mode: 0o600, flag: 'wx' });
}
async function removePath(path) {
    await (0,promises_.rm)(path, { recursive: true, force: true });
    for (const fifo of fifos)
        if (fifo === path || fifo.startsWith(`${path}/`))
            fifos.delete(fifo);
}
const MKFIFO = { names: ['mkfifo'], installHint: 'install coreutils' };
/**
 * A named pipe: the tools write their archive into it (or read one from it) as if it were a file,
 * and the kernel's pipe buffer applies backpressure, so memory stays bounded whatever the size.
 */
async function makeFifo(path) {
    const outcome = await runTool({
        path: findTool(MKFIFO),
        args: ['-m', '600', path],
        env: toolEnvironment({}),
        secrets: [],
    });
    assertSucceeded(outcome);
    fifos.add(path);
}
/**
 * Opening one end of a FIFO blocks until the other end opens. When a tool exits without ever
 * opening its end (bad credentials, a crash), this opens and closes that end so our side's open
 * returns and sees end of file (reading) or EPIPE (writing).
 */
async function releaseFifo(path, ourSide) {
    const flags = ourSide === 'reader'
        ? external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_NONBLOCK
        : external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK;
    try {
        const handle = await (0,promises_.open)(path, flags);
        await handle.close();
    }
    catch {
        // ENXIO: nobody is waiting on the other end, which is what we wanted.
    }
}
/**
 * Releases our pending open of a FIFO until it has returned. One release is not enough: our
 * open() runs on a worker thread, and may start after a release made just before it, then wait
 * for a partner forever (and a process cannot exit while a worker thread is blocked).
 */
async function releaseUntilOpened(path, ourSide, opened) {
    let settled = false;
    void opened.then(() => (settled = true), () => (settled = true));
    for (let tries = 0; !settled && tries < 1_000; tries++) {
        await releaseFifo(path, ourSide);
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}
/**
 * A writable into a FIFO that a tool reads. A tool may stop reading early on purpose (pg_restore
 * --list reads only the table of contents); the rest of the stream is then discarded, so the
 * stream's checksum still covers every byte. A tool that fails is reported by `toolDone`.
 */
class FifoWriter extends external_node_stream_.Writable {
    path;
    toolDone;
    handle;
    readerGone = false;
    constructor(path, toolDone) {
        super({ highWaterMark: 1 << 20 });
        this.path = path;
        this.toolDone = toolDone;
    }
    _construct(callback) {
        const opening = (0,promises_.open)(this.path, external_node_fs_.constants.O_WRONLY);
        // A tool that ends without opening its end (killed, failed to start) must not leave us waiting.
        void this.toolDone.then(() => releaseUntilOpened(this.path, 'writer', opening));
        opening.then((handle) => {
            this.handle = handle;
            callback();
        }, (err) => callback(err));
    }
    _write(chunk, _encoding, callback) {
        if (this.readerGone || !this.handle) {
            callback();
            return;
        }
        this.handle.write(chunk).then(() => callback(), (err) => {
            if (err.code !== 'EPIPE')
                return callback(err);
            this.readerGone = true;
            // The tool closed its end: fine if it succeeded, the reason for failing if it did not.
            this.toolDone.then((outcome) => {
                if (outcome.exitCode === 0)
                    callback();
                else
                    callback(toolFailure(outcome));
            }, callback);
        });
    }
    _final(callback) {
        this.closeHandle().then(() => callback(), callback);
    }
    _destroy(error, callback) {
        this.closeHandle().then(() => callback(error), () => callback(error));
    }
    async closeHandle() {
        const handle = this.handle;
        this.handle = undefined;
        await handle?.close();
    }
}
function toolFailure(outcome) {
    // @actions/exec reports a tool killed by a signal with a null exit code.
    const how = outcome.exitCode === null ? 'was killed by a signal' : `failed with exit code ${outcome.exitCode}`;
    return new errors/* ActionError */.lZ(`${outcome.tool} ${how}${outcome.stderrTail ? `: ${outcome.stderrTail}` : ''}`);
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

/***/ 7588:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $l: () => (/* binding */ maskSecret),
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Q3: () => (/* binding */ withoutUserinfo)
/* harmony export */ });
/* unused harmony export derivedForms */
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

/***/ 6466:
/***/ ((module) => {

module.exports = require("node:stream/promises");

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

/***/ 4584:
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
/******/ 			// no module.id needed
/******/ 			// no module.loaded needed
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
;// CONCATENATED MODULE: ./shared/backup/metadata.ts
const METADATA_SUFFIX = '.meta.json';
/** Beside a backup's final name: where it is uploaded and verified before it gets that name. */
const PENDING_MARK = '.pending-';
function pendingKey(dataKey) {
    const slash = dataKey.lastIndexOf('/') + 1;
    return `${dataKey.slice(0, slash)}${PENDING_MARK}${dataKey.slice(slash)}`;
}
function metadataKey(dataKey) {
    return `${dataKey}${METADATA_SUFFIX}`;
}
const ENGINES = new Set(['postgres', 'mysql']);
const FORMATS = new Set(['custom', 'directory', 'sql']);
const COMPRESSIONS = new Set(['zstd', 'gzip', 'none']);
const LEVELS = new Set(['list', 'full', 'restore']);
/** Parses a sidecar; throws with the reason when it is not one of ours or is malformed. */
function parseMetadata(text) {
    const value = JSON.parse(text);
    const problems = [];
    if (value.schema !== 'rollout-actions/db-backup/v1')
        problems.push('schema');
    if (!ENGINES.has(String(value.engine)))
        problems.push('engine');
    if (!FORMATS.has(String(value.format)))
        problems.push('format');
    if (!COMPRESSIONS.has(String(value.compression)))
        problems.push('compression');
    if (!LEVELS.has(String(value.verified)))
        problems.push('verified');
    if (typeof value.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(value.sha256))
        problems.push('sha256');
    if (typeof value.size !== 'number' || value.size < 0)
        problems.push('size');
    if (typeof value.database !== 'string')
        problems.push('database');
    if (typeof value.key !== 'string' || value.key === '')
        problems.push('key');
    if (typeof value.created !== 'string' || Number.isNaN(Date.parse(value.created)))
        problems.push('created');
    if (problems.length > 0)
        throw new Error(`malformed backup metadata (${problems.join(', ')})`);
    return value;
}
/** The folder (key prefix) holding every backup of one database under a destination prefix. */
function backupFolder(prefix, database) {
    return `${prefix}${database.replace(/[^A-Za-z0-9._-]/g, '_')}/`;
}
/**
 * The key of a new backup: `<prefix><database>/<UTC timestamp>-<engine>.<ext><compression ext>`.
 * The timestamp sorts lexically; the random suffix keeps two runs in the same second apart.
 */
function backupKey(options) {
    const stamp = options.now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
    const extension = { custom: 'dump', directory: 'tar', sql: 'sql' }[options.format];
    return `${backupFolder(options.prefix, options.database)}${stamp}-${options.unique}-${options.engine}.${extension}${options.compressionExtension}`;
}

;// CONCATENATED MODULE: ./shared/backup/catalog.ts

async function readText(store, key, signal) {
    const chunks = [];
    for await (const chunk of await store.get(key, signal))
        chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
}
/** Verified backups of one database under a prefix: those whose sidecar exists and parses. */
async function listVerified(store, prefix, filter, signal, onProblem = () => undefined) {
    const objects = await store.list(prefix);
    const keys = new Set(objects.map((o) => o.key));
    const found = [];
    for (const object of objects) {
        if (!object.key.endsWith(METADATA_SUFFIX))
            continue;
        let metadata;
        try {
            metadata = parseMetadata(await readText(store, object.key, signal));
        }
        catch (err) {
            onProblem(`ignoring ${object.uri}: ${err.message}`);
            continue;
        }
        if (metadataKey(metadata.key) !== object.key || !keys.has(metadata.key)) {
            onProblem(`ignoring ${object.uri}: its data object is missing`);
            continue;
        }
        if (metadata.engine === filter.engine && metadata.database === filter.database)
            found.push(metadata);
    }
    return found.sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || b.key.localeCompare(a.key));
}
/** Removes a backup: the sidecar first, so that a half-done removal leaves nothing that counts. */
async function removeBackup(store, metadata) {
    await store.delete(metadataKey(metadata.key));
    await store.delete(metadata.key);
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
;// CONCATENATED MODULE: ./shared/backup/compression.ts


/** zstd level 3 (its default) compresses about as well as gzip -6 at several times the speed. */
const ZSTD_LEVEL = 3;
const GZIP_LEVEL = 6;
const CHUNK = 64 * 1024;
function compressor(compression) {
    switch (compression) {
        case 'zstd':
            return (0,external_node_zlib_.createZstdCompress)({
                chunkSize: CHUNK,
                params: { [external_node_zlib_.constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL },
            });
        case 'gzip':
            return (0,external_node_zlib_.createGzip)({ level: GZIP_LEVEL, chunkSize: CHUNK });
        case 'none':
            return new external_node_stream_.PassThrough({ highWaterMark: CHUNK });
    }
}
function decompressor(compression) {
    switch (compression) {
        case 'zstd':
            return (0,external_node_zlib_.createZstdDecompress)({ chunkSize: CHUNK });
        case 'gzip':
            return (0,external_node_zlib_.createGunzip)({ chunkSize: CHUNK });
        case 'none':
            return new external_node_stream_.PassThrough({ highWaterMark: CHUNK });
    }
}
function compressionExtension(compression) {
    return { zstd: '.zst', gzip: '.gz', none: '' }[compression];
}

;// CONCATENATED MODULE: ./shared/backup/engines.ts
/** Finds the engine's tools and writes its credentials file; the caller must close() the session. */
async function openEngine(engine, connection, env = process.env) {
    if (engine === 'postgres') {
        const { openPostgres } = await __nccwpck_require__.e(/* import() */ 570).then(__nccwpck_require__.bind(__nccwpck_require__, 9570));
        return openPostgres(connection, env);
    }
    const { openMysql } = await __nccwpck_require__.e(/* import() */ 203).then(__nccwpck_require__.bind(__nccwpck_require__, 2203));
    return openMysql(connection, env);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __nccwpck_require__(6466);
;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = require("node:v8");
;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = require("node:vm");
;// CONCATENATED MODULE: ./shared/backup/memory.ts
/**
 * Keeps the memory of a long stream bounded. Every chunk that flows through the pipeline is a
 * Buffer whose bytes live outside the JS heap; V8 frees them only after a collection, and it
 * starts one for such memory only once ~64 MB of it has piled up since the last. With the
 * process's own ~65 MB that alone would take most of the 150 MB budget, so after every
 * COLLECT_EVERY_BYTES that passed we ask for a collection ourselves (asynchronously, so the stream
 * does not wait for it).
 */


const COLLECT_EVERY_BYTES = 16 * 1024 * 1024;
let collector;
function gcFunction() {
    if (collector !== undefined)
        return collector;
    try {
        // --expose-gc applies to contexts created after it is set: a fresh context carries `gc`.
        (0,external_node_v8_namespaceObject.setFlagsFromString)('--expose-gc');
        const gc = (0,external_node_vm_namespaceObject.runInNewContext)('gc');
        collector = typeof gc === 'function' ? gc : null;
    }
    catch {
        collector = null;
    }
    return collector;
}
/** Counts bytes and requests a collection every COLLECT_EVERY_BYTES. */
class GarbageBudget {
    sinceLast = 0;
    account(bytes) {
        this.sinceLast += bytes;
        if (this.sinceLast < COLLECT_EVERY_BYTES)
            return;
        this.sinceLast = 0;
        const gc = gcFunction();
        if (gc)
            void Promise.resolve(gc({ type: 'major', execution: 'async' })).catch(() => undefined);
    }
}

// EXTERNAL MODULE: ./shared/backup/tools.ts + 1 modules
var tools = __nccwpck_require__(1920);
;// CONCATENATED MODULE: ./shared/backup/pipeline.ts
/**
 * The streaming paths between a database tool and a store, with bounded memory:
 *   backup:    dump tool → FIFO → completion gate → compression → SHA-256 → store.put
 *   read back: store.get → SHA-256 → decompression → a sink (table of contents, restore) or nothing
 * No stage holds more than a few MiB; the FIFO's kernel buffer makes the dump tool wait for us.
 */








const READ_CHUNK = 256 * 1024;
const PIPE_CHUNK = 64 * 1024;
/** How long a dump tool may take to exit once its output is gone before we stop waiting. */
const TOOL_EXIT_GRACE_MS = 15_000;
/** Counts and hashes the bytes that pass through it. */
class Digest extends external_node_stream_.Transform {
    hash = (0,external_node_crypto_.createHash)('sha256');
    budget = new GarbageBudget();
    bytes = 0;
    hex;
    _transform(chunk, _encoding, callback) {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        this.budget.account(chunk.length);
        callback(null, chunk);
    }
    /** The SHA-256 in hex; only once the stream has ended. */
    sha256() {
        this.hex ??= this.hash.digest('hex');
        return this.hex;
    }
}
/**
 * Lets the stream end only once the dump tool has exited successfully and the archive's tail
 * shows it is complete: an object is committed by the store only when its body ends cleanly, so
 * a failed dump can never be stored under its final name.
 */
class CompletionGate extends external_node_stream_.Transform {
    toolDone;
    checkComplete;
    tail = Buffer.alloc(0);
    budget = new GarbageBudget();
    constructor(toolDone, checkComplete) {
        super({ highWaterMark: READ_CHUNK });
        this.toolDone = toolDone;
        this.checkComplete = checkComplete;
    }
    _transform(chunk, _encoding, callback) {
        this.budget.account(chunk.length);
        this.tail = Buffer.concat([this.tail, chunk.subarray(-1024)]).subarray(-1024);
        callback(null, chunk);
    }
    _flush(callback) {
        this.toolDone.then((outcome) => {
            if (outcome.exitCode !== 0)
                return callback((0,tools/* toolFailure */.Lu)(outcome));
            try {
                this.checkComplete(this.tail);
                callback();
            }
            catch (err) {
                callback(err);
            }
        }, (err) => callback(err));
    }
}
async function streamBackup(request) {
    const folder = await (0,tools/* privateTempFolder */.kY)(request.env);
    const fifo = (0,external_node_path_.join)(folder, 'dump.fifo');
    try {
        await (0,tools/* makeFifo */.F0)(fifo);
        const toolDone = request.session.dump(fifo, request.dump, request.signal);
        // A pipe hands over at most 64 KiB per read; asking for more only allocates buffers to discard.
        const archive = (0,external_node_fs_.createReadStream)(fifo, { highWaterMark: PIPE_CHUNK });
        const opened = new Promise((resolve) => {
            archive.once('open', () => resolve()).once('close', () => resolve());
        });
        // A tool that exits without opening the FIFO would leave our open() waiting forever.
        void toolDone.then(() => (0,tools/* releaseUntilOpened */.$e)(fifo, 'reader', opened));
        const digest = new Digest({ highWaterMark: READ_CHUNK });
        const flowing = (0,promises_.pipeline)(archive, new CompletionGate(toolDone, (tail) => request.session.checkComplete(tail)), compressor(request.compression), digest, { signal: request.signal });
        const putting = request.store.put(request.key, digest, {
            signal: request.signal,
            contentType: request.compression === 'none' ? 'application/octet-stream' : `application/${request.compression}`,
        });
        // If the store fails first, stop the dump: destroying the digest unwinds the pipeline,
        // closes the FIFO and the tool gets EPIPE.
        putting.catch((err) => digest.destroy(err));
        const [flowed, put] = await Promise.allSettled([flowing, putting]);
        if (flowed.status === 'rejected' || put.status === 'rejected') {
            await (0,tools/* releaseFifo */.ay)(fifo, 'writer');
            await settledWithin(toolDone, TOOL_EXIT_GRACE_MS).catch(() => undefined);
            throw firstCause(flowed, put);
        }
        return { object: put.value, sha256: digest.sha256(), size: digest.bytes };
    }
    finally {
        await (0,tools/* removePath */._b)(folder);
    }
}
/** The error worth reporting: the tool's or the data's own failure rather than its echo downstream. */
function firstCause(flowed, put) {
    if (flowed.status === 'rejected') {
        const code = flowed.reason.code;
        const echo = code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ABORT_ERR';
        if (!echo || put.status !== 'rejected')
            return flowed.reason;
    }
    return put.status === 'rejected' ? put.reason : undefined;
}
/**
 * Reads a stored object back, hashing every byte, and feeds it decompressed to a sink when one is
 * given. With `stopAtSink`, reading stops as soon as the sink has its answer (a table of contents
 * is at the start of the archive); the checksum is then not known.
 */
async function readBack(request) {
    let source;
    try {
        source = await request.store.get(request.key, request.signal);
    }
    catch (err) {
        // The sink's tool is already waiting on its FIFO: end it, or it (and the step) waits forever.
        if (request.sink)
            await abandon(request.sink);
        throw err;
    }
    const digest = new Digest({ highWaterMark: READ_CHUNK });
    if (!request.sink) {
        await (0,promises_.pipeline)(source, digest, discard(), { signal: request.signal });
        return { sha256: digest.sha256(), size: digest.bytes, value: undefined };
    }
    const sink = request.sink;
    const flowing = (0,promises_.pipeline)(source, digest, decompressor(request.compression), sink.writable, {
        signal: request.signal,
    });
    flowing.catch(() => undefined);
    if (request.stopAtSink) {
        const first = await Promise.race([
            sink.done.then((value) => ({ sinkFirst: true, value })),
            flowing.then(() => ({ sinkFirst: false, value: undefined })),
        ]);
        if (first.sinkFirst) {
            source.destroy();
            await flowing.catch(() => undefined);
            return { sha256: '', size: digest.bytes, value: first.value };
        }
    }
    try {
        await flowing;
    }
    catch (err) {
        // The sink's own verdict (a tool's stderr) explains more than a closed pipe does.
        await abandon(sink);
        await settledWithin(sink.done, TOOL_EXIT_GRACE_MS);
        throw err;
    }
    const value = await sink.done;
    return { sha256: digest.sha256(), size: digest.bytes, value };
}
/**
 * Closes a sink whose archive will not come: its tool sees the end of its input and exits (a
 * tool that does not is ended by the session's close). Waits a while for its verdict.
 */
async function abandon(sink) {
    // Without an error: nobody listens to the sink's 'error' any more; the caller reports the cause.
    sink.writable.destroy();
    await settledWithin(sink.done, TOOL_EXIT_GRACE_MS).catch(() => undefined);
}
/** Resolves or rejects as `promise` does if it settles within `ms`; resolves otherwise. */
async function settledWithin(promise, ms) {
    return Promise.race([promise, sleep(ms).then(() => undefined)]);
}
function discard() {
    return new external_node_stream_.Writable({
        highWaterMark: READ_CHUNK,
        write: (_chunk, _encoding, callback) => callback(),
    });
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

;// CONCATENATED MODULE: ./shared/backup/retention.ts
function selectForRemoval(backups, policy, now, protectedKeys = []) {
    if (policy.count === undefined && policy.days === undefined)
        return [];
    const newestFirst = [...backups].sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || b.key.localeCompare(a.key));
    const cutoff = policy.days === undefined ? undefined : now.getTime() - policy.days * 86_400_000;
    return newestFirst.filter((backup, index) => {
        if (index === 0 || protectedKeys.includes(backup.key))
            return false;
        const keptByCount = policy.count !== undefined && index < policy.count;
        const keptByAge = cutoff !== undefined && Date.parse(backup.created) >= cutoff;
        return !keptByCount && !keptByAge;
    });
}

// EXTERNAL MODULE: ./shared/errors.ts
var errors = __nccwpck_require__(2635);
// EXTERNAL MODULE: ./shared/mask.ts
var mask = __nccwpck_require__(7588);
;// CONCATENATED MODULE: ./shared/clock.ts
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

;// CONCATENATED MODULE: ./shared/summary.ts
/**
 * Escapes text that is not ours (a reason, a version, a server's answer) so Markdown and HTML show
 * it as typed: HTML becomes entities (no `</details>`, no tags), and the characters of inline
 * Markdown (links, images, emphasis, code spans, strikethrough, table pipes) are backslash-escaped
 * (CommonMark: any ASCII punctuation may be). Line breaks become `<br>`, so no line of it can
 * start a heading, a list, a quote or a fence; a bare URL stays readable text with its
 * destination in plain sight.
 */
function summary_text(value) {
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
    return summary_text(value);
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
    return `${'#'.repeat(level)} ${summary_text(title.replace(/[\r\n]+/g, ' '))}`;
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

;// CONCATENATED MODULE: ./shared/run.ts



/**
 * The one failure path of every action: errors become `<action>: <message>` annotations and exit
 * code 1; a stack trace is printed only for unexpected errors and only with debug logging on.
 */
async function runAction(actionName, body, options) {
    // Every summary an action writes stays within what GitHub shows (shared/summary.ts).
    const core = { ...options.core, summary: cappedSummary(options.core.summary) };
    const controller = new AbortController();
    const reports = [];
    const onSignal = (signal) => {
        if (controller.signal.aborted)
            return;
        core.warning(`${actionName}: received ${signal}; no new changes will start`);
        controller.abort(new errors/* CancelledError */.cc(`cancelled by ${signal}`));
    };
    if (options.handleSignals ?? true) {
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
    }
    try {
        await body({
            core,
            clock: options.clock ?? systemClock,
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
                core.warning(`${actionName}: could not report the last known state: ${(0,errors/* errorMessage */.gJ)(reportErr)}`);
            }
        }
        const cancelled = err instanceof errors/* CancelledError */.cc || controller.signal.aborted;
        const message = cancelled && !(err instanceof errors/* CancelledError */.cc) ? `cancelled: ${(0,errors/* errorMessage */.gJ)(err)}` : (0,errors/* errorMessage */.gJ)(err);
        if (!(0,errors/* isExpectedError */.BI)(err) && err instanceof Error && err.stack && core.isDebug())
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
        throw signal.reason instanceof errors/* CancelledError */.cc ? signal.reason : new errors/* CancelledError */.cc();
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
;// CONCATENATED MODULE: ./shared/credentials.ts
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
    return new errors/* ActionError */.lZ(`no Google credentials found (${why}): ${GOOGLE_AUTH_STEP}`);
}
function missingAwsCredentials(why) {
    return new errors/* ActionError */.lZ(`no AWS credentials found (${why}): ${AWS_AUTH_STEP}`);
}
const isReadableFile = (path) => {
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.R_OK);
        return (0,external_node_fs_.statSync)(path).isFile();
    }
    catch {
        return false;
    }
};
/** gcloud's application default credentials file, where google-auth-library looks for it. */
function wellKnownFile(env) {
    const configDir = env.CLOUDSDK_CONFIG ||
        (process.platform === 'win32'
            ? env.APPDATA && (0,external_node_path_.join)(env.APPDATA, 'gcloud')
            : env.HOME && (0,external_node_path_.join)(env.HOME, '.config', 'gcloud'));
    return configDir ? (0,external_node_path_.join)(configDir, 'application_default_credentials.json') : undefined;
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
                throw missingAwsCredentials((0,errors/* errorMessage */.gJ)(err));
            }),
            timeout,
        ]);
    }
    finally {
        clearTimeout(timer);
    }
}

;// CONCATENATED MODULE: ./shared/aws/clients.ts
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
        throw new errors/* ActionError */.lZ(`${AWS_ENDPOINT_ENV} is not a URL: ${raw}`);
    }
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
        throw new errors/* ActionError */.lZ(`${AWS_ENDPOINT_ENV} is for tests against a local emulator and must be a loopback URL`);
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
    await requireAwsCredentials(client);
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

;// CONCATENATED MODULE: ./shared/stores/clients.ts



const S3_ENDPOINT_ENV = 'ROLLOUT_ACTIONS_TEST_S3_ENDPOINT';
const GCS_ENDPOINT_ENV = 'ROLLOUT_ACTIONS_TEST_GCS_ENDPOINT';
/** Retries the SDKs do themselves, per request: standard mode, three tries. */
const SDK_MAX_ATTEMPTS = 3;
async function buildS3Client(identity, env = process.env) {
    const { S3Client: Client } = await __nccwpck_require__.e(/* import() */ 711).then(__nccwpck_require__.t.bind(__nccwpck_require__, 3711, 19));
    const endpoint = env[S3_ENDPOINT_ENV];
    return createCheckedAwsClient(Client, {
        // S3 finds a bucket in any region from this one; the SDK would refuse to start without any.
        region: regionFrom(undefined, env) ?? 'us-east-1',
        userAgent: userAgent(identity.action, env),
        maxAttempts: SDK_MAX_ATTEMPTS,
        ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    }, env);
}
async function buildGcsClient(identity, env = process.env) {
    const { Storage: Client, IdempotencyStrategy } = await Promise.all(/* import() */[__nccwpck_require__.e(492), __nccwpck_require__.e(669), __nccwpck_require__.e(923)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3923));
    const endpoint = env[GCS_ENDPOINT_ENV];
    if (!endpoint)
        await requireGoogleCredentials(env);
    return new Client({
        userAgent: userAgent(identity.action, env),
        retryOptions: {
            autoRetry: true,
            maxRetries: SDK_MAX_ATTEMPTS - 1,
            retryDelayMultiplier: 2,
            maxRetryDelay: 16,
            totalTimeout: 300,
            // Uploads carry ifGenerationMatch=0, which makes them safe to retry.
            idempotencyStrategy: IdempotencyStrategy.RetryConditional,
        },
        ...(endpoint ? { apiEndpoint: endpoint, projectId: 'test-project' } : {}),
    });
}

;// CONCATENATED MODULE: ./shared/stores/index.ts
/**
 * createBackupStore(uri): a BackupStore for s3://bucket/prefix, gs://bucket/prefix or
 * file:///folder, plus the key prefix the URI names. Each cloud SDK is imported only when its
 * scheme is used.
 */


/** Splits a destination URI; throws a plain Error with the reason (callers wrap it in an InputError). */
function parseDestination(uri) {
    let url;
    try {
        url = new URL(uri);
    }
    catch {
        throw new Error(`"${uri}" is not a URI`);
    }
    const scheme = url.protocol.slice(0, -1);
    if (scheme === 'file') {
        if (url.host !== '')
            throw new Error('a file:// URI must be absolute (file:///path)');
        return { scheme, container: (0,external_node_url_.fileURLToPath)(url), prefix: '' };
    }
    if (scheme !== 's3' && scheme !== 'gs')
        throw new Error(`scheme "${scheme}:" is not one of s3:, gs:, file:`);
    if (!url.hostname)
        throw new Error('the bucket name is missing');
    const path = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    return { scheme, container: url.hostname, prefix: path === '' || path.endsWith('/') ? path : `${path}/` };
}
async function createBackupStore(uri, options) {
    const destination = parseDestination(uri);
    const kms = options.kmsKey ? { kmsKey: options.kmsKey } : {};
    switch (destination.scheme) {
        case 'file': {
            const { LocalDirectoryStore } = await __nccwpck_require__.e(/* import() */ 86).then(__nccwpck_require__.bind(__nccwpck_require__, 9086));
            return { store: new LocalDirectoryStore(destination.container), prefix: '' };
        }
        case 's3': {
            const { S3Store } = await __nccwpck_require__.e(/* import() */ 995).then(__nccwpck_require__.bind(__nccwpck_require__, 4995));
            const client = await buildS3Client(options.identity, options.env);
            return {
                store: new S3Store({ client, bucket: destination.container, ...kms }),
                prefix: destination.prefix,
            };
        }
        case 'gs': {
            const { GcsStore } = await __nccwpck_require__.e(/* import() */ 614).then(__nccwpck_require__.bind(__nccwpck_require__, 614));
            const client = await buildGcsClient(options.identity, options.env);
            return {
                store: new GcsStore({ client, bucket: destination.container, ...kms }),
                prefix: destination.prefix,
            };
        }
    }
}
/** The store holding one object, and the object's key in it (for `restore-from: <uri>`). */
async function openObject(uri, options) {
    const destination = parseDestination(uri);
    if (destination.scheme === 'file') {
        const { dirname, basename } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6760, 23));
        const { pathToFileURL } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 3136, 23));
        const { store } = await createBackupStore(pathToFileURL(dirname(destination.container)).href, options);
        return { store, key: basename(destination.container) };
    }
    const { store } = await createBackupStore(`${destination.scheme}://${destination.container}/`, options);
    return { store, key: destination.prefix.replace(/\/$/, '') };
}

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
            (0,mask/* maskSecret */.$l)(core, raw);
            const value = optional(name);
            (0,mask/* maskSecret */.$l)(core, value);
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
                throw new errors/* InputError */.dz(name, `"${(0,mask/* withoutUserinfo */.Q3)(raw)}" is not an absolute URL with a scheme`, example);
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

;// CONCATENATED MODULE: ./actions/db-backup/src/inputs.ts




/** Input and output names, mirroring action.yml (a test checks they agree). */
const INPUTS = {
    operation: 'operation',
    engine: 'engine',
    databaseUrl: 'database-url',
    host: 'host',
    port: 'port',
    user: 'user',
    password: 'password',
    database: 'database',
    destination: 'destination',
    compression: 'compression',
    format: 'format',
    jobs: 'jobs',
    verify: 'verify',
    retentionCount: 'retention-count',
    retentionDays: 'retention-days',
    kmsKey: 'kms-key',
    restoreFrom: 'restore-from',
    confirmRestore: 'confirm-restore',
};
const OUTPUTS = {
    uri: 'uri',
    sha256: 'sha256',
    sizeBytes: 'size-bytes',
    durationSeconds: 'duration-seconds',
    verified: 'verified',
};
const DEFAULT_PORTS = { postgres: 5432, mysql: 3306 };
const URL_SCHEMES = {
    postgres: ['postgres:', 'postgresql:'],
    mysql: ['mysql:', 'mariadb:'],
};
function readSettings(core) {
    const read = inputReader(core);
    // Secrets first, so they are masked before anything could print them.
    const databaseUrl = read.secret(INPUTS.databaseUrl);
    const password = read.secret(INPUTS.password);
    const engine = read.choice(INPUTS.engine, ['postgres', 'mysql']);
    const connection = readConnection(core, engine, databaseUrl, password);
    const secrets = [databaseUrl, connection.password].filter((s) => !!s);
    const destination = read.required(INPUTS.destination, 's3://my-backups/prod');
    try {
        parseDestination(destination);
    }
    catch (err) {
        throw new errors/* InputError */.dz(INPUTS.destination, err.message, 's3://my-backups/prod');
    }
    const kmsKey = read.optional(INPUTS.kmsKey);
    if (kmsKey && destination.startsWith('file:')) {
        throw new errors/* InputError */.dz(INPUTS.kmsKey, 'applies to s3:// and gs:// destinations only', '(empty) for file://');
    }
    const jobs = read.integer(INPUTS.jobs, { default: 2, min: 1, max: 64, example: '2' });
    const common = {
        engine,
        connection,
        destination,
        ...(kmsKey ? { kmsKey } : {}),
        jobs,
        secrets,
    };
    const operation = read.choice(INPUTS.operation, ['backup', 'restore'], 'backup');
    if (operation === 'restore') {
        const restoreFrom = read.required(INPUTS.restoreFrom, 'latest');
        if (restoreFrom !== 'latest') {
            try {
                const parsed = parseDestination(restoreFrom);
                if (parsed.scheme !== 'file' && parsed.prefix === '')
                    throw new Error('names a bucket, not a backup object');
            }
            catch (err) {
                throw new errors/* InputError */.dz(INPUTS.restoreFrom, err.message, 'latest');
            }
        }
        const confirmedSource = parseConfirmation(read.optional(INPUTS.confirmRestore), connection.database);
        return { ...common, operation, restoreFrom, confirmedSource };
    }
    const format = read.choice(INPUTS.format, engine === 'postgres' ? ['custom', 'directory'] : ['sql'], engine === 'postgres' ? 'custom' : 'sql');
    const retentionCount = read.optionalInteger(INPUTS.retentionCount, { min: 1, example: '7' });
    const retentionDays = read.optionalNumber(INPUTS.retentionDays, { min: 0, example: '30' });
    return {
        ...common,
        operation,
        compression: read.choice(INPUTS.compression, ['zstd', 'gzip', 'none'], 'zstd'),
        format,
        verify: read.choice(INPUTS.verify, ['list', 'full', 'restore'], 'full'),
        retention: {
            ...(retentionCount === undefined ? {} : { count: retentionCount }),
            ...(retentionDays === undefined ? {} : { days: retentionDays }),
        },
    };
}
function readConnection(core, engine, databaseUrl, password) {
    const read = inputReader(core);
    const exampleUrl = `${engine}://user:password@db.internal:${DEFAULT_PORTS[engine]}/shop`;
    let fromUrl = {};
    if (databaseUrl !== undefined) {
        let url;
        try {
            url = new URL(databaseUrl);
        }
        catch {
            // The value is a secret: say what is wrong without repeating it.
            throw new errors/* InputError */.dz(INPUTS.databaseUrl, 'is not a URL', exampleUrl);
        }
        if (!URL_SCHEMES[engine].includes(url.protocol)) {
            throw new errors/* InputError */.dz(INPUTS.databaseUrl, `scheme "${url.protocol}" does not match engine ${engine} (${URL_SCHEMES[engine].join(' or ')})`, exampleUrl);
        }
        const decodedPassword = url.password ? decodeURIComponent(url.password) : undefined;
        (0,mask/* maskSecret */.$l)(core, decodedPassword);
        const sslMode = url.searchParams.get('sslmode') ?? url.searchParams.get('ssl-mode') ?? undefined;
        fromUrl = {
            host: url.hostname.replace(/^\[|\]$/g, ''),
            ...(url.port ? { port: Number(url.port) } : {}),
            ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
            ...(decodedPassword === undefined ? {} : { password: decodedPassword }),
            ...(url.pathname.length > 1 ? { database: decodeURIComponent(url.pathname.slice(1)) } : {}),
            ...(sslMode ? { sslMode } : {}),
        };
    }
    const host = read.optional(INPUTS.host) ?? fromUrl.host;
    const user = read.optional(INPUTS.user) ?? fromUrl.user;
    const database = read.optional(INPUTS.database) ?? fromUrl.database;
    const port = read.optionalInteger(INPUTS.port, { min: 1, max: 65535, example: String(DEFAULT_PORTS[engine]) }) ??
        fromUrl.port ??
        DEFAULT_PORTS[engine];
    if (!host)
        throw new errors/* InputError */.dz(INPUTS.host, 'is required (or give database-url)', 'db.internal');
    if (!user)
        throw new errors/* InputError */.dz(INPUTS.user, 'is required (or give database-url)', 'backup');
    if (!database)
        throw new errors/* InputError */.dz(INPUTS.database, 'is required (or give database-url)', 'shop');
    const secret = password ?? fromUrl.password;
    return {
        host,
        port,
        user,
        database,
        ...(secret === undefined ? {} : { password: secret }),
        ...(fromUrl.sslMode ? { sslMode: fromUrl.sslMode } : {}),
    };
}
/** The separator in `confirm-restore: <target> from <source>`. */
const FROM = ' from ';
/**
 * `confirm-restore` names the database a restore overwrites, and the database the backup was
 * taken from when that is another one: a backup of one database never lands in another silently.
 * Returns the source database it accepts.
 */
function parseConfirmation(confirm, target) {
    if (confirm === target)
        return target;
    if (confirm?.startsWith(`${target}${FROM}`) && confirm.length > target.length + FROM.length) {
        return confirm.slice(target.length + FROM.length);
    }
    throw new errors/* InputError */.dz(INPUTS.confirmRestore, `must equal the target database's name to restore over it, or "<target> from <source database>" to restore another database's backup into it (got ${confirm === undefined ? 'nothing' : `"${confirm}"`})`, target);
}
/** Refuses a backup of a database other than the one the confirmation named. */
function checkConfirmedSource(settings, backup) {
    if (backup.database === settings.confirmedSource)
        return;
    const target = settings.connection.database;
    throw new errors/* InputError */.dz(INPUTS.confirmRestore, `${backup.uri} is a backup of database "${backup.database}", not "${settings.confirmedSource}"; to restore it into "${target}", name its source`, `${target}${FROM}${backup.database}`);
}

;// CONCATENATED MODULE: ./actions/db-backup/src/main.ts















const ACTION_NAME = 'db-backup';
const VERSION = '1.0.0';
const IDENTITY = { action: ACTION_NAME, version: VERSION };
async function run(core = toolkit, clock) {
    await runAction(ACTION_NAME, (ctx) => dbBackup(ctx), { core, ...(clock ? { clock } : {}) });
}
async function dbBackup(ctx) {
    const settings = readSettings(ctx.core);
    const session = await openEngine(settings.engine, settings.connection);
    try {
        if (settings.operation === 'backup')
            await backup(ctx, settings, session);
        else
            await restore(ctx, settings, session);
    }
    catch (err) {
        if (err instanceof errors/* CancelledError */.cc)
            throw err;
        // Tool output can quote a connection string: strip every secret form before it is shown.
        throw new errors/* ActionError */.lZ((0,mask/* redact */.E$)((0,errors/* errorMessage */.gJ)(err), settings.secrets));
    }
    finally {
        await session.close();
    }
}
async function backup(ctx, settings, session) {
    const { core, clock, signal } = ctx;
    const started = clock.now();
    const database = settings.connection.database;
    const serverVersion = await session.serverVersion();
    const { store, prefix } = await createBackupStore(settings.destination, storeOptions(settings));
    const createdAt = new Date(started);
    const key = backupKey({
        prefix,
        database,
        engine: settings.engine,
        format: settings.format,
        compressionExtension: compressionExtension(settings.compression),
        now: createdAt,
        unique: (0,external_node_crypto_.randomBytes)(3).toString('hex'),
    });
    throwIfCancelled(signal);
    // The dump is one snapshot taken somewhere between these counts and those taken after it.
    const countsBefore = settings.verify === 'restore' ? await session.tableCounts(database) : undefined;
    // Uploaded and verified under a pending name; only a verified backup gets its final name.
    const pending = pendingKey(key);
    core.info(`Dumping ${settings.engine} ${serverVersion} database "${database}" to ${store.uriOf(key)}`);
    const stored = await streamBackup({
        session,
        store,
        key: pending,
        compression: settings.compression,
        dump: { format: settings.format, jobs: settings.jobs },
        signal,
    });
    core.info(`Stored ${stored.size} bytes, sha256 ${stored.sha256}`);
    let tables;
    try {
        if (stored.object.size !== stored.size) {
            throw new errors/* ActionError */.lZ(`the store holds ${stored.object.size} bytes, but ${stored.size} were sent`);
        }
        tables = await verify(ctx, settings, session, {
            store,
            key: pending,
            sha256: stored.sha256,
            countsBefore,
        });
    }
    catch (err) {
        const cause = `verification (${settings.verify}) failed: ${(0,errors/* errorMessage */.gJ)(err)}`;
        throw await withoutPending(store, pending, cause, err);
    }
    try {
        throwIfCancelled(signal);
        await store.publish(pending, key, signal);
    }
    catch (err) {
        throw await withoutPending(store, pending, `could not give the verified backup its final name ${store.uriOf(key)}: ${(0,errors/* errorMessage */.gJ)(err)}`, err);
    }
    const metadata = {
        schema: 'rollout-actions/db-backup/v1',
        engine: settings.engine,
        serverVersion,
        database,
        format: settings.format,
        compression: settings.compression,
        size: stored.size,
        sha256: stored.sha256,
        created: createdAt.toISOString(),
        verified: settings.verify,
        toolVersions: session.toolVersions,
        key,
        ...(tables ? { tables } : {}),
    };
    // The sidecar goes last: only now does the backup exist for listing, retention and restore.
    await store.put(metadataKey(key), external_node_stream_.Readable.from([Buffer.from(JSON.stringify(metadata, null, 2))]), {
        signal,
        contentType: 'application/json',
    });
    const removed = await applyRetention(ctx, settings, store, backupFolder(prefix, database), key);
    const seconds = (clock.now() - started) / 1000;
    setOutputs(core, {
        uri: store.uriOf(key),
        sha256: stored.sha256,
        size: stored.size,
        seconds,
        verified: settings.verify,
    });
    await core.summary
        .addRaw([
        heading(`✅ Backup of ${database} verified (${settings.verify})`),
        '',
        table(['URI', 'Size', 'SHA-256', 'Format', 'Compression', 'Duration'], [
            [
                store.uriOf(key),
                `${stored.size} B`,
                stored.sha256,
                settings.format,
                settings.compression,
                `${seconds.toFixed(1)} s`,
            ],
        ]),
        '',
        removed.length > 0
            ? `Retention removed ${removed.length} older backup(s): ${removed.join(', ')}`
            : '',
        '',
    ].join('\n'), true)
        .write();
}
/**
 * Removes an upload that will never be a backup, and says truthfully what is left: it never had
 * its final name, and without metadata nothing (listing, retention, restore) takes it for one.
 */
async function withoutPending(store, pending, cause, err) {
    const removal = await store.delete(pending).then(() => 'the upload was removed', (deleteErr) => `the upload could not be removed (${(0,errors/* errorMessage */.gJ)(deleteErr)}): delete ${store.uriOf(pending)}; it is not a backup and has no final name`);
    if (err instanceof errors/* CancelledError */.cc)
        return new errors/* CancelledError */.cc(`${err.message}; ${removal}`);
    return new errors/* ActionError */.lZ(`${cause}; ${removal}`);
}
/** Proves the stored backup at the requested level; returns the scratch restore's row counts. */
async function verify(ctx, settings, session, stored) {
    const { core, signal } = ctx;
    const { store, key, sha256 } = stored;
    const base = { store, key, compression: settings.compression, signal };
    if (settings.verify === 'list') {
        const read = await readBack({
            ...base,
            sink: await session.listSink(settings.format, signal),
            stopAtSink: true,
        });
        core.info(`Verified (list): the table of contents has ${read.value} entries`);
        return undefined;
    }
    if (settings.verify === 'full') {
        const read = await readBack({ ...base, sink: await session.listSink(settings.format, signal) });
        checkDigest(read, sha256);
        core.info(`Verified (full): read back ${read.size} bytes, sha256 matches, ${read.value} entries listed`);
        return undefined;
    }
    const countsAfter = await session.tableCounts(settings.connection.database);
    const scratch = `${settings.connection.database}_verify_${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`.slice(0, 63);
    await session.createDatabase(scratch);
    try {
        const read = await readBack({
            ...base,
            sink: await session.restoreSink(settings.format, scratch, { clean: false, jobs: settings.jobs }, signal),
        });
        checkDigest(read, sha256);
        const restored = await session.tableCounts(scratch);
        const differences = compareCounts(stored.countsBefore ?? countsAfter, countsAfter, restored);
        if (differences.length > 0)
            throw new errors/* ActionError */.lZ(`row counts differ: ${differences.join('; ')}`);
        core.info(`Verified (restore): ${Object.keys(restored).length} tables restored into a scratch database with equal row counts`);
        return restored;
    }
    finally {
        await session
            .dropDatabase(scratch)
            .catch((err) => core.warning(`could not drop scratch database ${scratch}: ${(0,errors/* errorMessage */.gJ)(err)}`));
    }
}
/**
 * Tables whose restored row count is not one the database had while it was dumped: the dump is a
 * snapshot taken between `before` and `after`, so a table that only grew (or only shrank) in that
 * time must have a restored count between the two. A table missing on either side is a difference.
 */
function compareCounts(before, after, restored) {
    const names = [
        ...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(restored)]),
    ].sort();
    const problems = [];
    for (const name of names) {
        const got = restored[name];
        const seen = [before[name], after[name]].filter((count) => count !== undefined);
        if (seen.length === 0) {
            problems.push(`${name}: not in the database, ${got} restored`);
            continue;
        }
        // Created or dropped while the dump ran: the snapshot may or may not hold it.
        if (seen.length === 1)
            continue;
        const low = Math.min(...seen);
        const high = Math.max(...seen);
        const expected = low === high ? String(low) : `${low}–${high}`;
        if (got === undefined)
            problems.push(`${name}: ${expected} in the database, missing in the restore`);
        else if (got < low || got > high)
            problems.push(`${name}: ${expected} in the database, ${got} restored`);
    }
    return problems;
}
function checkDigest(read, expected) {
    if (read.sha256 !== expected) {
        throw new errors/* ActionError */.lZ(`checksum mismatch: expected sha256 ${expected}, read back ${read.sha256} (${read.size} bytes)`);
    }
}
async function applyRetention(ctx, settings, store, folder, newKey) {
    if (settings.retention.count === undefined && settings.retention.days === undefined)
        return [];
    const verified = await listVerified(store, folder, { engine: settings.engine, database: settings.connection.database }, ctx.signal, (message) => ctx.core.warning(message));
    const doomed = selectForRemoval(verified, settings.retention, new Date(ctx.clock.now()), [newKey]);
    const removed = [];
    for (const metadata of doomed) {
        throwIfCancelled(ctx.signal);
        await removeBackup(store, metadata);
        removed.push(store.uriOf(metadata.key));
        ctx.core.info(`Retention: removed ${store.uriOf(metadata.key)} (created ${metadata.created})`);
    }
    return removed;
}
async function restore(ctx, settings, session) {
    const { core, clock, signal } = ctx;
    const started = clock.now();
    const database = settings.connection.database;
    const { store, metadata } = await resolveBackup(ctx, settings);
    if (metadata.engine !== settings.engine) {
        throw new errors/* ActionError */.lZ(`${store.uriOf(metadata.key)} is a ${metadata.engine} backup, not ${settings.engine}`);
    }
    checkConfirmedSource(settings, { uri: store.uriOf(metadata.key), database: metadata.database });
    const base = { store, key: metadata.key, compression: metadata.compression, signal };
    core.info(`Checking ${store.uriOf(metadata.key)} (${metadata.size} bytes) against its recorded sha256`);
    const checked = await readBack(base);
    if (checked.sha256 !== metadata.sha256 || checked.size !== metadata.size) {
        throw new errors/* ActionError */.lZ(`checksum mismatch for ${store.uriOf(metadata.key)}: recorded sha256 ${metadata.sha256} (${metadata.size} bytes), read ${checked.sha256} (${checked.size} bytes); nothing was written to ${database}`);
    }
    throwIfCancelled(signal);
    core.info(`Checksum matches; restoring into ${database}`);
    const restored = await readBack({
        ...base,
        sink: await session.restoreSink(metadata.format, database, { clean: true, jobs: settings.jobs }, signal),
    });
    checkDigest(restored, metadata.sha256);
    const seconds = (clock.now() - started) / 1000;
    setOutputs(core, {
        uri: store.uriOf(metadata.key),
        sha256: metadata.sha256,
        size: metadata.size,
        seconds,
        verified: metadata.verified,
    });
    await core.summary
        .addRaw([
        heading(`♻️ Restored ${database} from a ${metadata.verified}-verified backup`),
        '',
        table(['From', 'Created', 'SHA-256', 'Duration'], [[store.uriOf(metadata.key), metadata.created, metadata.sha256, `${seconds.toFixed(1)} s`]]),
        '',
    ].join('\n'), true)
        .write();
}
async function resolveBackup(ctx, settings) {
    if (settings.restoreFrom === 'latest') {
        // The newest backup of the database the confirmation named (the target itself by default).
        const source = settings.confirmedSource;
        const { store, prefix } = await createBackupStore(settings.destination, storeOptions(settings));
        const [newest] = await listVerified(store, backupFolder(prefix, source), { engine: settings.engine, database: source }, ctx.signal, (message) => ctx.core.warning(message));
        if (!newest)
            throw new errors/* ActionError */.lZ(`no verified backup of ${source} under ${settings.destination}`);
        return { store, metadata: newest };
    }
    const { store, key } = await openObject(settings.restoreFrom, storeOptions(settings));
    let metadata;
    try {
        metadata = parseMetadata(await readText(store, metadataKey(key), ctx.signal));
    }
    catch (err) {
        throw new errors/* ActionError */.lZ(`${settings.restoreFrom} has no readable metadata (${(0,errors/* errorMessage */.gJ)(err)}): it is not a completed, verified backup`);
    }
    if (metadata.key.split('/').pop() !== key.split('/').pop()) {
        throw new errors/* ActionError */.lZ(`the metadata next to ${settings.restoreFrom} describes another object`);
    }
    return { store, metadata: { ...metadata, key } };
}
function storeOptions(settings) {
    return { identity: IDENTITY, ...(settings.kmsKey ? { kmsKey: settings.kmsKey } : {}) };
}
function setOutputs(core, values) {
    core.setOutput(OUTPUTS.uri, values.uri);
    core.setOutput(OUTPUTS.sha256, values.sha256);
    core.setOutput(OUTPUTS.sizeBytes, values.size);
    core.setOutput(OUTPUTS.durationSeconds, values.seconds.toFixed(1));
    core.setOutput(OUTPUTS.verified, values.verified);
}

;// CONCATENATED MODULE: ./actions/db-backup/src/index.ts

void run();

module.exports = __webpack_exports__;
/******/ })()
;