package io.ddbsync.standin.script;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a pure function made of a text (a script parsed, a chunk's id made of its name), kept by the
 * text, so a client sending the same text call after call has it made once. Bounded: at most
 * {@code capacity} texts, and none longer than {@code longestText} characters; when full it starts
 * again empty (the texts a client repeats come back at once). The values must never change once
 * made: every caller shares them. A failure is not kept: the next call with that text fails again.
 */
public final class TextCache<V> {
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final int capacity;
    private final int longestText;
    private final Function<String, V> make;

    public TextCache(int capacity, int longestText, Function<String, V> make) {
        this.capacity = capacity;
        this.longestText = longestText;
        this.make = make;
    }

    public V get(String text) {
        if (text.length() > longestText) return make.apply(text);
        V known = values.get(text);
        if (known != null) return known;
        V made = make.apply(text);
        if (values.size() >= capacity) values.clear();
        values.put(text, made);
        return made;
    }
}
