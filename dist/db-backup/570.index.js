"use strict";
exports.id = 570;
exports.ids = [570];
exports.modules = {

/***/ 9570:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openPostgres: () => (/* binding */ openPostgres)
/* harmony export */ });
/* unused harmony exports passfileField, quoteIdentifier */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2635);
/* harmony import */ var _tools__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1920);
/** PostgreSQL through pg_dump, pg_restore and psql, the password in a 0600 passfile. */



const INSTALL_HINT = 'install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client, which provides pg_dump, pg_restore and psql; use a version at least as new as the server)';
const TAR_HINT = 'install tar (Debian/Ubuntu: apt-get install tar)';
/** A passfile line field: backslash and colon are escaped (PostgreSQL docs, "The Password File"). */
function passfileField(value) {
    return value.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
}
/** Row counts of every base table outside the system schemas, in one query. */
const TABLE_COUNTS_SQL = `SELECT table_schema || '.' || table_name, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1`;
function quoteIdentifier(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
async function openPostgres(connection, env = process.env) {
    const folders = (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .postgresFolders */ .LW)();
    const find = (name) => (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .findTool */ .SG)({ names: [name], extraFolders: folders, installHint: INSTALL_HINT }, env);
    const tools = { pgDump: find('pg_dump'), pgRestore: find('pg_restore'), psql: find('psql') };
    const folder = await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .privateTempFolder */ .kY)(env);
    const passfile = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(folder, 'pgpass');
    const secrets = [connection.password];
    try {
        await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .writeCredentialsFile */ .A3)(passfile, `*:*:*:${passfileField(connection.user)}:${passfileField(connection.password ?? '')}\n`);
    }
    catch (err) {
        await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .removePath */ ._b)(folder);
        throw err;
    }
    const toolEnv = (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .toolEnvironment */ .uQ)({
        PGPASSFILE: passfile,
        PGAPPNAME: 'rollout-actions-db-backup',
        PGCONNECT_TIMEOUT: '15',
        ...(connection.sslMode ? { PGSSLMODE: connection.sslMode } : {}),
    }, env);
    const connArgs = (database) => [
        '--host',
        connection.host,
        '--port',
        String(connection.port),
        '--username',
        connection.user,
        '--no-password',
        '--dbname',
        database,
    ];
    const tool = (path, args, signal) => ({
        path,
        args,
        env: toolEnv,
        secrets,
        ...(signal ? { signal } : {}),
    });
    const psql = (database, sql) => (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .toolOutput */ .WT)(tool(tools.psql, [
        ...connArgs(database),
        '--no-psqlrc',
        '--tuples-only',
        '--no-align',
        '--quiet',
        '--field-separator',
        '\t',
        '--set',
        'ON_ERROR_STOP=1',
        '--command',
        sql,
    ]));
    const version = async (path) => (await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .toolOutput */ .WT)(tool(path, ['--version']))).trim();
    const toolVersions = {
        pg_dump: await version(tools.pgDump),
        pg_restore: await version(tools.pgRestore),
    };
    let fifoCount = 0;
    const newFifo = async () => {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(folder, `archive-${++fifoCount}.fifo`);
        await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .makeFifo */ .F0)(path);
        return path;
    };
    const tar = () => (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .findTool */ .SG)({ names: ['tar'], installHint: TAR_HINT }, env);
    /** Feeds a FIFO to `consume` (a tool reading it); for the directory format, unpacks the tar first. */
    const fifoSink = async (format, signal, consume) => {
        const fifo = await newFifo();
        let finished;
        let reading;
        if (format === 'directory') {
            const target = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(folder, `unpacked-${fifoCount}`);
            const unpack = (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .runTool */ .qI)(tool(tar(), ['--extract', '--file', fifo, '--directory', await mkdirp(target)], signal));
            reading = unpack;
            finished = unpack.then(async (outcome) => outcome.exitCode === 0 ? consume(target) : { outcome, value: undefined });
        }
        else {
            finished = consume(fifo);
            reading = finished.then((result) => result.outcome);
        }
        void reading.then(() => (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .releaseFifo */ .ay)(fifo, 'writer'));
        const done = finished.then(({ outcome, value }) => {
            if (outcome.exitCode !== 0)
                throw (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .toolFailure */ .Lu)(outcome);
            return value;
        });
        done.catch(() => undefined);
        return { writable: new _tools__WEBPACK_IMPORTED_MODULE_2__/* .FifoWriter */ .cr(fifo, reading), done };
    };
    return {
        engine: 'postgres',
        toolVersions,
        formats: ['custom', 'directory'],
        async serverVersion() {
            return (await psql(connection.database, 'SHOW server_version')).trim();
        },
        async dump(fifoPath, options, signal) {
            if (options.format === 'custom') {
                // --no-sync: a FIFO cannot be fsynced; the store makes the stored copy durable.
                return (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .runTool */ .qI)(tool(tools.pgDump, [
                    '--format=custom',
                    '--compress=0',
                    '--no-sync',
                    '--file',
                    fifoPath,
                    ...connArgs(connection.database),
                ], signal));
            }
            if (options.format !== 'directory')
                throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`postgres does not write the ${options.format} format`);
            // The directory format needs a folder (pg_dump writes the tables in parallel); it is then
            // sent as one tar stream, so this is the one format that takes local disk space.
            const target = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(folder, `dump-${Date.now()}`);
            const dumped = await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .runTool */ .qI)(tool(tools.pgDump, [
                '--format=directory',
                '--compress=0',
                '--no-sync',
                '--jobs',
                String(options.jobs),
                '--file',
                target,
                ...connArgs(connection.database),
            ], signal));
            if (dumped.exitCode !== 0)
                return dumped;
            try {
                return await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .runTool */ .qI)(tool(tar(), ['--create', '--file', fifoPath, '--directory', target, '.'], signal));
            }
            finally {
                await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .removePath */ ._b)(target);
            }
        },
        checkComplete() {
            // pg_dump's exit status is the proof: it exits non-zero on any error.
        },
        listSink(format, signal) {
            return fifoSink(format, signal, async (archivePath) => {
                let entries = 0;
                const outcome = await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .runTool */ .qI)({
                    ...tool(tools.pgRestore, ['--list', formatArg(format), archivePath], signal),
                    onStdoutLine: (line) => {
                        if (line !== '' && !line.startsWith(';'))
                            entries++;
                    },
                });
                if (outcome.exitCode === 0 && entries === 0) {
                    return {
                        outcome: { ...outcome, exitCode: 1, stderrTail: 'the table of contents is empty' },
                        value: 0,
                    };
                }
                return { outcome, value: entries };
            });
        },
        restoreSink(format, database, options, signal) {
            return fifoSink(format, signal, async (archivePath) => {
                const parallel = format === 'directory' && options.jobs > 1;
                const outcome = await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .runTool */ .qI)(tool(tools.pgRestore, [
                    ...connArgs(database),
                    '--no-owner',
                    '--no-privileges',
                    '--exit-on-error',
                    ...(options.clean ? ['--clean', '--if-exists'] : []),
                    ...(parallel ? ['--jobs', String(options.jobs)] : ['--single-transaction']),
                    formatArg(format),
                    archivePath,
                ], signal));
                return { outcome, value: undefined };
            });
        },
        async tableCounts(database) {
            const counts = {};
            for (const line of (await psql(database, TABLE_COUNTS_SQL)).split('\n')) {
                if (line === '')
                    continue;
                const [name, count] = line.split('\t');
                if (name !== undefined)
                    counts[name] = Number(count);
            }
            return counts;
        },
        async createDatabase(database) {
            await psql(connection.database, `CREATE DATABASE ${quoteIdentifier(database)}`);
        },
        async dropDatabase(database) {
            await psql(connection.database, `DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
        },
        async close() {
            await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .endEveryTool */ .Hy)();
            await (0,_tools__WEBPACK_IMPORTED_MODULE_2__/* .removePath */ ._b)(folder);
        },
    };
}
/**
 * Named explicitly: left to guess, pg_restore reads the header, closes the file and opens it
 * again, which loses the header's bytes when the file is a FIFO.
 */
function formatArg(format) {
    return format === 'directory' ? '--format=directory' : '--format=custom';
}
async function mkdirp(path) {
    const { mkdir } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1455, 23));
    await mkdir(path, { recursive: true, mode: 0o700 });
    return path;
}


/***/ })

};
;