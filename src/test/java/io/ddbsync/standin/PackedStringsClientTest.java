package io.ddbsync.standin;

import com.xxdb.DBConnection;
import com.xxdb.data.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Packed STRING vectors (what string(), format() and string + make on the stand-in) reach the
 * official client as the same values an ordinary STRING vector would: alone, in a table, in a
 * tuple; empty, one row, NULLs and non-ASCII text.
 */
class PackedStringsClientTest {

    @Test
    void theClientDecodesPackedVectorsAsTheirStrings(@TempDir Path data) throws Exception {
        String[] values = {"", "a", "é", "中文", "😀x", "", "plain ascii text longer than eight", "\u007f\u0080\u00ff"};
        try (StandInServer s = StandInServer.start(StandInServer.Options.of(data))) {
            DBConnection c = new DBConnection();
            c.connect("127.0.0.1", s.port(), "admin", "123456");
            c.upload(Map.of("v", new BasicStringVector(values), "d", new BasicDoubleVector(new double[]{1.5, -Double.MAX_VALUE, 0.1})));
            assertStrings(values, (Vector) c.run("v + \"\""));
            // text the wire cuts (a NUL ends a string there): the packed reply as the plain one
            c.upload(Map.of("z", new BasicStringVector(new String[]{"a\u0000b", "\u0000"})));
            Vector plain = (Vector) c.run("z");
            String[] expected = {plain.getString(0), plain.getString(1)};
            assertStrings(expected, (Vector) c.run("z + \"\""));
            String[] suffixed = new String[values.length];
            for (int i = 0; i < values.length; i++) suffixed[i] = "«" + values[i] + "|";
            assertStrings(suffixed, (Vector) c.run("\"«\" + v + \"|\""));
            assertStrings(new String[0], (Vector) c.run("(v + \"\")[0:0]"));
            assertStrings(new String[0], (Vector) c.run("string(array(INT, 0))"));
            assertStrings(new String[]{"7"}, (Vector) c.run("string([7])"));
            assertStrings(new String[]{"2024.01.02", ""}, (Vector) c.run("string([2024.01.02, 00d])"));
            assertStrings(new String[]{"1.5000E0", "", "1.0000E-1"}, (Vector) c.run("format(d, \"0.0000E0\")"));
            BasicTable t = (BasicTable) c.run("table(v + \"\" as x, string(strlen(v)) as n)");
            assertStrings(values, t.getColumn("x"));
            for (int i = 0; i < values.length; i++) assertEquals(Integer.toString(values[i].length()), t.getColumn("n").getString(i));
            BasicAnyVector tuple = (BasicAnyVector) c.run("[v + \"\", 1]");
            assertStrings(values, (Vector) tuple.getEntity(0));
            c.close();
        }
    }

    private static void assertStrings(String[] expected, Vector v) {
        assertEquals(Entity.DATA_TYPE.DT_STRING, v.getDataType());
        assertEquals(expected.length, v.rows());
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], v.getString(i), "row " + i);
    }
}
