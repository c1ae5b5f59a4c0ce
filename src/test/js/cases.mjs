// Protocol cases run by DolphinDB's official JavaScript API (npm package dolphindb) against a
// node, over WebSocket on the node's own port, as the API connects to DolphinDB.
//
//   DDB_URL=ws://127.0.0.1:<port> DDB_USER=<user> DDB_PASSWORD=<password> node cases.mjs
//
// (the credentials come from the environment, not the command line, where any process could read them)
//
// Each case judges the node's answers with its own expectations (literal values, or queries whose
// results it computes itself). Prints "ok <case>" or "FAIL <case>: <why>" per case and exits with 1
// when any case failed. Nothing here knows it talks to a stand-in.

// The API (via xshell) calls Promise.withResolvers, which Node.js has from version 22 on; Debian's
// Node.js is 20. The standard function, defined as the specification does, only when missing.
Promise.withResolvers ??= function () {
    let resolve, reject
    const promise = new Promise((res, rej) => {
        resolve = res
        reject = rej
    })
    return { promise, resolve, reject }
}

import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict'
import {
    DDB, DdbConnectionError, DdbDatabaseError, DdbForm, DdbObj, DdbTable, DdbType, DdbInt,
    DdbVectorBool, DdbVectorChar, DdbVectorDouble, DdbVectorInt, DdbVectorLong, DdbVectorString, DdbVectorSymbol,
} from 'dolphindb'

const { DDB_URL: url, DDB_USER: user, DDB_PASSWORD: password } = process.env
if (!url || !user || password === undefined) {
    console.error('set DDB_URL (ws://host:port), DDB_USER and DDB_PASSWORD')
    process.exit(2)
}

const cases = []
const test = (name, run) => cases.push({ name, run })

/** A connected, logged-in API object, disconnected after {@code body}. */
async function withLogin (body) {
    const ddb = new DDB(url, { username: user, password })
    try {
        await ddb.connect()
        return await body(ddb)
    } finally {
        ddb.disconnect()
    }
}

async function rejection (promise) {
    try {
        await promise
    } catch (error) {
        return error
    }
    throw new Error('expected an error, got a result')
}

const sessionUser = async ddb => (await ddb.eval('getCurrentSessionAndUser()')).data()[1]
const json = value => JSON.stringify(value, (_, v) => typeof v === 'bigint' ? `${v}n` : v)


// ---- connect ------------------------------------------------------------------------------------

test('connect without a login opens a guest session', async () => {
    const ddb = new DDB(url, { autologin: false })
    try {
        await ddb.connect()
        strictEqual(await sessionUser(ddb), 'guest')
        strictEqual((await ddb.eval('1 + 1')).value, 2)
    } finally {
        ddb.disconnect()
    }
})

test('connect carrying a login logs the session in', () => withLogin(async ddb => {
    strictEqual(await sessionUser(ddb), user)
    // the session id of the reply is the one the session reports
    strictEqual(String((await ddb.eval('getCurrentSessionAndUser()')).data()[0]), ddb.sid)
}))

test('a wrong password is refused at connect with DolphinDB\'s error text', async () => {
    const ddb = new DDB(url, { username: user, password: password + '-wrong' })
    try {
        const error = await rejection(ddb.connect())
        ok(error instanceof DdbDatabaseError, `a DdbDatabaseError, not ${error?.constructor?.name}: ${error?.message}`)
        strictEqual(error.message, 'The user name or password is incorrect.')
    } finally {
        ddb.disconnect()
    }
})

test('an unknown user is refused at connect', async () => {
    const ddb = new DDB(url, { username: 'nobody-' + Date.now(), password })
    try {
        const error = await rejection(ddb.connect())
        strictEqual(error.message, 'The user name or password is incorrect.')
    } finally {
        ddb.disconnect()
    }
})

test('a login by function after a guest connect', async () => {
    const ddb = new DDB(url, { autologin: false })
    try {
        await ddb.connect()
        await ddb.call('login', [user, password])
        strictEqual(await sessionUser(ddb), user)
    } finally {
        ddb.disconnect()
    }
})


// ---- scalars of every type, and their NULLs -------------------------------------------------------

