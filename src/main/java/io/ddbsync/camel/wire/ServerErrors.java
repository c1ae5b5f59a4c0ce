package io.ddbsync.camel.wire;

import java.io.IOException;

/**
 * Reads the DolphinDB API's IOException texts. A server error arrives as
 * {@code "<host>:<port> Server response: <message> script: <script>"} (or function: / variable:);
 * the connection stays usable. Anything else is a transport failure.
 */
public final class ServerErrors {
    private static final String RESPONSE = "Server response: ";
    private static final String[] TAILS = {" script: ", " function: ", " variable: "};

    private ServerErrors() {
    }

    public static boolean isServerReply(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains(RESPONSE);
    }

    /** The API refused to send because the socket was already closed. */
    public static boolean wasNotSent(IOException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Couldn't send");
    }

    /** The server's own message, without the host prefix and the echoed script; the exception text otherwise. */
    public static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null) return e.getClass().getSimpleName();
        int at = m.indexOf(RESPONSE);
        if (at < 0) return m;
        String rest = m.substring(at + RESPONSE.length());
        int end = rest.length();
        for (String tail : TAILS) {
            int t = rest.indexOf(tail);
            if (t >= 0 && t < end) end = t;
        }
        return rest.substring(0, end).trim();
    }
}
