package io.ddbsync.camel.wire;

import com.xxdb.RSAUtils;
import com.xxdb.data.BasicBoolean;
import com.xxdb.data.BasicEntityFactory;
import com.xxdb.data.BasicString;
import com.xxdb.data.Entity;
import com.xxdb.data.Void;
import com.xxdb.io.LittleEndianDataInputStream;
import com.xxdb.io.LittleEndianDataOutputStream;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

/**
 * A plain connection to one DolphinDB node that reads a streaming query's blocks in their wire form
 * ({@link WireTable}) instead of decoding them, which the API cannot do. It speaks the protocol as
 * the official Java API 3.00.3.1 does, byte for byte (reference: docs/wire-protocol.md): the
 * {@code connect} request, the API's RSA login (with the API's own RSAUtils),
 * {@code isNodeInitialized}, then function calls with {@code fetchSize}; replies that are not
 * blocks are decoded by the API's own entity factory. Everything else the component does goes
 * through the API's DBConnection; this class exists only for the hot path of copying and reading
 * back partitions. Not thread-safe: one caller at a time, as a pool lease.
 *
 * No call waits for ever: reads time out after the cluster's readTimeout (SO_TIMEOUT), and a
 * {@link StallWatchdog} closes the socket of a call that moved no byte either way for that long
 * (a write into a silent link is not bounded by SO_TIMEOUT).
 */
public final class WireConnection implements Closeable {
    /** Priority and parallelism as the API sends them by default; the connect request asks for parallelism 2, as the API does. */
    private static final String PROPS = "0_1_4_64";
    private static final String CONNECT_PROPS = "0_1_4_2";
    private static final int ANY = Entity.DATA_TYPE.DT_ANY.getValue();

    private final Socket socket;
    private final String where;
    private final WireInput in;
    /** The socket's buffered stream, for the bytes of blocks in wire form, and the API's writer on it, for everything else. */
    private final BufferedOutputStream raw;
    private final LittleEndianDataOutputStream out;
    private String session = "0";
    private boolean broken;
    /** The blocks of the last streamed reply: until all are read, the socket holds them and serves nothing else. */
    private Blocks streaming;
    private final StallWatchdog watchdog;
    /** System.nanoTime() when a byte last moved on the socket, either way: what the watchdog looks at. */
    private volatile long lastByteNanos = System.nanoTime();
    /** What the call on the connection is doing, for the message of a stall. */
    private volatile String doing = "idle";

    private WireConnection(Socket socket, String where, StallWatchdog watchdog) throws IOException {
        this.socket = socket;
        this.where = where;
        this.watchdog = watchdog;
        this.in = new WireInput(new ProgressInput(socket.getInputStream()));
        this.raw = new BufferedOutputStream(new ProgressOutput(socket.getOutputStream()), 1 << 16);
        this.out = new LittleEndianDataOutputStream(raw);
    }