/** [script, type, what data() gives]: text forms are the API's own formatting of the value. */
const scalars = [
    ['true', DdbType.bool, true], ['00b', DdbType.bool, null],
    ['97c', DdbType.char, 'a'], ['00c', DdbType.char, ''],
    ['12h', DdbType.short, 12], ['00h', DdbType.short, null],
    ['-2000000000', DdbType.int, -2000000000], ['00i', DdbType.int, null],
    ['7l << 40', DdbType.long, 7n << 40n], ['00l', DdbType.long, null],
    ['2024.01.02', DdbType.date, '2024.01.02'], ['00d', DdbType.date, 'null'],
    ['2024.02M', DdbType.month, '2024.02M'], ['00M', DdbType.month, 'null'],
    ['13:30:10.008', DdbType.time, '13:30:10.008'], ['00t', DdbType.time, 'null'],
    ['13:30m', DdbType.minute, '13:30m'], ['00m', DdbType.minute, 'null'],
    ['13:30:10', DdbType.second, '13:30:10'], ['00s', DdbType.second, 'null'],
    ['2024.01.01T09:30:00', DdbType.datetime, '2024.01.01 09:30:00'], ['00D', DdbType.datetime, 'null'],
    ['2024.01.01T09:30:00.123', DdbType.timestamp, '2024.01.01 09:30:00.123'], ['00T', DdbType.timestamp, 'null'],
    ['13:30:10.008007006', DdbType.nanotime, '13:30:10.008007006'], ['00n', DdbType.nanotime, 'null'],
    ['2024.01.01T09:30:00.123456789', DdbType.nanotimestamp, '2024.01.01 09:30:00.123456789'], ['00N', DdbType.nanotimestamp, 'null'],
    ['datehour(2024.01.01T09:00:00)', DdbType.datehour, '2024.01.01T09'],
    ['2.5f', DdbType.float, 2.5], ['00f', DdbType.float, null],
    ['3.25', DdbType.double, 3.25], ['00F', DdbType.double, null],
    ['"h\u00e9llo"', DdbType.string, 'h\u00e9llo'], ['""', DdbType.string, ''],
    ['uuid("5d212a78-cc48-e3b1-4235-b4d91473ee87")', DdbType.uuid, '5d212a78-cc48-e3b1-4235-b4d91473ee87'],
    ['uuid("")', DdbType.uuid, '00000000-0000-0000-0000-000000000000'],
    ['ipaddr("192.168.1.13")', DdbType.ipaddr, '192.168.1.13'], ['ipaddr("")', DdbType.ipaddr, '0.0.0.0'],
    ['int128("e1671797c52e15f763380b45e841ec32")', DdbType.int128, 'e1671797c52e15f763380b45e841ec32'],
    ['blob("bytes")', DdbType.blob, 'bytes'],
    ['decimal32("3.14", 2)', DdbType.decimal32, '3.14'],
    ['decimal64("-0.000001", 6)', DdbType.decimal64, '-0.000001'],
    ['decimal128("123456789012345678901234.5678", 4)', DdbType.decimal128, '123456789012345678901234.5678'],
]

test('scalars of every type, and NULLs', () => withLogin(async ddb => {
    for (const [script, type, expected] of scalars) {
        const obj = await ddb.eval(script)
        strictEqual(obj.form, DdbForm.scalar, `form of ${script}`)
        strictEqual(obj.type, type, `type of ${script}: ${DdbType[obj.type]}`)
        deepStrictEqual(obj.data(), expected, `value of ${script}`)
    }
}))

test('a void result', () => withLogin(async ddb => {
    const obj = await ddb.eval('x = 1')
    strictEqual(obj.type, DdbType.void)
}))


// ---- vectors, pairs, dictionaries, tables ---------------------------------------------------------

/** [script, type, data()]: three elements, the middle one NULL. */
const vectors = [
    ['[true, 00b, false]', DdbType.bool, [true, null, false]],
    ['[12h, 00h, -32000h]', DdbType.short, [12, null, -32000]],
    ['[7, NULL, -2000000000]', DdbType.int, [7, null, -2000000000]],
    ['[7l, 00l, -9l]', DdbType.long, [7n, null, -9n]],
    ['[2024.01.02, 00d, 1969.12.31]', DdbType.date, ['2024.01.02', 'null', '1969.12.31']],
    ['[2024.01.01T09:30:00.123, 00T, 1970.01.01T00:00:00.001]', DdbType.timestamp,
        ['2024.01.01 09:30:00.123', 'null', '1970.01.01 00:00:00.001']],
    ['[2.5f, 00f, -0.5f]', DdbType.float, [2.5, null, -0.5]],
    ['[3.25, NULL, -1e300]', DdbType.double, [3.25, null, -1e300]],
    ['["hello, world", "", "\u00e9t\u00e9"]', DdbType.string, ['hello, world', '', '\u00e9t\u00e9']],
]

