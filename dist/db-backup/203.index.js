"use strict";
exports.id = 203;
exports.ids = [203];
exports.modules = {

/***/ 2203:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openMysql: () => (/* binding */ openMysql)
/* harmony export */ });
/* unused harmony exports COMPLETION_MARKER, optionFileValue, quoteIdentifier, endsWithCompletionMarker, SqlDumpChecker */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2635);
/* harmony import */ var _tools__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1920);
/** MySQL / MariaDB through mysqldump (or mariadb-dump) and the mysql client, the password in a defaults file. */




const INSTALL_HINT = 'install the MariaDB or MySQL client (Debian/Ubuntu: apt-get install mariadb-client, which provides mariadb-dump and mariadb; or mysql-client)';
/** mysqldump's last line when, and only when, it wrote the whole dump. */
const COMPLETION_MARKER = '-- Dump completed';
/** An option-file value in double quotes, with the escapes the MySQL option-file parser understands. */
function optionFileValue(value) {
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}
function quoteIdentifier(name) {
    return `\`${name.replace(/`/g, '``')}\``;
}
/** Whether the last bytes of a dump end with mysqldump's completion marker line. */
function endsWithCompletionMarker(tail) {
    const lines = tail.toString('utf8').trimEnd().split('\n');
    return (lines[lines.length - 1] ?? '').startsWith(COMPLETION_MARKER);
}
const CREATE_TABLE = 'CREATE TABLE ';
/**
 * Reads a SQL dump as it streams and checks its shape: a mysqldump header, at least one statement,
 * and the completion marker as the last line. Resolves with the number of CREATE TABLE statements.
 */
