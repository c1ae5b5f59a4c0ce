package io.ddbsync.sync;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Camel's {@link FileIdempotentRepository}, made safe for a runner that dies while it records a key
 * (kill -9, a crash, a power cut: what the ledger is for). A line counts only when its line break
 * made it to the file:
 * <ul>
 * <li>Each key is appended with its line break in one write. Camel writes them with two, and a
 *     runner killed between them left a key without its line break; the next key went on the same
 *     line, which is neither key, so both partitions were copied again and the line stayed in the
 *     file for good, since no key removes it.</li>
 * <li>A last line without its line break is dropped when the ledger is loaded, and cut off before
 *     the next key is appended: it may be a key cut short, and a key cut short can be another
 *     partition's key ({@code …|/12} cut to {@code …|/1}), which would skip a partition that was
 *     never verified. Dropped, its partition is copied again.</li>
 * </ul>
 */
public class LedgerFileRepository extends FileIdempotentRepository {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerFileRepository.class);
    private static final byte NEWLINE = '\n';

    @Override
    protected void loadStore() throws IOException {
        Path file = getFileStore().toPath();
        if (Files.exists(file)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                endOfLastLine(channel);
            }
        }
        super.loadStore();
    }

    @Override
    protected void appendToStore(String key) {
        byte[] text = key.getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(getFileStore().toPath(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long end = endOfLastLine(channel);
            ByteBuffer line = ByteBuffer.allocate(text.length + 1).put(text).put(NEWLINE).flip();
            while (line.hasRemaining()) end += channel.write(line, end);
        } catch (IOException e) {
            throw new RuntimeCamelException("Cannot record '" + key + "' in the ledger " + getFileStore() + ": " + e.getMessage(), e);
        }
    }

    /** Where the last complete line ends; a part line after it is cut off (and said so). */
    private long endOfLastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        long end = size;
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        while (end > 0) {
            long from = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - from));
            while (chunk.hasRemaining()) {
                if (channel.read(chunk, from + chunk.position()) < 0) break;
            }
            int i = chunk.position() - 1;
            while (i >= 0 && chunk.get(i) != NEWLINE) i--;
            if (i >= 0) {
                end = from + i + 1;
                break;
            }
            end = from;
        }
        if (end < size) {
            LOG.warn("The ledger {} ended in a line without its line break ({} bytes, left by a runner that stopped while it wrote): "
                    + "dropped, so its partition is copied again", getFileStore(), size - end);
            channel.truncate(end);
        }
        return end;
    }
}