    /**
     * A logged-in connection to the site {@code host:port} of the named cluster (no login when the cluster has
     * no user and password, as with the API).
     */
    public static WireConnection open(String cluster, String host, int port, int connectTimeoutMillis, int readTimeoutMillis,
                                      String user, String password) throws IOException {
        String site = host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            WireConnection c = new WireConnection(socket, site, new StallWatchdog(cluster, site, readTimeoutMillis));
            c.handshake(user, password);
            return c;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void handshake(String user, String password) throws IOException {
        send("connect\n", CONNECT_PROPS, List.of());
        String[] head = in.readLine().split(" ");
        // the API's own check: "<session> <objects> <endianness>", and it reads (and ignores) a second line
        if (head.length != 3 || head[0].isEmpty()) throw new IOException(where + " answered the connect request with an invalid header");
        if (!"1".equals(head[2])) throw new IOException(where + " is a big-endian server, which the DolphinDB Java API cannot read either");
        session = head[0];
        in.readLine();
        if (user != null && !user.isEmpty() && password != null && !password.isEmpty()) login(user, password);
        if (call("isNodeInitialized", List.of()) instanceof BasicBoolean ready && !ready.getBoolean()) {
            throw new IOException(where + " is not initialized yet (isNodeInitialized() is false)");
        }
    }

    /** The API's login: the user and password encrypted with the node's RSA key, never sent in clear. */
    private void login(String user, String password) throws IOException {
        PublicKey key = RSAUtils.getPublicKey(((BasicString) call("getDynamicPublicKey", List.of())).getString());
        Base64.Encoder mime = Base64.getMimeEncoder();
        call("login", List.of(new BasicString(mime.encodeToString(RSAUtils.encryptByPublicKey(user.getBytes(StandardCharsets.UTF_8), key))),
                new BasicString(mime.encodeToString(RSAUtils.encryptByPublicKey(password.getBytes(StandardCharsets.UTF_8), key))),
                new BasicBoolean(true)));
    }

    /** Calls a function and decodes its reply with the API. */
    public Entity call(String function, List<Entity> args) throws IOException {
        requireInStep();
        return guarded(() -> {
            send(functionBody(function, args), PROPS, args);
            if (!replied(function)) return new Void();
            short flag = in.readShort();
            return decode(flag);
        });
    }

    /**
     * Calls a function whose result is a table, asking for it in blocks of {@code fetchSize} rows;
     * the blocks must all be read ({@link Blocks#next}) before the connection serves another call.
     */
    public Blocks stream(String function, List<Entity> args, int fetchSize) throws IOException {
        requireInStep();
        return guarded(() -> {
            send(functionBody(function, args), PROPS + "__" + fetchSize, args);
            if (!replied(function)) return new Blocks(0, null);
            short flag = in.readShort();
            int form = (flag >> 8) & 0xff;
            if (form == Entity.DATA_FORM.DF_TABLE.ordinal()) {
                // a result small enough is sent whole; one without rows is no block, as the API's BlockIterator has it
                WireTable whole = WireTable.read(in, flag);
                return whole.rows() > 0 ? new Blocks(1, whole) : new Blocks(0, null);
            }
            if (form != Entity.DATA_FORM.DF_VECTOR.ordinal() || (flag & 0xff) != ANY) {
                broken = true;
                throw new IOException(where + " answered " + function + " with " + decode(flag).getString() + ", not a table");
            }
            int blocks = in.readInt();
            in.readInt();
            streaming = new Blocks(blocks, null);
            return streaming;
        });
    }

    /** The blocks of one streamed reply, read from the socket one at a time. */
    public final class Blocks {
        private int left;
        private WireTable first;

        private Blocks(int count, WireTable first) {
            this.left = count;
            this.first = first;
        }

        public boolean hasNext() {
            return left > 0;
        }

        public WireTable next() throws IOException {
            if (left <= 0) throw new IllegalStateException("No block left");
            left--;
            if (first != null) {
                WireTable t = first;
                first = null;
                return t;
            }
            return guarded(() -> {
                doing = "reading the next block of a streamed reply";
                short flag = in.readShort();
                if (((flag >> 8) & 0xff) != Entity.DATA_FORM.DF_TABLE.ordinal()) {
                    throw new IOException(where + " sent a block of form " + ((flag >> 8) & 0xff) + " where a table was expected");
                }
                return WireTable.read(in, flag);
            });
        }
    }

    /** Blocks of a streamed reply still on the socket: until they are read, it serves nothing else. */
    private void requireInStep() {
        if (streaming != null && streaming.hasNext()) {
            throw new IllegalStateException("The connection to " + where + " still holds blocks of a streamed reply");
        }
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    /**
     * Runs one step of a call under the watchdog. Any failure but a server's error reply leaves the
     * socket out of step with the replies: the connection is not reused.
     */
    private <T> T guarded(Io<T> io) throws IOException {
        if (broken) throw new IOException("Couldn't send the request to " + where + ": its connection failed before");
        lastByteNanos = System.nanoTime();
        try (StallWatchdog.Watch watch = watchdog.watch(socket, () -> lastByteNanos, () -> doing)) {
            try {
                T result = io.run();
                // the watchdog closed the socket just as the call ended: the result stands, the connection does not
                if (watch.stalled()) broken = true;
                return result;
            } catch (IOException e) {
                if (ServerErrors.isServerReply(e)) throw e;
                broken = true;
                throw watch.explain(e);
            } catch (RuntimeException e) {
                broken = true;
                // the API's decoder wraps a socket failure in an unchecked exception
                if (watch.stalled() || StallWatchdog.timedOut(e)) throw watch.explain(e);
                throw e;
            }
        }
    }

    /** The socket's input, noting when bytes arrive. */
    private final class ProgressInput extends FilterInputStream {
        ProgressInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            lastByteNanos = System.nanoTime();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            lastByteNanos = System.nanoTime();
            return n;
        }
    }

    /** The socket's output, noting when the network takes bytes (a write into a full socket buffer blocks until it does). */
    private final class ProgressOutput extends FilterOutputStream {
        ProgressOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            lastByteNanos = System.nanoTime();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            // in slices, so a large write that the link takes slowly still shows progress
            for (int at = off; at < off + len; at += SLICE) {
                out.write(b, at, Math.min(SLICE, off + len - at));
                lastByteNanos = System.nanoTime();
            }
        }
    }

