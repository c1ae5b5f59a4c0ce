package io.ddbsync.standin.tools;

import com.xxdb.DBConnection;
import com.xxdb.data.Entity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs DolphinDB script on a server (a stand-in or a real one) through the official Java client
 * and prints the result, for the README's by-hand steps.
 *
 * <pre>RunScript [--host 127.0.0.1] --port 8848 [--user admin --password 123456] [--ssl] ( "script" | --file f.dos )</pre>
 */
public final class RunScript {
    private RunScript() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 8848;
        String user = "admin";
        String password = "123456";
        String script = null;
        boolean ssl = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--file" -> script = Files.readString(Path.of(args[++i]), StandardCharsets.UTF_8);
                case "--ssl" -> ssl = true;
                default -> script = args[i];
            }
        }
        if (script == null) {
            System.err.println("usage: RunScript [--host H] --port P [--user U --password PW] [--ssl] (\"script\" | --file F)");
            System.exit(2);
        }
        // (asynchronousTask, useSSL, compress): --ssl for a server with enableHTTPS=true
        DBConnection c = new DBConnection(false, ssl, false);
        if (!c.connect(host, port, user, password)) throw new IllegalStateException("cannot connect to " + host + ":" + port);
        try {
            Entity result = c.run(script);
            if (result != null && !(result instanceof com.xxdb.data.Void)) System.out.println(result.getString());
        } finally {
            c.close();
        }
    }
}
