package io.ddbsync.standin.backup;

import com.xxdb.data.BasicEntityFactory;
import com.xxdb.data.Entity;
import com.xxdb.io.LittleEndianDataInputStream;
import com.xxdb.io.LittleEndianDataOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Backup data in the official API's binary form (the form the wire protocol and the stand-in's storage use). */
final class Entities {
    private Entities() {
    }

    static byte[] toBytes(Entity e) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 12);
            LittleEndianDataOutputStream out = new LittleEndianDataOutputStream(bytes);
            e.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new IllegalStateException("serializing to memory cannot fail", ex);
        }
    }

    static Entity read(InputStream is) throws IOException {
        LittleEndianDataInputStream in = new LittleEndianDataInputStream(is);
        short flag = in.readShort();
        int form = flag >> 8;
        int type = flag & 0xff;
        boolean extended = type >= 128;
        if (extended) type -= 128;
        return BasicEntityFactory.instance().createEntity(Entity.DATA_FORM.values()[form], Entity.DATA_TYPE.valueOf(type), in, extended);
    }

    static Entity fromBytes(byte[] bytes, int from, int length) throws IOException {
        return read(new ByteArrayInputStream(bytes, from, length));
    }

    /**
     * Writes a file; with {@code force}, forces it to disk too, so a rename that follows never
     * exposes a file the disk doesn't have yet, even after a power loss.
     */
    static void write(Path file, boolean force, byte[]... parts) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (byte[] p : parts) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(p);
                while (buf.hasRemaining()) ch.write(buf);
            }
            if (force) ch.force(true);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
