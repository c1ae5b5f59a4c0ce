package io.ddbsync.standin.functions;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** getTabletsMeta's direct wildcard match agrees with the regex the wildcards stand for, on chunk paths and on random texts. */
class WildcardTest {

    @Test
    void chunkPathsMatchAsTheirPatternsSay() {
        assertTrue(DfsFunctions.matchesWildcard("/db1/20240101%", "/db1/20240101"));
        assertTrue(DfsFunctions.matchesWildcard("/db1/20240101%", "/db1/20240101/Key3"));
        assertTrue(DfsFunctions.matchesWildcard("/db1/1%", "/db1/10"), "a pattern lists partitions whose names merely start the same");
        assertFalse(DfsFunctions.matchesWildcard("/db1/20240101%", "/db1/20240102"));
        assertFalse(DfsFunctions.matchesWildcard("/db1/%", "/db2/20240101"));
        assertTrue(DfsFunctions.matchesWildcard("%", ""));
        assertTrue(DfsFunctions.matchesWildcard("/db?/*/K%3", "/db1/20240101/Key3"));
        assertFalse(DfsFunctions.matchesWildcard("/db1", "/db1/20240101"));
    }

    @Test
    void randomPatternsAndTextsMatchAsTheRegexDoes() {
        Random random = new Random(18);
        String patternChars = "ab/.%*?";
        String textChars = "ab/.";
        for (int i = 0; i < 50_000; i++) {
            String pattern = randomText(random, patternChars, 7);
            String text = randomText(random, textChars, 9);
            boolean regex = Pattern.compile(DfsFunctions.wildcard(pattern)).matcher(text).matches();
            assertEquals(regex, DfsFunctions.matchesWildcard(pattern, text), () -> "pattern '" + pattern + "', text '" + text + "'");
        }
    }

    private static String randomText(Random random, String chars, int longest) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(longest + 1); n > 0; n--) s.append(chars.charAt(random.nextInt(chars.length())));
        return s.toString();
    }
}