    private static final int SLICE = 1 << 16;

    /** Answers version(), as the API's connected() asks: the pool's check of a connection idle for a while. */
    public boolean isAlive() {
        try {
            call("version", List.of());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Failed, or left with blocks of a streamed reply unread: not to be reused. */
    public boolean isBroken() {
        return broken || streaming != null && streaming.hasNext();
    }

    private static String functionBody(String function, List<Entity> args) {
        // "1": the server declared itself little-endian (the connect reply)
        return "function\n" + function + "\n" + args.size() + "\n1";
    }

    /**
     * The request: its header line, the body text, then the arguments. A block in wire form goes
     * to the socket's buffer as whole arrays: the API's writer would pass it on a byte at a time
     * (it is a FilterOutputStream that only writes its own arrays in bulk).
     */
    private void send(String body, String props, List<Entity> args) throws IOException {
        doing = "sending a request";
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        raw.write(("API " + session + " " + text.length + " / " + props + "\n").getBytes(StandardCharsets.UTF_8));
        raw.write(text);
        for (Entity arg : args) {
            if (arg instanceof WireTable table) {
                table.writeTo(raw);
            } else {
                arg.write(out);
                out.flush();
            }
        }
        raw.flush();
        doing = "waiting for the reply";
    }

    /**
     * Reads the reply's header and status lines: true when an entity follows. An error reply
     * becomes an IOException worded as the API words it, so it reads the same in the run's
     * report whichever connection met it. Messages the server sends while it works (a script's
     * print output: a "MSG" line and a zero-ended text) come before the header; they are skipped,
     * as the API does when no ProgressListener is given.
     */
    private boolean replied(String function) throws IOException {
        String header = in.readLine();
        while (header.equals("MSG")) {
            in.readCString();
            header = in.readLine();
        }
        String[] head = header.split(" ");
        if (head.length != 3) throw new IOException(where + " sent an invalid reply header");
        String status = in.readLine();
        if (!"OK".equals(status)) throw new IOException(where + " Server response: " + status + " function: " + function);
        try {
            return Integer.parseInt(head[1]) > 0;
        } catch (NumberFormatException e) {
            throw new IOException(where + " sent an invalid reply header");
        }
    }

    private Entity decode(short flag) throws IOException {
        int form = (flag >> 8) & 0xff;
        int type = flag & 0xff;
        boolean extended = type >= 128;
        if (extended) type -= 128;
        return BasicEntityFactory.instance().createEntity(Entity.DATA_FORM.values()[form], Entity.DATA_TYPE.valueOf(type),
                new LittleEndianDataInputStream(in), extended);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }
}
