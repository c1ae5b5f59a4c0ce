package io.ddbsync.standin.server;

import com.xxdb.data.BasicBoolean;
import com.xxdb.data.Entity;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.script.Session;

/**
 * The body of a {@code connect} request after its first line, and what DolphinDB answers to it.
 * <p>
 * A plain {@code connect\n} (the Java API's) opens a guest session and is answered with no object:
 * DolphinDB's protocol description (Tutorials_CN api_protocol.md) gives the connect reply as
 * {@code <sid> 0 1\nOK\n}, and the C++ core (api-cplusplus and python-sdk DolphinDBImp::connect)
 * reads an object only when the count says 1.
 * <p>
 * The C++ and JavaScript clients may carry a login in the same request:
 * {@code connect\nlogin\n<user>\n<password>[\n<encrypted>]}. Accepted, it is answered with one
 * object, BOOL true, which the C++ core reads and checks ("Failed to authenticate the user" when
 * false). Refused, the reply is DolphinDB's error line, which the Python API shows as
 * "The user name or password is incorrect" (python-sdk test_session.py expects that text).
 */
final class ConnectRequest {
    private static final String LOGIN = "login";

    private ConnectRequest() {
    }

    /**
     * Logs {@code session} in when the request carries a login.
     *
     * @param rest the body after {@code connect\n}
     * @return the object the reply carries: null for a plain connect, BOOL true after a login
     * @throws ScriptException with DolphinDB's text when the user or password is wrong
     */
    static Entity serve(String rest, Session session) {
        String[] fields = rest.split("\n", -1);
        if (!fields[0].equals(LOGIN)) return null;
        if (fields.length < 3) throw new ScriptException("The user name or password is incorrect.");
        String user = fields[1];
        String password = fields[2];
        boolean encrypted = fields.length > 3 && Boolean.parseBoolean(fields[3].trim());
        if (encrypted) {
            user = session.node().decryptLoginField(user);
            password = session.node().decryptLoginField(password);
        }
        session.node().authenticate(user, password);
        session.login(user);
        return new BasicBoolean(true);
    }
}
