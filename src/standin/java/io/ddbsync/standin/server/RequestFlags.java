package io.ddbsync.standin.server;

import io.ddbsync.standin.script.ScriptException;

/**
 * The request flags that ask a node for something the stand-in does not do, and its answer to
 * them: an error naming the flag, before anything runs. Ignoring such a flag would answer a
 * different question than the one asked (a script parsed as DolphinDB's where the client asked
 * for Python's), or answer in a form the client did not ask for.
 * <ul>
 *   <li>8, pickle (the Python API's default) and 32768, Arrow: DolphinDB answers with objects in
 *       Python's pickle or Arrow's IPC form, marked by form bit 32; the stand-in encodes neither.</li>
 *   <li>2048, 4096: scripts in Python syntax or kdb+/q; the stand-in parses DolphinDB script only.</li>
 *   <li>bits 19 to 22: the SQL dialect (1 Oracle, 2 MySQL); the stand-in parses DolphinDB SQL only.</li>
 * </ul>
 * The connect request carries the connection's flags too; it is served, as nothing is parsed or
 * encoded for it, so the refusal comes with the first request that would be.
 */
final class RequestFlags {
    private static final int PICKLE = 8;
    private static final int PYTHON_PARSER = 2048;
    private static final int KDB_PARSER = 4096;
    private static final int ARROW = 1 << 15;
    private static final int SQL_DIALECT_SHIFT = 19;
    private static final int SQL_DIALECT_MASK = 0xF;

    private RequestFlags() {
    }

    /** @throws ScriptException naming the flag when {@code flag} asks for what the stand-in does not do */
    static void requireServed(int flag) {
        if ((flag & PICKLE) != 0) throw refusal("the pickle protocol (request flag 8)");
        if ((flag & ARROW) != 0) throw refusal("the Arrow protocol (request flag 32768)");
        if ((flag & PYTHON_PARSER) != 0) throw refusal("scripts in Python syntax (request flag 2048)");
        if ((flag & KDB_PARSER) != 0) throw refusal("scripts in kdb+/q syntax (request flag 4096)");
        int dialect = (flag >> SQL_DIALECT_SHIFT) & SQL_DIALECT_MASK;
        if (dialect != 0) throw refusal("SQL dialect " + dialect + " (request flag " + (dialect << SQL_DIALECT_SHIFT) + "); only DolphinDB's SQL");
    }

    private static ScriptException refusal(String what) {
        return new ScriptException("The stand-in does not serve " + what + "; ask for DolphinDB's own format and language");
    }
}