test('vectors of every kind of element, with NULLs', () => withLogin(async ddb => {
    for (const [script, type, expected] of vectors) {
        const obj = await ddb.eval(script)
        strictEqual(obj.form, DdbForm.vector, `form of ${script}`)
        strictEqual(obj.type, type, `type of ${script}: ${DdbType[obj.type]}`)
        strictEqual(obj.rows, 3, `rows of ${script}`)
        deepStrictEqual(obj.data(), expected, `values of ${script}`)
    }
    const symbols = await ddb.eval('symbol(["IBM", "", "IBM", "MSFT"])')
    strictEqual(symbols.type, DdbType.symbol_extended)
    deepStrictEqual(symbols.data(), ['IBM', '', 'IBM', 'MSFT'])
}))

test('a pair, a dictionary and an array vector', () => withLogin(async ddb => {
    const pair = await ddb.eval('1:3')
    strictEqual(pair.form, DdbForm.pair)
    deepStrictEqual(pair.data(), [1, 3])
    const dict = await ddb.eval('dict(`a`b, 1 2)')
    strictEqual(dict.form, DdbForm.dict)
    deepStrictEqual(dict.data(), { a: 1, b: 2 })
    const arrays = await ddb.eval('arrayVector(2 3, 1 2 3)')
    strictEqual(arrays.form, DdbForm.vector)
    deepStrictEqual(arrays.data(), [[1, 2], [3]])
}))

test('a table with a column of each type and a NULL row', () => withLogin(async ddb => {
    const table = await ddb.eval(
        'table(1 2 3 as k, [true, 00b, false] as b, [97c, 00c, 98c] as c, [7, NULL, 9] as i, [7l, 00l, 9l] as l,\n' +
        '      [2024.01.02, 00d, 2024.01.03] as d, [13:30m, 00m, 00:00m] as mi, [2024.01.01T09:30:00, 00D, 2024.01.01T09:30:01] as dt,\n' +
        '      [2024.01.01T09:30:00.123456789, 00N, 2024.01.01T09:30:00.000000001] as nts, [2.5, NULL, 0.0] as x,\n' +
        '      symbol(["IBM", "", "MSFT"]) as sym, ["a", "", "c"] as str,\n' +
        '      uuid(["5d212a78-cc48-e3b1-4235-b4d91473ee87", "", "5d212a78-cc48-e3b1-4235-b4d91473ee88"]) as u)')
    strictEqual(table.form, DdbForm.table)
    strictEqual(table.rows, 3)
    deepStrictEqual(table.value.map(column => column.name), ['k', 'b', 'c', 'i', 'l', 'd', 'mi', 'dt', 'nts', 'x', 'sym', 'str', 'u'])
    deepStrictEqual(table.data()[1], {
        k: 2, b: null, c: '', i: null, l: null, d: 'null', mi: 'null', dt: 'null', nts: 'null', x: null, sym: '', str: '',
        u: '00000000-0000-0000-0000-000000000000' })
    deepStrictEqual(table.data()[2], {
        k: 3, b: false, c: 'b', i: 9, l: 9n, d: '2024.01.03', mi: '00:00m', dt: '2024.01.01 09:30:01',
        nts: '2024.01.01 09:30:00.000000001', x: 0, sym: 'MSFT', str: 'c', u: '5d212a78-cc48-e3b1-4235-b4d91473ee88' })
}))


// ---- uploads and function calls with arguments ----------------------------------------------------

/**
 * Builds a three-row table of many types in the API's own classes; row 1 is NULL in every column.
 * Temporal columns are given in the stored form (days, seconds, milliseconds, nanoseconds since
 * 1970, the type's minimum for NULL), as the API sends them.
 */
