"use strict";
exports.id = 614;
exports.ids = [614];
exports.modules = {

/***/ 2290:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ ObjectExistsError)
/* harmony export */ });
/** A create-only write found the name taken: nothing was overwritten. */
class ObjectExistsError extends Error {
    uri;
    name = 'ObjectExistsError';
    constructor(uri) {
        super(`${uri} already exists; backups are never overwritten`);
        this.uri = uri;
    }
}


/***/ }),

/***/ 614:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GcsStore: () => (/* binding */ GcsStore)
/* harmony export */ });
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2290);


/**
 * Cloud Storage as a backup store. A resumable upload is finalized only when the stream ends
 * cleanly; its CRC32C is checked by the server and by the client; `ifGenerationMatch=0` makes the
 * write create-only (and so safe for the client to retry).
 */
class GcsStore {
    options;
    scheme = 'gs';
    constructor(options) {
        this.options = options;
    }
    uriOf(key) {
        return `gs://${this.options.bucket}/${key}`;
    }
    file(key) {
        return this.options.client
            .bucket(this.options.bucket)
            .file(key, this.options.kmsKey ? { kmsKeyName: this.options.kmsKey } : {});
    }
    async put(key, body, options) {
        const file = this.file(key);
        const upload = file.createWriteStream({
            resumable: true,
            validation: 'crc32c',
            contentType: options.contentType ?? 'application/octet-stream',
            preconditionOpts: { ifGenerationMatch: 0 },
        });
        try {
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_0__.pipeline)(body, upload, { signal: options.signal });
        }
        catch (err) {
            const code = err.code;
            if (code === 412)
                throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ObjectExistsError */ .q(this.uriOf(key));
            throw err;
        }
        const [metadata] = await file.getMetadata();
        return {
            uri: this.uriOf(key),
            key,
            size: Number(metadata.size ?? 0),
            created: new Date(metadata.timeCreated ?? Date.now()),
        };
    }
    async list(prefix) {
        const [files] = await this.options.client
            .bucket(this.options.bucket)
            .getFiles({ prefix, autoPaginate: true });
        return files.map((file) => ({
            uri: this.uriOf(file.name),
            key: file.name,
            size: Number(file.metadata.size ?? 0),
            created: new Date(file.metadata.timeCreated ?? 0),
        }));
    }
    async get(key, signal) {
        const file = this.file(key);
        // Fail on a missing object here rather than inside the caller's pipeline.
        await file.getMetadata();
        const stream = file.createReadStream({ validation: 'crc32c' });
        signal.addEventListener('abort', () => stream.destroy(signal.reason), { once: true });
        return stream;
    }
    /**
     * A server-side rewrite (objects.rewrite; the SDK follows its rewrite tokens until done), create-
     * only through `ifGenerationMatch=0` on the destination; then the pending object is deleted.
     */
    async publish(pendingKey, finalKey) {
        const target = this.file(finalKey);
        try {
            await this.file(pendingKey).copy(target, { preconditionOpts: { ifGenerationMatch: 0 } });
        }
        catch (err) {
            if (err.code === 412)
                throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ObjectExistsError */ .q(this.uriOf(finalKey));
            throw err;
        }
        await this.delete(pendingKey);
        const [metadata] = await target.getMetadata();
        return {
            uri: this.uriOf(finalKey),
            key: finalKey,
            size: Number(metadata.size ?? 0),
            created: new Date(metadata.timeCreated ?? Date.now()),
        };
    }
    async delete(key) {
        await this.file(key).delete({ ignoreNotFound: true });
    }
}


/***/ })

};
;