package io.ddbsync.camel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A list of texts kept as the UTF-8 bytes of one array, each made a String again only when read:
 * a partition path of 10 characters takes 14 bytes here (its bytes and where they end) against
 * about 64 as a String of its own and its reference. For what is held a partition by the thousand
 * (issue 18): a listing's paths and versions, the offline verification's source paths; read back
 * now and then (a lookup, a report line), never in a tight loop over many.
 * <p>
 * Filled by one thread through {@link #add}, then only read.
 */
public final class PackedTexts {
    private byte[] bytes;
    /** Where text i ends in {@link #bytes}; it starts where text i - 1 ends. */
    private int[] ends;
    /** Which texts are null, by index; null while none is. */
    private boolean[] nulls;
    private int size;

    /** @param expected how many texts are about to be added (room for more is made as they come) */
    public PackedTexts(int expected) {
        int n = Math.max(1, expected);
        bytes = new byte[16 * n];
        ends = new int[n];
    }

    /** Appends a text, null included. */
    public void add(String text) {
        if (size == ends.length) ends = Arrays.copyOf(ends, Math.max(4, 2 * size));
        int start = size == 0 ? 0 : ends[size - 1];
        if (text == null) {
            if (nulls == null) nulls = new boolean[ends.length];
            else if (nulls.length < ends.length) nulls = Arrays.copyOf(nulls, ends.length);
            nulls[size] = true;
        } else {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            if (start + utf8.length > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, start + utf8.length));
            System.arraycopy(utf8, 0, bytes, start, utf8.length);
            start += utf8.length;
        }
        ends[size++] = start;
    }

    public int size() {
        return size;
    }

    /** Text i, as added. */
    public String get(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i + " of " + size + " texts");
        if (nulls != null && i < nulls.length && nulls[i]) return null;
        int start = i == 0 ? 0 : ends[i - 1];
        return new String(bytes, start, ends[i] - start, StandardCharsets.UTF_8);
    }

    /** The index of this text in a list added in String order (no nulls), or -1. */
    public int indexOfSorted(String text) {
        return indexOfSorted(size, this::get, text);
    }

    /** The index of this text among {@code size} texts in String order ({@code at} reads one), or -1. */
    public static int indexOfSorted(int size, IntFunction<String> at, String text) {
        int from = 0;
        int to = size - 1;
        while (from <= to) {
            int mid = (from + to) >>> 1;
            int c = at.apply(mid).compareTo(text);
            if (c < 0) from = mid + 1;
            else if (c > 0) to = mid - 1;
            else return mid;
        }
        return -1;
    }

    /** Drops the room left over for texts not added; returns this list. */
    public PackedTexts trimmed() {
        int length = size == 0 ? 0 : ends[size - 1];
        if (bytes.length > length) bytes = Arrays.copyOf(bytes, length);
        if (ends.length > size) ends = Arrays.copyOf(ends, size);
        if (nulls != null && nulls.length > size) nulls = Arrays.copyOf(nulls, size);
        return this;
    }
}
