package io.ddbsync.sync;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

/**
 * Camel's {@link FileIdempotentRepository}, with keys appended so that a killed runner cannot glue
 * two of them together. Camel writes a key and its line break with two writes; a runner killed
 * between them (kill -9, a crash: what the ledger is for) left the key without its line break, the
 * next run's first key was appended to the same line, and the file then held one line that is
 * neither key: both partitions were copied again, and the line stayed in the file for good, since
 * no key removes it. Here a key and its line break go in one write, preceded by a line break when
 * the file's last line has none.
 */
public class LedgerFileRepository extends FileIdempotentRepository {
    private static final byte NEWLINE = '\n';

    @Override
    protected void appendToStore(String key) {
        byte[] text = key.getBytes(StandardCharsets.UTF_8);
        try (FileChannel file = FileChannel.open(getFileStore().toPath(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long end = file.size();
            boolean endsLine = end == 0 || lastByte(file, end) == NEWLINE;
            ByteBuffer line = ByteBuffer.allocate(text.length + (endsLine ? 1 : 2));
            if (!endsLine) line.put(NEWLINE);
            line.put(text).put(NEWLINE).flip();
            while (line.hasRemaining()) end += file.write(line, end);
        } catch (IOException e) {
            throw new RuntimeCamelException("Cannot record '" + key + "' in the ledger " + getFileStore() + ": " + e.getMessage(), e);
        }
    }

    private static byte lastByte(FileChannel file, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        file.read(b, size - 1);
        return b.get(0);
    }
}
