package io.ddbsync.standin.value;

import com.xxdb.data.*;
import com.xxdb.data.Entity.DATA_TYPE;
import io.ddbsync.standin.script.Session;
import io.ddbsync.standin.StandInNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The stand-in's fast text of temporal values and scientific formats equals the slow reference texts. */
class TextFormatsTest {

    @Test
    void temporalTextEqualsTheApiText() {
        Random r = new Random(7);
        DATA_TYPE[] types = {DATA_TYPE.DT_DATE, DATA_TYPE.DT_MONTH, DATA_TYPE.DT_TIME, DATA_TYPE.DT_MINUTE, DATA_TYPE.DT_SECOND,
                DATA_TYPE.DT_DATETIME, DATA_TYPE.DT_TIMESTAMP, DATA_TYPE.DT_NANOTIME, DATA_TYPE.DT_NANOTIMESTAMP, DATA_TYPE.DT_DATEHOUR};
        for (DATA_TYPE t : types) {
            for (int i = 0; i < 20_000; i++) {
                long raw = switch (t) {
                    case DT_DATE -> r.nextInt(200_000) - 60_000;
                    case DT_MONTH -> 1900 * 12 + r.nextInt(300 * 12);
                    case DT_TIME -> r.nextInt(86_400_000);
                    case DT_MINUTE -> r.nextInt(1440);
                    case DT_SECOND -> r.nextInt(86_400);
                    case DT_DATETIME -> r.nextInt();
                    case DT_TIMESTAMP -> (long) (r.nextDouble() * 4e12) - 1_000_000_000_000L;
                    case DT_NANOTIME -> (long) (r.nextDouble() * 86_400e9);
                    case DT_NANOTIMESTAMP -> (long) (r.nextDouble() * 4e18) - (long) 1e18;
                    default -> r.nextInt(2_000_000);
                };
                assertEquals(Scalars.temporal(t, raw).getString(), TemporalText.format(t, raw), t + " " + raw);
            }
        }
    }

    @Test
    void scientificFormatEqualsDecimalFormat() throws Exception {
        StandInNode node = new StandInNode(Files.createTempDirectory("fmt"), "admin", "123456", Map.of());
        Session s = new Session(1, node);
        Random r = new Random(11);
        double[] values = new double[50_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 5) {
                case 0 -> r.nextDouble() * 1000;
                case 1 -> Double.longBitsToDouble(r.nextLong());
                case 2 -> Math.round(r.nextDouble() * 1e6) / 100.0;
                case 3 -> -r.nextGaussian() * 1e-300;
                default -> (double) r.nextInt();
            };
            if (Double.isNaN(values[i])) values[i] = 1.5;
        }
        values[0] = 0.1;
        values[1] = 0.0;
        values[2] = 100.605;
        s.setVariable("v", new BasicDoubleVector(values));
        BasicStringVector out = (BasicStringVector) s.interpreter().run("format(v, \"0.0000000000000000E0\")");
        DecimalFormat reference = new DecimalFormat("0.0000000000000000E0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        for (int i = 0; i < values.length; i++) {
            if (values[i] == -Double.MAX_VALUE) continue;
            assertEquals(reference.format(values[i]), out.getString(i), "value " + values[i]);
        }
    }
}
