package io.ddbsync.standin;

import com.xxdb.data.*;
import com.xxdb.data.Vector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** DolphinDB script: literals, typed NULLs, operators, calls, partial application, metacode and built-ins. */
class ScriptLanguageTest extends OneClusterTest {
    private static Entity run(String script) throws IOException {
        return conn.run(script);
    }

    private static String typeOf(String script) throws IOException {
        return run(script).getDataType().getName();
    }

    /** A scalar's text, or a vector as [a,b,c] with BOOLs as 0/1, as DolphinDB prints them. */
    private static String text(String script) throws IOException {
        Entity e = run(script);
        if (!(e instanceof Vector v) || e instanceof BasicAnyVector) return e.getString();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.rows(); i++) {
            if (i > 0) sb.append(',');
            sb.append(v instanceof BasicBooleanVector b ? (b.getBoolean(i) ? "1" : "0") : v.getString(i));
        }
        return sb.append(']').toString();
    }

    @Test
    void temporalLiteralsHaveTheirTypesAndValues() throws Exception {
        assertEquals("DATE", typeOf("2024.01.01"));
        assertEquals("2024.01.01", text("2024.01.01"));
        assertEquals("MONTH", typeOf("2024.01M"));
        assertEquals("2024.01M", text("2024.01M"));
        assertEquals("SECOND", typeOf("13:30:10"));
        assertEquals("MINUTE", typeOf("22:30m"));
        assertEquals("22:30m", text("22:30m"));
        assertEquals("TIME", typeOf("13:30:10.008"));
        assertEquals("NANOTIME", typeOf("13:30:10.008007006"));
        assertEquals("DATETIME", typeOf("2024.01.01T09:30:00"));
        assertEquals("DATETIME", typeOf("2024.01.01 09:30:00"));
        assertEquals("TIMESTAMP", typeOf("2024.01.01T09:30:00.000"));
        assertEquals("2024.01.01T09:30:00.123", text("2024.01.01T09:30:00.123"));
        assertEquals("NANOTIMESTAMP", typeOf("2024.01.01T09:30:00.000000001"));
        assertEquals("2024.01.01T09:30:00.000000001", text("2024.01.01T09:30:00.000000001"));
        assertEquals(19723, ((BasicDate) run("2024.01.01")).getInt());
    }

    @Test
    void aVectorLiteralIsANewVectorEachTimeItIsEvaluated() throws Exception {
        // changed in place on each pass of a loop: each pass starts from the literal as written
        assertEquals("4", text("n = 0; for (i in 0..2) { x = 1 2 3; x.append!(4); n = size(x) }; n"));
        assertEquals("[9,2,3]", text("def f() { x = 1 2 3; y = x[0]; x[0] = y + 8; return x }; f(); f()"));
        // the same script, and the same function text, sent again: as written each time, whatever an earlier call did with it
        for (int i = 0; i < 3; i++) {
            assertEquals("[9,2,3]", text("x = 1 2 3; x[0] = 9; x"));
            Entity appended = conn.run("def(extra) { x = `a`b; x.append!(extra); return x }", List.of(new BasicString("c")));
            assertEquals(3, appended.rows(), "call " + i);
        }
    }

    @Test
    void numericLiteralsAndTypedNulls() throws Exception {
        assertEquals("INT", typeOf("21"));
        assertEquals("LONG", typeOf("22l"));
        assertEquals("SHORT", typeOf("122h"));
        assertEquals("CHAR", typeOf("97c"));
        assertEquals("DOUBLE", typeOf("2.1"));
        assertEquals("FLOAT", typeOf("2.1f"));
        assertEquals("BOOL", typeOf("true"));
        assertEquals("LONG", typeOf("3000000000"));
        String[][] nulls = {{"00b", "BOOL"}, {"00c", "CHAR"}, {"00h", "SHORT"}, {"00i", "INT"}, {"00l", "LONG"},
                {"00d", "DATE"}, {"00M", "MONTH"}, {"00t", "TIME"}, {"00m", "MINUTE"}, {"00s", "SECOND"},
                {"00D", "DATETIME"}, {"00T", "TIMESTAMP"}, {"00n", "NANOTIME"}, {"00N", "NANOTIMESTAMP"},
                {"00f", "FLOAT"}, {"00F", "DOUBLE"}};
        for (String[] n : nulls) {
            Entity e = run(n[0]);
            assertEquals(n[1], e.getDataType().getName(), n[0]);
            assertTrue(((Scalar) e).isNull(), n[0] + " is NULL");
        }
        assertTrue(((Scalar) run("isNull(00i) && isNull(NULL)")).getNumber().intValue() == 1);
    }

    @Test
    void stringsSymbolsVectorsRanges() throws Exception {
        assertEquals("it's", text("\"it's\""));
        assertEquals("say \"hi\"", text("'say \"hi\"'"));
        assertEquals("STRING", typeOf("`abc"));
        Vector syms = (Vector) run("`a`b`c");
        assertEquals(3, syms.rows());
        assertEquals("b", syms.getString(1));
        Vector v = (Vector) run("[1, 2, 3]");
        assertEquals(Entity.DATA_TYPE.DT_INT, v.getDataType());
        Vector spaced = (Vector) run("34 45 67");
        assertEquals(3, spaced.rows());
        Vector range = (Vector) run("1..5");
        assertEquals("[1,2,3,4,5]", range.getString());
        Vector days = (Vector) run("2024.01.30..2024.02.02");
        assertEquals(4, days.rows());
        assertEquals("2024.02.01", days.getString(2));
        assertEquals("[15,18,21,24,27,30]", text("a = 5; 3*a..10"), "seq binds tighter than *");
        assertEquals("[-5,-4,-3,-2,-1,0,1,2,3,4,5]", text("n = 5; -n..n"));
    }

    @Test
    void variablesStatementsAndControlFlow() throws Exception {
        assertEquals(6, ((BasicInt) run("x = 1; y = x + 2\nz = y * 2; z")).getInt());
        assertEquals(10L, ((BasicLong) run("s = 0\nfor (i in 1..4) { s = s + i }\nlong(s)")).getLong());
        assertEquals("big", text("def sizeOf(v) { if (v > 10) return \"big\" else return \"small\" }\nsizeOf(11)"));
        assertEquals(12, ((BasicInt) run("def f(x): x * 4\nf(3)")).getInt());
    }

    @Test
    void callsWithNamedArgumentsMethodSyntaxAndPartialApplication() throws Exception {
        assertEquals(3, ((BasicInt) run("def g(a, b, c) { return a - b + c }\ng(1, c=4, b=2)")).getInt());
        assertEquals(6L, ((BasicLong) run("(1..3).sum()")).getLong());
        assertEquals(8, ((BasicInt) run("h = sub{10, }\nh(2)")).getInt());
        assertEquals(7, ((BasicInt) run("k = g{1, , 8}\nk(2)")).getInt());
        assertEquals(9, ((BasicInt) run("(def(x, y) { return x * y }){3}(3)")).getInt());
    }

    @Test
    void metacodeIsKeptUnevaluated() throws Exception {
        assertEquals("CODE", text("typestr(<select * from t where x > 1>)"));
        assertEquals(3, ((BasicInt) run("m = <1 + 2>\neval(m)")).getInt());
    }

    @Test
    void operatorsBetweenInAndComparisonsAcrossTemporalTypes() throws Exception {
        assertEquals("[0,1,1,0]", text("(1 2 3 4) between 2:3"));
        assertEquals("[1,0,1]", text("(1 5 9) in [1, 9]"));
        assertEquals(1, ((BasicBoolean) run("2023.01.04T13:30:10.001 > 2023.01.04")).getBoolean() ? 1 : 0);
        assertEquals("[1,0]", text("(1 NULL) > -100"), "NULL compares as the minimum");
        assertEquals(7, ((BasicInt) run("17 % 10")).getInt());
        assertEquals(2.5, ((BasicDouble) run("5 \\ 2")).getDouble());
        assertEquals("2024.01.08", text("2024.01.01 + 7"));
        assertEquals(7, ((BasicInt) run("2024.01.08 - 2024.01.01")).getInt());
        assertEquals(1, ((BasicBoolean) run("1 < 2 && !(2 < 1) || false")).getBoolean() ? 1 : 0);
    }

    @Test
    void conversionAndTimeFunctions() throws Exception {
        assertEquals("2024.03.15", text("date(2024.03.15T10:11:12.013)"));
        assertEquals("2024.03M", text("month(2024.03.15)"));
        assertEquals("2024.03.15T00:00:00.000", text("timestamp(2024.03.15)"));
        assertEquals("2024.03.15T10:11:12", text("datetime(2024.03.15T10:11:12.013)"));
        assertEquals("DATE", typeOf("today()"));
        assertEquals("TIMESTAMP", typeOf("now()"));
        assertEquals("NANOTIMESTAMP", typeOf("now(true)"));
        assertEquals("2012.06.30T13:30:10.008", text("temporalAdd(2012.07.31T13:30:10.008, -1, 'M')"));
        assertEquals("2024.01.03", text("temporalAdd(2024.01.01, 2, \"d\")"));
        assertEquals("1970.01.02", text("date(1)"));
        assertEquals(4, ((BasicInt) run("int(3.5)")).getInt(), "int rounds floating-point numbers");
        assertEquals("2024.01.01", text("date(\"2024.01.01\")"));
        assertEquals("STRING", typeOf("string(12)"));
        assertEquals("12", text("string(12)"));
        assertEquals("FAST INT VECTOR", text("typestr(1 2 3)"));
        assertEquals("STRING VECTOR", text("typestr(`a`b)"));
        assertEquals("IN-MEMORY TABLE", text("typestr(table(1 2 as x))"));
        assertEquals(3, ((BasicInt) run("size(1 2 3)")).getInt());
        assertEquals(2, ((BasicInt) run("count(1 NULL 3)")).getInt());
        assertEquals(2, ((BasicInt) run("rows(table(1 2 as x, 3 4 as y))")).getInt());
        assertEquals(2, ((BasicInt) run("cols(table(1 2 as x, 3 4 as y))")).getInt());
        assertEquals("[1,2,1,2,1]", text("take(1 2, 5)"));
        assertEquals(6L, ((BasicLong) run("sum(1 2 3)")).getLong());
        assertEquals(1, ((BasicInt) run("min(3 1 2)")).getInt());
        assertEquals(3, ((BasicInt) run("max(3 1 2)")).getInt());
        assertEquals(2.0, ((BasicDouble) run("avg(1 2 3)")).getDouble());
        assertEquals(3, ((BasicInt) run("first(3 1 2)")).getInt());
        assertEquals(2, ((BasicInt) run("last(3 1 2)")).getInt());
    }

    @Test
    void emptyVectorsAndSlices() throws Exception {
        assertEquals(0, run("x = take(`a, 0)\nstring(strlen(x)) + \":\" + x").rows());
        assertEquals("[2,3]", text("(1 2 3 4)[1:3]"));
        assertEquals(2, run("t = table(1..5 as id)\nt[0:2]").rows());
    }

    @Test
    void crc32AndHashBucketMatchTheManual() throws Exception {
        assertEquals("[512829590,-1029100744]", text("crc32(`aa`cc, 1)"));
        assertEquals("[4,5,7]", text("hashBucket(34 45 67, 10)"));
    }

    /** A vector of seeds, as a chain of crc32 calls passes one: each element continues from its own, a NULL one from 0. */
    @Test
    void crc32ContinuesEachElementFromItsSeed() throws Exception {
        String each = "[" + text("crc32(\"aa\", 1)") + "," + text("crc32(\"cc\", 7)") + "," + text("crc32(\"dd\", 0)") + "]";
        // a STRING vector and a packed one, INT and LONG seeds, against scalar seeds
        assertEquals(each, text("crc32(`aa`cc`dd, [1, 7, NULL])"));
        assertEquals(each, text("crc32(`aa`cc`dd, [1l, 7l, NULL])"));
        assertEquals(each, text("crc32(`aa`cc`dd + \"\", [1, 7, 0])"));
        // a chain: the first call's INT vector seeds the second
        assertEquals("[" + text("crc32(\"b\", crc32(\"a\", 5))") + "]", text("crc32([\"b\"], crc32([\"a\"], 5))"));
    }

    @Test
    void uuidIpaddrInt128Decimals() throws Exception {
        assertEquals("5d212a78-cc48-e3b1-4235-b4d91473ee87", text("uuid(\"5d212a78-cc48-e3b1-4235-b4d91473ee87\")"));
        assertEquals("192.168.1.13", text("ipaddr(\"192.168.1.13\")"));
        assertEquals("e1671797c52e15f763380b45e841ec32", text("int128(\"e1671797c52e15f763380b45e841ec32\")"));
        assertEquals("142.00", text("decimal32(142, 2)"));
        assertEquals("3.1415", text("decimal32(\"3.1415926535\", 4)"));
        assertEquals("DECIMAL64", typeOf("3.141P"));
        assertEquals("[1.2300,3.0000,3.1400]", text("[1.23$DECIMAL32(4), 3$DECIMAL32(4), 3.14$DECIMAL32(4)]"));
    }

    @Test
    void syntaxErrorsAndUnknownNames() {
        IOException e = assertThrows(IOException.class, () -> run("x = (1 + "));
        assertTrue(e.getMessage().contains("Syntax Error"), e.getMessage());
        IOException unknown = assertThrows(IOException.class, () -> run("undefinedThing + 1"));
        assertTrue(unknown.getMessage().contains("Cannot recognize the token undefinedThing"), unknown.getMessage());
        IOException arity = assertThrows(IOException.class, () -> conn.run("temporalAdd", List.of(new BasicInt(1))));
        assertTrue(arity.getMessage().contains("temporalAdd"), arity.getMessage());
    }
}
