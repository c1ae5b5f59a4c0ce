package io.ddbsync.standin.functions;

import com.xxdb.data.*;
import io.ddbsync.standin.script.*;

import java.util.List;

import static io.ddbsync.standin.script.Builtins.add;

/** Login and the node functions the official client calls while it connects (and in HA mode). */
public final class SessionFunctions {
    public static final String VERSION = "3.00.3 2025.05.15 LINUX x86_64";

    private SessionFunctions() {
    }

    public static void register() {
        add("login(userId, password, [encrypted])", a -> {
            String user = a.string(0);
            String password = a.string(1);
            if (a.bool(2, false)) {
                user = a.session().node().decryptLoginField(user);
                password = a.session().node().decryptLoginField(password);
            }
            a.session().node().authenticate(user, password);
            a.session().login(user);
            return new com.xxdb.data.Void();
        });
        add("logout([userId])", a -> {
            a.session().logout();
            return new com.xxdb.data.Void();
        });
        add("getDynamicPublicKey()", a -> new BasicString(a.session().node().publicKeyPem()));
        // SCRAM is optional for a server; the client falls back to the RSA login on any error
        add("scramClientFirst(user, clientNonce)", a -> {
            throw new ScriptException("SCRAM authentication is not enabled on this server");
        });
        add("isNodeInitialized()", a -> new BasicBoolean(true));
        add("version()", a -> new BasicString(VERSION));
        add("getNodeAlias()", a -> new BasicString("node1"));
        add("getControllerAlias()", a -> new BasicString("controller"));
        add("isClientAuth()", a -> new BasicBoolean(false));
        add("getClusterPerf([includeMaster])", a -> {
            int port = a.session().node().port();
            return new BasicTable(
                    List.of("name", "host", "port", "mode", "memoryUsed", "maxMemSize", "connectionNum", "maxConnections", "avgLoad"),
                    List.of(new BasicStringVector(new String[]{"node1"}), new BasicStringVector(new String[]{"127.0.0.1"}),
                            new BasicIntVector(new int[]{port}), new BasicIntVector(new int[]{0}),
                            new BasicLongVector(new long[]{Runtime.getRuntime().totalMemory()}),
                            new BasicDoubleVector(new double[]{Runtime.getRuntime().maxMemory() / 1e9}),
                            new BasicIntVector(new int[]{1}), new BasicIntVector(new int[]{1024}),
                            new BasicDoubleVector(new double[]{0.0})));
        });
        add("getClusterLiveDataNodes([includeComputeNodes])", a ->
                new BasicStringVector(new String[]{"127.0.0.1:" + a.session().node().port()}));
        // a single-node stand-in: every alias is this node
        add("rpc(nodeAlias, func, ...)", a -> {
            if (!(a.get(1) instanceof FunctionValue f)) throw a.argument(1, "must be a function");
            return a.interpreter().call(f, a.rest(2));
        });
        add("getConsoleJobs()", a -> new BasicTable(List.of("rootJobId", "sessionId"),
                List.of(new BasicStringVector(new String[0]), new BasicLongVector(new long[0]))));
        add("cancelConsoleJob(jobId)", a -> new com.xxdb.data.Void());
        add("getCurrentSessionAndUser()", a -> {
            BasicAnyVector v = new BasicAnyVector(2);
            v.setEntity(0, new BasicLong(a.session().id()));
            v.setEntity(1, new BasicString(a.session().user() == null ? "guest" : a.session().user()));
            return v;
        });
    }
}
