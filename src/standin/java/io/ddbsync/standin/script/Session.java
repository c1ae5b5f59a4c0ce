package io.ddbsync.standin.script;

import com.xxdb.data.Entity;
import io.ddbsync.standin.StandInNode;

import java.util.HashMap;
import java.util.Map;

/** One client connection's session: who is logged in, and the variables and functions it defined. */
public final class Session {
    private final long id;
    private final StandInNode node;
    private final Map<String, Entity> variables = new HashMap<>();
    private final Map<String, FunctionValue> functions = new HashMap<>();
    private volatile String user;
    private final Interpreter interpreter;
    /** Where print output goes: to the client while it serves a request that asked for it (API2), else nowhere. */
    private volatile java.util.function.Consumer<String> output;

    public Session(long id, StandInNode node) {
        this.id = id;
        this.node = node;
        this.interpreter = new Interpreter(this);
    }

    public long id() {
        return id;
    }

    public StandInNode node() {
        return node;
    }

    public Interpreter interpreter() {
        return interpreter;
    }

    public String user() {
        return user;
    }

    public boolean loggedIn() {
        return user != null;
    }

    public void login(String user) {
        this.user = user;
    }

    public void logout() {
        this.user = null;
    }

    public Entity variable(String name) {
        return variables.get(name);
    }

    public void setVariable(String name, Entity value) {
        variables.put(name, value);
    }

    public void undef(String name) {
        variables.remove(name);
    }

    public FunctionValue function(String name) {
        return functions.get(name);
    }

    public void defineFunction(String name, FunctionValue f) {
        functions.put(name, f);
    }

    /** Sends print output to {@code sink} (null: drops it) until it is set again. */
    public void setOutput(java.util.function.Consumer<String> sink) {
        this.output = sink;
    }

    /** print(X): the text goes to the client that asked for the script's output, if it did. */
    public void print(String text) {
        java.util.function.Consumer<String> sink = output;
        if (sink != null) sink.accept(text);
    }

    /** What the clearSessionMemory flag does: drop every variable the session defined. */
    public void clearMemory() {
        variables.clear();
    }
}