function uploadTable () {
    const vector = (type, value, name) => new DdbObj({ form: DdbForm.vector, type, rows: value.length, cols: 1, value, name })
    return new DdbTable([
        new DdbVectorInt([1, 2, 3], 'k'),
        new DdbVectorBool([true, null, false], 'b'),
        new DdbVectorChar(Int8Array.of(97, -0x80, 98), 'c'),
        vector(DdbType.short, Int16Array.of(12, -0x8000, -32000), 'h'),
        new DdbVectorInt([7, null, -2000000000], 'i'),
        new DdbVectorLong([7n << 40n, null, -9n], 'l'),
        vector(DdbType.date, Int32Array.of(19724, -0x80000000, -1), 'd'),
        vector(DdbType.month, Int32Array.of(2024 * 12 + 1, -0x80000000, 1970 * 12 + 11), 'mo'),
        vector(DdbType.second, Int32Array.of(48610, -0x80000000, 86399), 's'),
        vector(DdbType.datetime, Int32Array.of(1704101400, -0x80000000, -86400), 'dt'),
        vector(DdbType.timestamp, BigInt64Array.of(1704101400123n, -0x8000000000000000n, -1n), 'ts'),
        vector(DdbType.nanotimestamp, BigInt64Array.of(1704101400123456789n, -0x8000000000000000n, -1n), 'nts'),
        vector(DdbType.float, Float32Array.of(2.5, -3.4028234663852886e+38, -0.5), 'f'),
        new DdbVectorDouble([Math.PI, null, -1e300], 'x'),
        new DdbVectorSymbol(['IBM', '', 'MSFT'], 's2'),
        new DdbVectorString(['hello, world', '', '\u00e9t\u00e9'], 'str'),
    ])
}

/** What the node must hold for uploadTable(), as text the node's own string() gives. */
const uploadedAsText = {
    k: ['1', '2', '3'], b: ['true', '', 'false'], c: ['97', '', '98'], h: ['12', '', '-32000'], i: ['7', '', '-2000000000'],
    l: [String(7n << 40n), '', '-9'], d: ['2024.01.02', '', '1969.12.31'], mo: ['2024.02M', '', '1970.12M'],
    s: ['13:30:10', '', '23:59:59'], dt: ['2024.01.01T09:30:00', '', '1969.12.31T00:00:00'],
    ts: ['2024.01.01T09:30:00.123', '', '1969.12.31T23:59:59.999'],
    nts: ['2024.01.01T09:30:00.123456789', '', '1969.12.31T23:59:59.999999999'],
    f: ['2.5', '', '-0.5'], x: ['3.141592653589793', '', '-1e+300'], s2: ['IBM', '', 'MSFT'], str: ['hello, world', '', '\u00e9t\u00e9'],
}

test('an uploaded table of many types arrives as sent, NULLs included', () => withLogin(async ddb => {
    await ddb.upload(['up'], [uploadTable()])
    strictEqual((await ddb.eval('size(up)')).value, 3)
    for (const [column, expected] of Object.entries(uploadedAsText)) {
        const nulls = (await ddb.eval(`isNull(up.${column})`)).data()
        deepStrictEqual(nulls, [false, column !== 'k', false], `NULLs of ${column}`)
        if (column === 'f' || column === 'x') {
            const numbers = (await ddb.eval(`up.${column}`)).data()
            deepStrictEqual(numbers.map(v => v === null ? '' : String(Number(v.toPrecision(16)))),
                expected.map(v => v === '' ? '' : String(Number(Number(v).toPrecision(16)))), `values of ${column}`)
            continue
        }
        // a CHAR as its code: how string() shows a CHAR is not what this case is about
        const text = (await ddb.eval(column === 'c' ? 'string(int(up.c))' : `string(up.${column})`)).data()
        deepStrictEqual(text, expected, `text of ${column}`)
    }
    // and back to the API, decoded by it
    deepStrictEqual(json((await ddb.eval('up')).data()), json(uploadTable().data()))
}))

test('a function called with arguments, and several variables uploaded at once', () => withLogin(async ddb => {
    strictEqual((await ddb.call('add', [new DdbInt(40), new DdbInt(2)])).value, 42)
    await ddb.upload(['a', 'b'], [new DdbVectorInt([1, 2, 3]), new DdbVectorDouble([0.5, null])])
    strictEqual(Number((await ddb.eval('sum(a)')).value), 6)
    strictEqual(Number((await ddb.eval('sum(isNull(b))')).value), 1)
}))


// ---- DFS tables ---------------------------------------------------------------------------------

