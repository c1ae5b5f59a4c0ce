package io.ddbsync.standin.script;

/**
 * A DolphinDB error: its message is exactly what the server sends to the client on the error line.
 * DolphinDB error texts are one line; line breaks are flattened when the reply is written.
 */
public class ScriptException extends RuntimeException {
    public ScriptException(String message) {
        super(message);
    }

    public ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
