package io.ddbsync.standin.wire;

import com.xxdb.data.*;
import com.xxdb.io.LittleEndianDataOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** An upload received into a pooled direct buffer keeps its rows after the buffer goes back and is reused. */
class UploadReleaseTest {

    @Test
    void aReleasedUploadReadsFromItsOwnCopy() throws IOException {
        BasicTable sent = table(40_000, 1);
        EncodedTable upload = receive(sent);
        BasicTable lazy = upload.toTable();
        lazy.getColumn(0); // one column decoded before the release, the others after
        upload.release();
        upload.release(); // twice is harmless

        // the next uploads of this size get the buffer back and overwrite it
        for (int i = 0; i < 3; i++) {
            ByteBuffer reused = CaptureBuffers.takeDirect(upload.bytes().limit());
            while (reused.hasRemaining()) reused.put((byte) 0x5a);
            CaptureBuffers.giveBack(reused);
        }
        assertEquals(sent.rows(), lazy.rows());
        for (int c = 0; c < sent.columns(); c++) {
            for (int i = 0; i < sent.rows(); i++) assertEquals(sent.getColumn(c).getString(i), lazy.getColumn(c).getString(i), "column " + c + " row " + i);
        }
        // and written out from its bytes (a segment, a reply), not from decoded columns
        BasicTable fresh = receive(sent).toTable();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        TableWriter.write(fresh, 0, fresh.rows(), new WireDataOutput(expected));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        TableWriter.write(upload.toTable(), 0, upload.rows(), new WireDataOutput(again));
        assertArrayEquals(expected.toByteArray(), again.toByteArray());
    }

    private static EncodedTable receive(BasicTable t) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        t.write(new LittleEndianDataOutputStream(wire));
        ChannelInput in = new ChannelInput(Channels.newChannel(new ByteArrayInputStream(wire.toByteArray())));
        return EncodedTable.read(in, in.readShort(), null);
    }

    private static BasicTable table(int n, int seed) {
        int[] k = new int[n];
        double[] v = new double[n];
        List<String> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            k[i] = i * seed;
            v[i] = i / 7.0;
            s.add("s" + (i % 13));
        }
        return new BasicTable(List.of("k", "v", "s"), List.of(new BasicIntVector(k), new BasicDoubleVector(v), new BasicSymbolVector(s)));
    }
}
