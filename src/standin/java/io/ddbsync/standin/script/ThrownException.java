package io.ddbsync.standin.script;

/**
 * An exception a script raised with {@code throw}. Uncaught, DolphinDB reports it as
 * {@code <statement> => <message>} (e.g. {@code throw "odd" => odd}); a catch block sees the
 * message alone.
 */
public final class ThrownException extends ScriptException {
    private final String thrownMessage;

    public ThrownException(String statement, String thrownMessage) {
        super(statement + " => " + thrownMessage);
        this.thrownMessage = thrownMessage;
    }

    public String thrownMessage() {
        return thrownMessage;
    }
}
