package io.ddbsync.standin.server;

import com.xxdb.data.*;
import com.xxdb.io.LittleEndianDataInputStream;
import io.ddbsync.standin.StandInNode;
import io.ddbsync.standin.dfs.TableHandle;
import io.ddbsync.standin.script.RuntimeValue;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.script.Session;
import io.ddbsync.standin.wire.ChannelInput;
import io.ddbsync.standin.wire.ChannelOutput;
import io.ddbsync.standin.wire.EncodedTable;
import io.ddbsync.standin.wire.TableWriter;
import io.ddbsync.standin.wire.WireDataOutput;

import java.io.*;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves one client socket with DolphinDB's request/response protocol: one request, one reply.
 * Requests are connect (optionally carrying a login, see {@link ConnectRequest}), script, function
 * (name may be an expression such as a partial application) and variable (upload); replies are a
 * header, "OK" or the error text, and one entity when the header's count is 1.
 */
final class ClientConnection implements Runnable {
    private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());
    private static final int FLAG_ASYNC = 4;
    private static final int FLAG_CLEAR_MEMORY = 16;
    /** The first byte a TLS client sends (a handshake record's content type). */
    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    private final ByteChannel channel;
    private final StandInNode node;
    /** Tables uploaded with the request being served, released when it is over. */
    private final List<EncodedTable> uploads = new ArrayList<>();
    private Session session;

    ClientConnection(ByteChannel channel, StandInNode node) {
        this.channel = channel;
        this.node = node;
    }

    @Override
    public void run() {
        try (channel) {
            LittleEndianDataInputStream in = new ChannelInput(channel);
            WireDataOutput out = new WireDataOutput(new ChannelOutput(channel));
            int first = in.read();
            if (first == TLS_HANDSHAKE_RECORD) {
                // a TLS client on a port without TLS: its hello holds no request line to wait for
                LOG.fine("a client began a TLS handshake on a port without TLS (enableHTTPS=false); closing");
                return;
            }
            if (first == 'G') {
                // an HTTP GET: a web client's WebSocket upgrade, served on the API's port as a node does
                WebSocketChannel webSocket = WebSocketHandshake.accept("G" + WebSocketHandshake.stripCr(in.readLine()), in, channel);
                if (webSocket != null) new ClientConnection(webSocket, node).run();
                return;
            }
            String header = first < 0 ? null : first == '\n' ? "" : (char) first + in.readLine();
            while (header != null) {
                if (!header.isEmpty()) serve(header, in, out);
                if (!channel.isOpen()) return;
                header = in.readLine();
            }
        } catch (EOFException | java.net.SocketException | java.nio.channels.ClosedChannelException e) {
            // the client went away
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "connection ended", e);
        }
    }

    private void serve(String header, LittleEndianDataInputStream in, WireDataOutput out) throws IOException {
        try {
            serveRequest(header, in, out);
        } finally {
            // after the reply: the copy this may make overlaps the client's next request
            for (EncodedTable t : uploads) t.release();
            uploads.clear();
        }
    }

    private void serveRequest(String header, LittleEndianDataInputStream in, WireDataOutput out) throws IOException {
        String[] tokens = header.split(" ");
        if (tokens.length < 3) throw new IOException("Invalid request header: " + header);
        int length = Integer.parseInt(tokens[2]);
        String[] props = tokens.length > 4 ? tokens[4].split("_", -1) : new String[0];
        int flag = props.length > 0 && !props[0].isEmpty() ? Integer.parseInt(props[0]) : 0;
        int fetchSize = props.length > 5 && !props[5].isEmpty() ? Integer.parseInt(props[5]) : 0;
        byte[] bodyBytes = new byte[length];
        in.readFully(bodyBytes);
        String body = new String(bodyBytes, StandardCharsets.UTF_8);
        int nl = body.indexOf('\n');
        String kind = nl < 0 ? body : body.substring(0, nl);
        String rest = nl < 0 ? "" : body.substring(nl + 1);

        if (session == null) session = new Session(node.nextSessionId(), node);
        // a connect request is answered even from an asynchronous client: it reads that reply only
        boolean async = (flag & FLAG_ASYNC) != 0 && !kind.equals("connect");
        // request type API2 asks for the script's output while it runs: each print comes before the reply as
        // "MSG\n<text>\0" (DolphinDB's API protocol; the Java API sends API2 when given a ProgressListener)
        session.setOutput("API2".equals(tokens[0]) && !async ? text -> message(out, text) : null);
        Entity result;
        try {
            result = switch (kind) {
                case "connect" -> ConnectRequest.serve(rest, session);
                case "script" -> {
                    RequestFlags.requireServed(flag);
                    yield session.interpreter().run(rest);
                }
                case "function" -> {
                    RequestFlags.requireServed(flag);
                    yield callFunction(rest, in);
                }
                case "variable" -> upload(rest, in);
                default -> throw new ScriptException("Unknown request type " + kind);
            };
            if ((flag & FLAG_CLEAR_MEMORY) != 0) session.clearMemory();
        } catch (ScriptException e) {
            if (!async) replyError(out, e.getMessage());
            return;
        } catch (StackOverflowError | RuntimeException e) {
            LOG.log(Level.WARNING, "internal error serving " + kind, e);
            if (!async) replyError(out, "Internal server error: " + e);
            return;
        } finally {
            session.setOutput(null);
        }
        if (async) return;
        try {
            result = toWire(result);
        } catch (ScriptException e) {
            replyError(out, e.getMessage());
            return;
        }
        if (result instanceof com.xxdb.data.Void || result == null) {
            out.writeBytes(session.id() + " 0 1\n");
            out.writeBytes("OK\n");
            out.flush();
            return;
        }
        out.writeBytes(session.id() + " 1 1\n");
        out.writeBytes("OK\n");
        if (fetchSize > 0 && result instanceof BasicTable table && table.rows() > 0) {
            BlockStream.write(table, fetchSize, out);
        } else if (result instanceof BasicTable table && table.rows() > 0) {
            TableWriter.write(table, 0, table.rows(), out);
        } else {
            result.write(out);
        }
        out.flush();
    }

    private Entity toWire(Entity result) {
        if (result instanceof TableHandle h) return h.materialize(session);
        if (result instanceof RuntimeValue r) return r.toWire();
        return result;
    }

    private Entity callFunction(String rest, LittleEndianDataInputStream in) throws IOException {
        String[] parts = rest.split("\n", -1);
        String name = parts[0];
        int argc = Integer.parseInt(parts[1].trim());
        List<Entity> args = readEntities(in, argc);
        return session.interpreter().callByName(name, args);
    }

    private Entity upload(String rest, LittleEndianDataInputStream in) throws IOException {
        String[] parts = rest.split("\n", -1);
        String[] names = parts[0].split(",");
        int argc = Integer.parseInt(parts[1].trim());
        List<Entity> values = readEntities(in, argc);
        for (int i = 0; i < names.length && i < values.size(); i++) session.setVariable(names[i], values.get(i));
        return new com.xxdb.data.Void();
    }

    private List<Entity> readEntities(LittleEndianDataInputStream in, int count) throws IOException {
        List<Entity> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(readEntity(in));
        return out;
    }

    private Entity readEntity(LittleEndianDataInputStream in) throws IOException {
        short flag = in.readShort();
        int form = (flag >> 8) & 0xff;
        int type = flag & 0xff;
        boolean extended = type >= 128;
        if (extended) type -= 128;
        // tables keep the bytes they came in, so that a write can store them without re-encoding
        if (form == Entity.DATA_FORM.DF_TABLE.ordinal()) {
            EncodedTable table = EncodedTable.read(in, flag, node.uploadSpoolDir());
            uploads.add(table);
            return table.toTable();
        }
        return BasicEntityFactory.instance().createEntity(Entity.DATA_FORM.values()[form], Entity.DATA_TYPE.valueOf(type), in, extended);
    }

    private static void message(WireDataOutput out, String text) {
        try {
            out.writeBytes("MSG\n");
            out.writeCString(text);
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void replyError(WireDataOutput out, String message) throws IOException {
        String line = message == null ? "Unknown error" : message.replace('\n', ' ').replace('\r', ' ');
        out.writeBytes(session.id() + " 0 1\n");
        out.writeBytes(line + "\n");
        out.flush();
    }
}
