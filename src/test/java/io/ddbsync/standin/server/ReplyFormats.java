package io.ddbsync.standin.server;

import io.ddbsync.standin.script.ScriptException;

/**
 * The reply formats a request may ask for in its flag, and the stand-in's answer to those it does
 * not produce. DolphinDB answers a request with flag 8 (pickle, the Python API's default) or
 * flag 32768 (Arrow) with objects in Python's pickle or Arrow's IPC form, marked by form bit 32;
 * the stand-in encodes neither. Answering such a request in the normal form would leave the
 * client to guess what it received, so the request is refused with an error naming the flag,
 * before anything runs.
 */
final class ReplyFormats {
    static final int PICKLE = 8;
    static final int ARROW = 1 << 15;

    private ReplyFormats() {
    }

    /** @throws ScriptException naming the flag when {@code flag} asks for a format the stand-in does not write */
    static void requireDolphinDbFormat(int flag) {
        if ((flag & PICKLE) != 0) throw refusal("the pickle protocol (request flag 8)");
        if ((flag & ARROW) != 0) throw refusal("the Arrow protocol (request flag 32768)");
    }

    private static ScriptException refusal(String what) {
        return new ScriptException("The stand-in does not serve " + what
                + "; ask for DolphinDB's own serialization (request flag without 8 and 32768)");
    }
}
