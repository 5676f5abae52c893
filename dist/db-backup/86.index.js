"use strict";
exports.id = 86;
exports.ids = [86];
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

/***/ 9086:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LocalDirectoryStore: () => (/* binding */ LocalDirectoryStore)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2290);







/** Names of half-written files: never listed, never taken for a backup. */
const TEMP_MARK = '.partial-';
/**
 * A folder as a backup store. A write goes to a temporary name, is fsynced, then hard-linked to
 * its final name: link() fails on an existing name, so a write is create-only and atomic.
 */
class LocalDirectoryStore {
    scheme = 'file';
    root;
    constructor(root) {
        this.root = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(root);
    }
    uriOf(key) {
        return (0,node_url__WEBPACK_IMPORTED_MODULE_5__.pathToFileURL)(this.pathOf(key)).href;
    }
    pathOf(key) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(this.root, key);
        if (!path.startsWith(this.root + node_path__WEBPACK_IMPORTED_MODULE_3__.sep))
            throw new Error(`key "${key}" leaves the store's folder`);
        return path;
    }
    async put(key, body, options) {
        const finalPath = this.pathOf(key);
        const folder = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(finalPath);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(folder, { recursive: true });
        const tempPath = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(folder, `${TEMP_MARK}${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}-${finalPath.slice(folder.length + 1)}`);
        try {
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(body, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(tempPath, { flags: 'wx', mode: 0o600 }), {
                signal: options.signal,
            });
            const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(tempPath, 'r');
            try {
                await handle.sync();
            }
            finally {
                await handle.close();
            }
            try {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.link)(tempPath, finalPath);
            }
            catch (err) {
                if (err.code === 'EEXIST')
                    throw new _errors__WEBPACK_IMPORTED_MODULE_6__/* .ObjectExistsError */ .q(this.uriOf(key));
                throw err;
            }
            await syncFolder(folder);
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.unlink)(tempPath).catch(() => undefined);
        }
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(finalPath);
        return { uri: this.uriOf(key), key, size: info.size, created: info.mtime };
    }
    async list(prefix) {
        const found = [];
        const walk = async (folder) => {
            let entries;
            try {
                entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(folder, { withFileTypes: true });
            }
            catch (err) {
                if (err.code === 'ENOENT')
                    return;
                throw err;
            }
            for (const entry of entries) {
                const path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(folder, entry.name);
                if (entry.isDirectory())
                    await walk(path);
                else if (entry.isFile() && !entry.name.startsWith(TEMP_MARK)) {
                    const key = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.relative)(this.root, path).split(node_path__WEBPACK_IMPORTED_MODULE_3__.sep).join('/');
                    if (!key.startsWith(prefix))
                        continue;
                    const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path);
                    found.push({ uri: this.uriOf(key), key, size: info.size, created: info.mtime });
                }
            }
        };
        await walk(this.root);
        return found.sort((a, b) => a.key.localeCompare(b.key));
    }
    async get(key, signal) {
        const path = this.pathOf(key);
        // Open first so a missing object fails here, not in the middle of a pipeline.
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(path, 'r');
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(path, { fd: handle, signal, highWaterMark: 1 << 20 });
    }
    /** A hard link: atomic, create-only (link() fails on an existing name), no bytes copied. */
    async publish(pendingKey, finalKey) {
        const finalPath = this.pathOf(finalKey);
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.link)(this.pathOf(pendingKey), finalPath);
        }
        catch (err) {
            if (err.code === 'EEXIST')
                throw new _errors__WEBPACK_IMPORTED_MODULE_6__/* .ObjectExistsError */ .q(this.uriOf(finalKey));
            throw err;
        }
        await this.delete(pendingKey);
        await syncFolder((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(finalPath));
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(finalPath);
        return { uri: this.uriOf(finalKey), key: finalKey, size: info.size, created: info.mtime };
    }
    async delete(key) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.unlink)(this.pathOf(key)).catch((err) => {
            if (err.code !== 'ENOENT')
                throw err;
        });
    }
}
/** A rename or link is durable only once the folder holding it is synced. */
async function syncFolder(folder) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(folder, 'r');
    try {
        await handle.sync();
    }
    finally {
        await handle.close();
    }
}


/***/ })

};
;