"use strict";
exports.id = 315;
exports.ids = [315];
exports.modules = {

/***/ 7315:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseYaml: () => (/* binding */ parseYaml)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/**
 * The one YAML reader for action inputs (smoke-test checks and headers, notify-slack fields and
 * payload). YAML 1.2 core schema, with one change: a plain scalar becomes a number only when that
 * number prints back exactly as it was written. Everything else keeps its text, so revision
 * `00042` stays "00042", a header value `12345678901234567890123` is sent as written (not
 * 1.2345678901234568e+22), and `0x1F`, `1e3`, `1.0` or `.inf` are not silently rewritten; `200`
 * or `0.5` still read as numbers where a number is meant (statuses, latencies, JSON bodies).
 */

const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);
const numberOf = (resolved) => (resolved instanceof yaml__WEBPACK_IMPORTED_MODULE_0__/* .Scalar */ .X5 ? resolved.value : resolved);
/** A number tag that gives back the written text whenever the number would print differently. */
function keepingWrittenText(tag) {
    const { resolve } = tag;
    return {
        ...tag,
        resolve(text, onError, options) {
            const resolved = resolve(text, onError, options);
            const value = numberOf(resolved);
            return typeof value === 'number' && String(value) === text ? resolved : text;
        },
    };
}
const customTags = (tags) => tags.map((tag) => typeof tag === 'object' && NUMBER_TAGS.has(tag.tag) && 'resolve' in tag && !('collection' in tag)
    ? keepingWrittenText(tag)
    : tag);
/** Parses YAML (or JSON) text; throws yaml's own error on malformed text. */
function parseYaml(text) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text, { schema: 'core', customTags });
}


/***/ })

};
;