package io.ddbsync.standin.backup;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A partition's record read back from its bytes: whole, or refused as damaged with the reason. */
class ChunkMetaTest {
    private static final ChunkMeta META = new ChunkMeta("/20170807/0_50", "0b6f2a1e-0000-3000-8000-0000000000d2", 42, 500, 1_700_000_000_000L,
            List.of(new ChunkMeta.FileSum("ID.col", 2006, "1a2b3c4d"), new ChunkMeta.FileSum("a name = with spaces.col", 0, "00000000")));

    @Test
    void aRecordReadsBackAsWritten() {
        byte[] bytes = META.toText().getBytes(StandardCharsets.UTF_8);
        assertEquals(META, ChunkMeta.parse(bytes));
        assertEquals(META, ChunkMeta.parse(META.toText()));
    }

    @Test
    void keysItDoesNotKnowAreSkipped() {
        String body = META.toText().substring(0, META.toText().lastIndexOf("checksum="));
        String later = body + "addedLater=x\nno key on this line\n";
        assertEquals(META, ChunkMeta.parse(later + "checksum=" + Checksums.of(later.getBytes(StandardCharsets.UTF_8)) + "\n"));
    }

    @Test
    void aDamagedRecordIsRefusedSayingHow() {
        byte[] bytes = META.toText().getBytes(StandardCharsets.UTF_8);
        byte[] altered = bytes.clone();
        altered[20] ^= 1;
        assertMessage("altered", altered);
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertMessage("truncated", cut);
        assertMessage("truncated", "partition=/x\n".getBytes(StandardCharsets.UTF_8));
        String malformed = "format=" + ChunkMeta.FORMAT + "\npartition=/x\nchunkID=y\nfile=12 nochecksum\n";
        assertMessage("malformed file entry", (malformed + "checksum=" + Checksums.of(malformed.getBytes(StandardCharsets.UTF_8)) + "\n").getBytes(StandardCharsets.UTF_8));
        String older = "format=ddbsync-standin-backup-chunk/1\npartition=/x\nchunkID=y\n";
        assertMessage("unknown format", (older + "checksum=" + Checksums.of(older.getBytes(StandardCharsets.UTF_8)) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void assertMessage(String expected, byte[] record) {
        CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> ChunkMeta.parse(record));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