test('a DFS table written through the API and read back per partition', () => withLogin(async ddb => {
    const db = `dfs://jsclient_${Date.now()}`
    await ddb.eval(
        `if (existsDatabase("${db}")) dropDatabase("${db}")\n` +
        `db = database("${db}", VALUE, 1..4)\n` +
        `db.createPartitionedTable(table(1:0, \`k\`v\`name, [INT, DOUBLE, STRING]), \`t, \`k)`)
    const keys = [], values = [], names = []
    for (let i = 0; i < 1000; i++) {
        keys.push(1 + i % 4)
        values.push(i % 7 === 0 ? null : i / 4)
        names.push(`row${i}`)
    }
    const written = await ddb.call(`tableInsert{loadTable("${db}", "t")}`, [
        new DdbTable([new DdbVectorInt(keys, 'k'), new DdbVectorDouble(values, 'v'), new DdbVectorString(names, 'name')])])
    strictEqual(written.value, 1000)
    const expected = [1, 2, 3, 4].map(k => {
        const rows = keys.map((key, i) => i).filter(i => keys[i] === k)
        return {
            k,
            n: rows.length,
            s: rows.reduce((sum, i) => sum + (values[i] ?? 0), 0),
            nulls: rows.filter(i => values[i] === null).length,
        }
    })
    const actual = (await ddb.eval(
        `select count(*) as n, sum(v) as s, sum(isNull(v)) as nulls from loadTable("${db}", "t") group by k order by k`)).data()
    strictEqual(actual.length, 4)
    actual.forEach((row, i) => {
        strictEqual(row.k, expected[i].k)
        strictEqual(Number(row.n), expected[i].n, `rows of partition ${row.k}`)
        ok(Math.abs(row.s - expected[i].s) < 1e-6, `sum of partition ${row.k}: ${row.s} vs ${expected[i].s}`)
        strictEqual(Number(row.nulls), expected[i].nulls, `NULLs of partition ${row.k}`)
    })
    await ddb.eval(`dropDatabase("${db}")`)
    strictEqual((await ddb.eval(`existsDatabase("${db}")`)).value, false)
}))


// ---- server errors --------------------------------------------------------------------------------

test('throw gives DolphinDB\'s error text and the session goes on', () => withLogin(async ddb => {
    const error = await rejection(ddb.eval("throw 'it is odd'"))
    ok(error instanceof DdbDatabaseError, `a DdbDatabaseError, not ${error?.constructor?.name}`)
    strictEqual(error.message, 'throw "it is odd" => it is odd')
    strictEqual((await ddb.eval('try { throw "caught" } catch (ex) { r = ex }; r')).data(), 'caught')
    strictEqual((await ddb.eval('1 + 1')).value, 2)
}))

test('errors of scripts and functions are database errors; the session goes on', () => withLogin(async ddb => {
    for (const run of [() => ddb.eval('1 +* 2'), () => ddb.eval('noSuchFunction(1)'), () => ddb.call('noSuchFunction', [new DdbInt(1)]),
        () => ddb.eval('loadTable("dfs://no_such_database_js", "t")')]) {
        const error = await rejection(run())
        ok(error instanceof DdbDatabaseError, `a DdbDatabaseError, not ${error?.constructor?.name}: ${error?.message}`)
        ok(error.message.length > 0, 'an error text')
    }
    strictEqual((await ddb.eval('x = 5; x * 2')).value, 10)
}))

test('a closed connection gives a connection error', async () => {
    const ddb = new DDB(url, { username: user, password })
    await ddb.connect()
    ddb.disconnect()
    const error = await rejection(ddb.eval('1'))
    ok(error instanceof DdbConnectionError, `a DdbConnectionError, not ${error?.constructor?.name}`)
})

test('each connection is its own session', async () => {
    const sessions = await Promise.all([1, 2, 3, 4].map(i => withLogin(async ddb => {
        await ddb.eval(`v = ${i}`)
        for (let k = 0; k < 10; k++) await ddb.eval('v = v + 1')
        return [ddb.sid, (await ddb.eval('v')).value]
    })))
    deepStrictEqual(sessions.map(([, v]) => v), [11, 12, 13, 14])
    strictEqual(new Set(sessions.map(([sid]) => sid)).size, 4)
})


// ---- run ----------------------------------------------------------------------------------------

let failed = 0
for (const { name, run } of cases) {
    try {
        await run()
        console.log(`ok ${name}`)
    } catch (error) {
        failed++
        console.log(`FAIL ${name}: ${error?.stack ?? error}`)
    }
}
console.log(`${cases.length - failed} of ${cases.length} cases passed`)
process.exit(failed ? 1 : 0)
