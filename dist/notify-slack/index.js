/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({

/***/ 181:
/***/ ((module) => {

module.exports = require("buffer");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = require("node:fs");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = require("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = require("node:path");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = require("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = require("node:stream");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = require("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = require("node:zlib");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = require("process");

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

;// CONCATENATED MODULE: ./shared/errors.ts
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
        controller.abort(new CancelledError(`cancelled by ${signal}`));
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
                core.warning(`${actionName}: could not report the last known state: ${errorMessage(reportErr)}`);
            }
        }
        const cancelled = err instanceof CancelledError || controller.signal.aborted;
        const message = cancelled && !(err instanceof CancelledError) ? `cancelled: ${errorMessage(err)}` : errorMessage(err);
        if (!isExpectedError(err) && err instanceof Error && err.stack && core.isDebug())
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
        throw signal.reason instanceof CancelledError ? signal.reason : new CancelledError();
}

;// CONCATENATED MODULE: ./shared/retry.ts


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
    const clock = options.clock ?? systemClock;
    const random = options.random ?? Math.random;
    const isRetryable = options.isRetryable ?? isRetryableError;
    const retryAfter = options.retryAfterMs ?? retryAfterOf;
    const started = clock.now();
    for (let attempt = 1;; attempt++) {
        if (options.signal?.aborted)
            throw new CancelledError();
        try {
            return await fn(attempt);
        }
        catch (error) {
            if (error instanceof CancelledError || options.signal?.aborted)
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
    if (e.name === 'AbortError' && !(e.cause instanceof CancelledError))
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
    return /socket hang up|network|ECONNRESET|fetch failed/i.test(errorMessage(err));
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
                    'User-Agent': userAgent(ctx.action ?? DEFAULT_ACTION),
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
    if (err instanceof CancelledError)
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
    return retry(async (attempt) => {
        try {
            return await call();
        }
        catch (err) {
            if (ctx.signal.aborted)
                throw new CancelledError();
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
    const { WebClient } = await __nccwpck_require__.e(/* import() */ 105).then(__nccwpck_require__.t.bind(__nccwpck_require__, 5105, 23));
    const client = new WebClient(destination.token, {
        ...(destination.apiUrl ? { slackApiUrl: destination.apiUrl } : {}),
        // Our loop owns retries: it honours Retry-After within the step's deadline, which the
        // client's own policy (up to 10 tries over 30 minutes by default) does not.
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        // No client-wide timeout: deadlineFetch bounds each request by the time left.
        fetch: deadlineFetch(ctx),
        headers: { 'User-Agent': userAgent(ctx.action ?? DEFAULT_ACTION) },
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
    const { IncomingWebhook } = await __nccwpck_require__.e(/* import() */ 443).then(__nccwpck_require__.t.bind(__nccwpck_require__, 4443, 23));
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
    throwIfCancelled(ctx.signal);
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
const SLACK_LIMITS = {
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
function clip(text, max, marker = TRUNCATION_MARKER) {
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
function safeText(value, max) {
    return clip(escapeText(value), max);
}
function fitTextObject(value, max) {
    if (typeof value !== 'object' || value === null)
        return value;
    const text = value.text;
    return typeof text === 'string' ? { ...value, text: clip(text, max) } : value;
}
/**
 * Brings a list of blocks within the documented limits: texts clipped with a marker, fields and
 * context elements capped, and at most `maxBlocks` blocks (the last one saying how many were cut).
 * Works on blocks from a custom payload too, touching only the fields it knows.
 */
function fitBlocks(blocks, maxBlocks = SLACK_LIMITS.blocksPerMessage) {
    const fitted = blocks.map((block) => {
        switch (block.type) {
            case 'header':
                return { ...block, text: fitTextObject(block.text, SLACK_LIMITS.headerText) };
            case 'section': {
                const out = { ...block };
                if (block.text !== undefined)
                    out.text = fitTextObject(block.text, SLACK_LIMITS.sectionText);
                if (Array.isArray(block.fields)) {
                    out.fields = block.fields
                        .slice(0, SLACK_LIMITS.sectionFields)
                        .map((field) => fitTextObject(field, SLACK_LIMITS.sectionFieldText));
                }
                return out;
            }
            case 'context':
                return Array.isArray(block.elements)
                    ? {
                        ...block,
                        elements: block.elements
                            .slice(0, SLACK_LIMITS.contextElements)
                            .map((element) => fitTextObject(element, SLACK_LIMITS.contextText)),
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
        pieces[last] = clip(`${pieces[last]}${rest}`, max);
    }
    return pieces;
}

;// CONCATENATED MODULE: ./shared/slack/message.ts
/**
 * The Block Kit layout of a rollout message and of its thread replies. Pure functions: every
 * value that came from a workflow is escaped and clipped here, and the result always fits
 * Slack's documented limits.
 */


const STATUSES = ['started', 'progress', 'succeeded', 'failed', 'rolled-back'];
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
    const described = describeFields(fields).map(([label, value]) => mrkdwn(clip(`*${label}*\n${value}`, SLACK_LIMITS.sectionFieldText)));
    const sections = [];
    for (let i = 0; i < described.length; i += SLACK_LIMITS.sectionFields) {
        sections.push({ type: 'section', fields: described.slice(i, i + SLACK_LIMITS.sectionFields) });
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
        { type: 'header', text: { type: 'plain_text', text: safeText(headline, SLACK_LIMITS.headerText) } },
        ...fieldSections(input.fields),
    ];
    if (input.details)
        blocks.push(...detailSections(input.details, 5));
    blocks.push(contextLine(input.links, input.at));
    const progress = progressLine(input.fields);
    const fallback = safeText(progress ? `${headline} (${progress})` : headline, SLACK_LIMITS.messageText);
    return {
        text: fallback,
        attachments: [{ color: style.color, fallback, blocks: fitBlocks(blocks) }],
    };
}
function detailSections(details, maxSections) {
    return splitText(escapeText(details), SLACK_LIMITS.sectionText, maxSections).map((piece) => ({
        type: 'section',
        text: mrkdwn(piece),
    }));
}
/** A thread reply for one step: what changed, then the details (split over several sections if long). */
function buildThreadReply(input) {
    const style = STATUS_STYLE[input.status];
    const progress = progressLine(input.fields);
    const headline = `${style.icon} *${style.label}*${progress ? ` · ${escapeText(progress)}` : ''}`;
    const blocks = [{ type: 'section', text: mrkdwn(clip(headline, SLACK_LIMITS.sectionText)) }];
    if (input.details)
        blocks.push(...detailSections(input.details, SLACK_LIMITS.blocksPerMessage - 1));
    const fallbackSource = `${style.icon} ${style.label}${progress ? ` · ${progress}` : ''}`;
    return { text: safeText(fallbackSource, SLACK_LIMITS.messageText), blocks: fitBlocks(blocks) };
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

;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = require("node:module");
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = require("os");
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
    process.stdout.write(cmd.toString() + external_os_namespaceObject.EOL);
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
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = require("crypto");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = require("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_namespaceObject.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_namespaceObject.appendFileSync(filePath, `${toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
        encoding: 'utf8'
    });
}
function prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
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
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
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


const { access, appendFile, writeFile } = external_fs_namespaceObject.promises;
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
                yield access(pathFromEnv, external_fs_namespaceObject.constants.R_OK | external_fs_namespaceObject.constants.W_OK);
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
        return this.addRaw(external_os_namespaceObject.EOL);
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
        throw new InputError(name, `${value} is below the minimum ${options.min}`, example);
    }
    if (options.max !== undefined && value > options.max) {
        throw new InputError(name, `${value} is above the maximum ${options.max}`, example);
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
            throw new InputError(name, `${JSON.stringify(raw)} is not ${kind} (no spaces, exponents, 0x/0b prefixes or underscores)`, options.example ?? String(options.min ?? 1));
        }
        return checkRange(name, value, options);
    };
    const reader = {
        optional,
        required(name, example) {
            const value = optional(name);
            if (value === undefined)
                throw new InputError(name, 'is required', example);
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
            throw new InputError(name, `"${raw}" is not a boolean`, 'true');
        },
        choice(name, choices, fallback) {
            const value = reader.optionalChoice(name, choices) ?? fallback;
            if (value === undefined)
                throw new InputError(name, 'is required', choices.join(' | '));
            return value;
        },
        optionalChoice(name, choices) {
            const raw = optional(name);
            if (raw === undefined)
                return undefined;
            const match = choices.find((choice) => choice === raw.toLowerCase());
            if (match === undefined) {
                throw new InputError(name, `"${raw}" is not one of ${choices.join(', ')}`, choices[0]);
            }
            return match;
        },
        durationMs(name, fallback) {
            const raw = optional(name) ?? fallback;
            const ms = durationOf(raw);
            if (ms === undefined || ms < 0) {
                throw new InputError(name, `"${raw}" is not a duration`, '5m, 90s, 1h30m or 30');
            }
            if (ms > MAX_DURATION_MS) {
                throw new InputError(name, `"${raw}" is longer than the longest duration a timer can wait (${MAX_DURATION_MS} ms, about 24 days)`, fallback);
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
                throw new InputError(name, `"${withoutUserinfo(raw)}" is not an absolute URL with a scheme`, example);
            }
            if (!schemes.includes(url.protocol.slice(0, -1))) {
                throw new InputError(name, `scheme "${url.protocol}" is not one of ${schemes.join(', ')}`, example);
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

;// CONCATENATED MODULE: ./actions/notify-slack/src/inputs.ts






/** Input and output names, mirroring action.yml (a test checks they agree). */
const INPUTS = {
    botToken: 'bot-token',
    channel: 'channel',
    webhookUrl: 'webhook-url',
    status: 'status',
    title: 'title',
    fields: 'fields',
    details: 'details',
    ts: 'ts',
    threadTs: 'thread-ts',
    text: 'text',
    payload: 'payload',
    failOnError: 'fail-on-error',
    timeout: 'timeout',
};
const OUTPUTS = {
    ts: 'ts',
    threadTs: 'thread-ts',
    channel: 'channel',
};
/** Test-only endpoint override of the Web API client (shared/slack/client.ts). */
const API_URL_VARIABLE = SLACK_API_URL_VARIABLE;
function readTs(value, input) {
    if (value === undefined)
        return undefined;
    if (!SLACK_TS.test(value)) {
        throw new InputError(input, `"${value}" is not a Slack message timestamp`, '1700000000.123456');
    }
    return value;
}
/** Reads the webhook URL without ever putting it in an error message: it is a secret as a whole. */
function readWebhookUrl(core, raw) {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        throw new InputError(INPUTS.webhookUrl, 'is not an absolute URL (its value is not shown: it is a secret)', 'https://hooks.slack.com/services/T000/B000/XXXX');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new InputError(INPUTS.webhookUrl, `scheme "${url.protocol}" is not https`, 'https://hooks.slack.com/…');
    }
    // The path alone (services/T…/B…/secret) is enough to post; the runner must hide it on its own
    // too, and the normalised form an HTTP client may print in an error.
    const secrets = [raw, url.href, url.pathname];
    for (const secret of secrets)
        maskSecret(core, secret);
    return { url: raw, secrets };
}
function readPayload(raw, parseYaml) {
    if (raw === undefined)
        return undefined;
    let parsed;
    try {
        parsed = parseYaml(raw);
    }
    catch {
        throw new InputError(INPUTS.payload, 'is not valid JSON or YAML', '{"text": "Deployed", "blocks": […]}');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new InputError(INPUTS.payload, 'must be an object with text, blocks or attachments', '{"text": "Deployed"}');
    }
    const payload = parsed;
    if (payload.text === undefined && payload.blocks === undefined && payload.attachments === undefined) {
        throw new InputError(INPUTS.payload, 'has none of text, blocks or attachments', '{"text": "Deployed"}');
    }
    return payload;
}
/**
 * fail-on-error, read first because it decides how every other input problem is handled; a value
 * that is not a boolean asks for nothing, so it is false.
 */
function readFailOnError(core) {
    try {
        return inputReader(core).boolean(INPUTS.failOnError, false);
    }
    catch {
        return false;
    }
}
/**
 * Reads every input. Without a destination nothing can be sent: that throws an InputError, which
 * the caller turns into a warning unless fail-on-error. Any other bad input also throws with
 * fail-on-error; without it, it is recorded in `problems` and its default used, so the message
 * still goes out.
 */
async function readSettings(core, env = process.env) {
    const read = inputReader(core);
    const failOnError = readFailOnError(core);
    const problems = [];
    /** The value read, or with fail-on-error false, the fallback and a recorded problem. */
    function tolerate(reader, fallback) {
        try {
            return reader();
        }
        catch (err) {
            if (failOnError || !(err instanceof InputError))
                throw err;
            problems.push(err.message);
            return fallback;
        }
    }
    // Secrets first, so that nothing read after them can print them unmasked.
    const token = read.secret(INPUTS.botToken);
    const rawWebhook = read.secret(INPUTS.webhookUrl);
    const secrets = [];
    let destination;
    if (token !== undefined && rawWebhook !== undefined) {
        throw new InputError(INPUTS.webhookUrl, 'give either bot-token with channel, or webhook-url, not both', 'webhook-url: ${{ secrets.SLACK_WEBHOOK_URL }}');
    }
    else if (token !== undefined) {
        secrets.push(token);
        if (!/^xox[a-z]-/.test(token)) {
            throw new InputError(INPUTS.botToken, 'does not look like a Slack token (its value is not shown; bot tokens start with xoxb-)', 'bot-token: ${{ secrets.SLACK_BOT_TOKEN }}');
        }
        const channel = read.optional(INPUTS.channel);
        if (channel === undefined) {
            throw new InputError(INPUTS.channel, 'is required with bot-token', 'C0123456789 (or #deploys for the first post)');
        }
        const apiUrl = env[API_URL_VARIABLE]?.trim();
        destination = { kind: 'bot', token, channel, ...(apiUrl ? { apiUrl } : {}) };
    }
    else if (rawWebhook !== undefined) {
        const webhook = readWebhookUrl(core, rawWebhook);
        secrets.push(...webhook.secrets);
        destination = { kind: 'webhook', url: webhook.url };
    }
    else {
        throw new InputError(INPUTS.botToken, 'is required (with channel), unless webhook-url is given', 'bot-token: ${{ secrets.SLACK_BOT_TOKEN }}');
    }
    // A fail-on-error that is not a boolean is false (read above); say so.
    tolerate(() => read.boolean(INPUTS.failOnError, false), false);
    const status = tolerate(() => read.choice(INPUTS.status, STATUSES), 'progress');
    const text = read.optional(INPUTS.text);
    const rawPayload = read.optional(INPUTS.payload);
    const rawFields = read.optional(INPUTS.fields);
    // yaml is loaded only when an input needs it: a step that fails on a missing input starts faster.
    const parseYaml = rawPayload !== undefined || rawFields !== undefined
        ? (await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(315)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7315))).parseYaml
        : () => undefined;
    const payload = tolerate(() => {
        const parsed = readPayload(rawPayload, parseYaml);
        if (text !== undefined && parsed !== undefined) {
            throw new InputError(INPUTS.payload, 'give either text or payload, not both', 'payload: {"text": "Deployed"}');
        }
        return parsed;
    }, undefined);
    const title = read.optional(INPUTS.title);
    const content = payload !== undefined
        ? { kind: 'payload', payload }
        : text !== undefined
            ? { kind: 'text', text }
            : { kind: 'layout', ...(title === undefined ? {} : { title }) };
    const details = read.optional(INPUTS.details);
    const ts = tolerate(() => readTs(read.optional(INPUTS.ts), INPUTS.ts), undefined);
    const threadTs = tolerate(() => readTs(read.optional(INPUTS.threadTs), INPUTS.threadTs), undefined);
    // Fields that cannot be read are still worth showing: as one extra field, as given.
    const fields = tolerate(() => parseFields(rawFields, INPUTS.fields, parseYaml), new Map([['fields', rawFields ?? '']]));
    return {
        destination,
        status,
        content,
        fields,
        ...(details === undefined ? {} : { details }),
        ...(ts === undefined ? {} : { ts }),
        ...(threadTs === undefined ? {} : { threadTs }),
        failOnError,
        timeoutMs: tolerate(() => read.durationMs(INPUTS.timeout, '1m'), 60_000),
        secrets,
        problems,
    };
}

;// CONCATENATED MODULE: ./actions/notify-slack/src/main.ts









const ACTION_NAME = 'notify-slack';
async function run(core = toolkit, clock) {
    await runAction(ACTION_NAME, (ctx) => notify(ctx), { core, ...(clock ? { clock } : {}) });
}
async function notify(ctx) {
    const { core } = ctx;
    // 1. Parse every input. A bad one fails the step here, before any call to Slack, only when
    // fail-on-error asks for it: a notification never fails a deploy or a rollback otherwise.
    let settings;
    try {
        settings = await readSettings(core);
    }
    catch (err) {
        if (!(err instanceof InputError) || readFailOnError(core))
            throw err;
        core.warning(`${ACTION_NAME}: ${err.message}; nothing was sent${LENIENT}`);
        passInputsThrough(core);
        return;
    }
    for (const problem of settings.problems)
        core.warning(`${ACTION_NAME}: ${problem}; its default is used${LENIENT}`);
    const now = new Date(ctx.clock.now());
    // 2. Build the message and its thread reply.
    const message = composeMessage(settings, now);
    // A failure leaves the outputs as they came in, so a later step can still update the message.
    let ref = {
        ...(settings.ts ? { ts: settings.ts } : {}),
        ...(settings.threadTs || settings.ts ? { threadTs: settings.threadTs ?? settings.ts } : {}),
        ...(settings.destination.kind === 'bot' ? { channel: settings.destination.channel } : {}),
    };
    const steps = [];
    let failure;
    // 3. Deliver: post or update the living message, then reply in its thread.
    try {
        const delivery = {
            core,
            clock: ctx.clock,
            signal: ctx.signal,
            deadline: ctx.clock.now() + settings.timeoutMs,
            secrets: settings.secrets,
        };
        const slack = settings.destination.kind === 'bot'
            ? await botTransport(settings.destination, delivery)
            : await webhookTransport(settings.destination, delivery);
        ref = await deliverMessage(slack, {
            message,
            ...(settings.ts ? { ts: settings.ts } : {}),
            ...(settings.threadTs ? { threadTs: settings.threadTs } : {}),
            ...(ref.channel ? { channel: ref.channel } : {}),
            status: settings.status,
        }, { core, signal: ctx.signal, secrets: settings.secrets, action: ACTION_NAME }, steps);
        const reply = composeReply(settings, now, slack.kind);
        if (reply && ref.threadTs) {
            throwIfCancelled(ctx.signal);
            const posted = await slack.post(reply, {
                threadTs: ref.threadTs,
                broadcast: settings.status === 'failed' || settings.status === 'rolled-back',
            });
            steps.push({ what: 'replied in the thread', ...(posted.ts ? { ts: posted.ts } : {}) });
        }
    }
    catch (err) {
        if (err instanceof CancelledError)
            throw err;
        failure = toDeliveryError(err, settings.secrets);
    }
    // 4. Report: outputs, log, summary; a failure is a warning unless fail-on-error.
    core.setOutput(OUTPUTS.ts, ref.ts ?? '');
    core.setOutput(OUTPUTS.threadTs, ref.threadTs ?? '');
    core.setOutput(OUTPUTS.channel, ref.channel ?? '');
    for (const step of steps)
        core.info(`Slack: ${step.what}${step.ts ? ` (ts ${step.ts})` : ''}`);
    try {
        await core.summary
            .addRaw(redact(renderSummary(settings, ref, steps, failure), settings.secrets), true)
            .write();
    }
    catch (err) {
        // A runner without job summaries must not turn a delivered notification into a failed step.
        core.warning(`${ACTION_NAME}: could not write the job summary: ${redact(errorMessage(err), settings.secrets)}`);
    }
    if (failure) {
        const text = `the Slack notification was not ${steps.length > 0 ? 'completed' : 'sent'}: ${failure.message}`;
        if (settings.failOnError)
            throw new ActionError(text);
        core.warning(`${ACTION_NAME}: ${text}${LENIENT}`);
    }
}
const LENIENT = ' (fail-on-error is false, so the step succeeds)';
/** Nothing was sent: the outputs keep the values they came in with, so a later step can still update the message. */
function passInputsThrough(core) {
    const ts = core.getInput(INPUTS.ts);
    core.setOutput(OUTPUTS.ts, ts);
    core.setOutput(OUTPUTS.threadTs, core.getInput(INPUTS.threadTs) || ts);
    core.setOutput(OUTPUTS.channel, core.getInput(INPUTS.channel));
}
function composeMessage(settings, at) {
    switch (settings.content.kind) {
        case 'payload':
            return fitPayload(settings.content.payload);
        case 'text':
            return buildTextMessage(settings.content.text);
        case 'layout':
            return buildRolloutMessage({
                status: settings.status,
                ...(settings.content.title === undefined ? {} : { title: settings.content.title }),
                fields: settings.fields,
                links: runLinks(process.env),
                at,
                // A webhook has no thread: the details go in the message itself.
                ...(settings.destination.kind === 'webhook' && settings.details ? { details: settings.details } : {}),
            });
    }
}
/**
 * The thread reply of this step: the details when given, and for the layout, a line for each
 * update after the first post, so the thread reads as the rollout's timeline.
 */
function composeReply(settings, at, kind) {
    if (kind === 'webhook')
        return undefined;
    const isUpdate = settings.ts !== undefined;
    if (settings.details === undefined && !(isUpdate && settings.content.kind === 'layout'))
        return undefined;
    return buildThreadReply({
        status: settings.status,
        fields: settings.fields,
        ...(settings.details === undefined ? {} : { details: settings.details }),
        at,
    });
}
function renderSummary(settings, ref, steps, failure) {
    const style = STATUS_STYLE[settings.status];
    const outcome = failure ? `⚠️ not delivered: ${failure.message}` : steps.map((s) => s.what).join(', ');
    return [
        heading(`${style.icon} Slack notification: ${style.label}`),
        '',
        table(['Destination', 'Channel', 'Message ts', 'Thread ts', 'Outcome'], [
            [
                settings.destination.kind === 'bot' ? 'bot token' : 'incoming webhook',
                ref.channel ?? '—',
                ref.ts ?? '—',
                ref.threadTs ?? '—',
                outcome,
            ],
        ]),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./actions/notify-slack/src/index.ts

void run();

module.exports = __webpack_exports__;
/******/ })()
;