class SqlDumpChecker extends node_stream__WEBPACK_IMPORTED_MODULE_1__.Writable {
    head = '';
    tail = '';
    tables = 0;
    /** The start of the line being read, up to the length of CREATE_TABLE. */
    lineHead = '';
    done;
    settle;
    constructor() {
        super({ highWaterMark: 1 << 20 });
        this.done = new Promise((resolve, reject) => {
            this.settle = { resolve, reject };
        });
        this.done.catch(() => undefined);
    }
    _write(chunk, _encoding, callback) {
        const text = chunk.toString('latin1');
        if (this.head.length < 512)
            this.head += text.slice(0, 512 - this.head.length);
        // Only the first characters of each line matter; lines may be split across chunks.
        let position = 0;
        for (;;) {
            const newline = text.indexOf('\n', position);
            const lineEnd = newline === -1 ? text.length : newline;
            const wanted = CREATE_TABLE.length - this.lineHead.length;
            if (wanted > 0)
                this.lineHead += text.slice(position, Math.min(lineEnd, position + wanted));
            if (newline === -1)
                break;
            if (this.lineHead === CREATE_TABLE)
                this.tables++;
            this.lineHead = '';
            position = newline + 1;
        }
        this.tail = (this.tail + text).slice(-512);
        callback();
    }
    _final(callback) {
        const problem = this.problem();
        if (problem) {
            const error = new _errors__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(problem);
            this.settle.reject(error);
            callback(error);
            return;
        }
        this.settle.resolve(this.tables);
        callback();
    }
    problem() {
        // Recent MariaDB dumps open with a `/*M!999999\- enable the sandbox mode */` line first.
        if (!/^-- (MySQL|MariaDB) dump/m.test(this.head))
            return 'the archive does not start with a mysqldump header';
        if (!endsWithCompletionMarker(this.tail)) {
            return `the archive does not end with "${COMPLETION_MARKER}": it is truncated`;
        }
        return undefined;
    }
    _destroy(error, callback) {
        this.settle.reject(error ?? new _errors__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ('the archive stream was closed early'));
        callback(error);
    }
}
async function openMysql(connection, env = process.env) {
    const find = (names) => (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .findTool */ .SG)({ names, installHint: INSTALL_HINT }, env);
    const tools = { dump: find(['mariadb-dump', 'mysqldump']), client: find(['mariadb', 'mysql']) };
    const folder = await (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .privateTempFolder */ .kY)(env);
    const defaultsFile = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(folder, 'my.cnf');
    const secrets = [connection.password];
    try {
        await (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .writeCredentialsFile */ .A3)(defaultsFile, [
            '[client]',
            `user=${optionFileValue(connection.user)}`,
            ...(connection.password === undefined ? [] : [`password=${optionFileValue(connection.password)}`]),
            `host=${optionFileValue(connection.host)}`,
            `port=${connection.port}`,
            'protocol=TCP',
            ...(connection.sslMode ? [`ssl-mode=${connection.sslMode}`] : []),
            '',
        ].join('\n'));
    }
    catch (err) {
        await (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .removePath */ ._b)(folder);
        throw err;
    }
    const toolEnv = (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .toolEnvironment */ .uQ)({}, env);
    // --defaults-extra-file must come first: the tools read it before any other option.
    const defaults = `--defaults-extra-file=${defaultsFile}`;
    const tool = (path, args, signal) => ({
        path,
        args: [defaults, ...args],
        env: toolEnv,
        secrets,
        ...(signal ? { signal } : {}),
    });
    const sql = (database, statement) => (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .toolOutput */ .WT)(tool(tools.client, [
        '--batch',
        '--skip-column-names',
        '--raw',
        '--default-character-set=utf8mb4',
        ...(database ? [`--database=${database}`] : []),
        `--execute=${statement}`,
    ]));
    const version = async (path) => (await (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .toolOutput */ .WT)({ path, args: ['--version'], env: toolEnv, secrets })).trim();
    const toolVersions = {
        [tools.dump.split('/').pop() ?? 'mysqldump']: await version(tools.dump),
        [tools.client.split('/').pop() ?? 'mysql']: await version(tools.client),
    };
    let fifoCount = 0;
    return {
        engine: 'mysql',
        toolVersions,
        formats: ['sql'],
        async serverVersion() {
            return (await sql(connection.database, 'SELECT VERSION()')).trim();
        },
        dump(fifoPath, _options, signal) {
            return (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .runTool */ .qI)(tool(tools.dump, [
                // One consistent snapshot of InnoDB tables without locking them.
                '--single-transaction',
                '--quick',
                '--routines',
                '--triggers',
                '--hex-blob',
                '--no-tablespaces',
                `--result-file=${fifoPath}`,
                '--',
                connection.database,
            ], signal));
        },
        checkComplete(tail) {
            if (!endsWithCompletionMarker(tail)) {
                throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .lZ(`the dump does not end with "${COMPLETION_MARKER}": mysqldump stopped before the end`);
            }
        },
        async listSink() {
            const checker = new SqlDumpChecker();
            return { writable: checker, done: checker.done };
        },
        async restoreSink(_format, database, _options, signal) {
            const fifo = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(folder, `restore-${++fifoCount}.fifo`);
            await (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .makeFifo */ .F0)(fifo);
            // The client reads the FIFO through its own `source` command: @actions/exec can only feed
            // stdin from a buffer, which would hold the whole dump in memory.
            const reading = (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .runTool */ .qI)(tool(tools.client, ['--batch', `--database=${database}`, `--execute=source ${fifo}`], signal));
            void reading.then(() => (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .releaseFifo */ .ay)(fifo, 'writer'));
            const checker = new SqlDumpChecker();
            const done = reading.then((outcome) => {
                if (outcome.exitCode !== 0)
                    throw (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .toolFailure */ .Lu)(outcome);
            });
            done.catch(() => undefined);
            const both = Promise.all([done, checker.done]).then(() => undefined);
            // Rejects as soon as the stream fails, while the caller still waits for the stream itself.
            both.catch(() => undefined);
            return { writable: teeWritable(new _tools__WEBPACK_IMPORTED_MODULE_3__/* .FifoWriter */ .cr(fifo, reading), checker), done: both };
        },
        async tableCounts(database) {
            const tables = (await sql(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name"))
                .split('\n')
                .filter((name) => name !== '');
            const counts = {};
            if (tables.length === 0)
                return counts;
            const query = tables
                .map((name) => `SELECT ${quoteString(name)}, COUNT(*) FROM ${quoteIdentifier(name)}`)
                .join(' UNION ALL ');
            for (const line of (await sql(database, query)).split('\n')) {
                if (line === '')
                    continue;
                const [name, count] = line.split('\t');
                if (name !== undefined)
                    counts[name] = Number(count);
            }
            return counts;
        },
        async createDatabase(database) {
            await sql(undefined, `CREATE DATABASE ${quoteIdentifier(database)}`);
        },
        async dropDatabase(database) {
            await sql(undefined, `DROP DATABASE IF EXISTS ${quoteIdentifier(database)}`);
        },
        async close() {
            await (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .endEveryTool */ .Hy)();
            await (0,_tools__WEBPACK_IMPORTED_MODULE_3__/* .removePath */ ._b)(folder);
        },
    };
}
function quoteString(value) {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
/** Writes every chunk to two writables, honouring backpressure from both. */
function teeWritable(first, second) {
    // Their errors reach the tee through the write and end callbacks; destroying the tee destroys
    // them with its error, which must not surface again as an unhandled 'error' event.
    for (const target of [first, second])
        target.on('error', () => undefined);
    const writeTo = (target, chunk) => new Promise((resolve, reject) => {
        target.write(chunk, (err) => (err ? reject(err) : resolve()));
    });
    const endOf = (target) => new Promise((resolve, reject) => {
        target.once('error', reject);
        target.end(() => resolve());
    });
    return new node_stream__WEBPACK_IMPORTED_MODULE_1__.Writable({
        highWaterMark: 1 << 20,
        write(chunk, _encoding, callback) {
            Promise.all([writeTo(first, chunk), writeTo(second, chunk)]).then(() => callback(), callback);
        },
        final(callback) {
            Promise.all([endOf(first), endOf(second)]).then(() => callback(), callback);
        },
        destroy(error, callback) {
            first.destroy(error ?? undefined);
            second.destroy(error ?? undefined);
            callback(error);
        },
    });
}


/***/ })

};
;