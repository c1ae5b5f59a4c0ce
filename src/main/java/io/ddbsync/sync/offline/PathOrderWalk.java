package io.ddbsync.sync.offline;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Walks a directory tree in the order a backup manifest lists its files: by the '/'-joined path
 * relative to the root, compared as Java strings ({@link String#compareTo}). It lists one directory
 * at a time and keeps only the entries of the directories on the current path, so its memory is
 * bounded by the widest directory, not by the tree; a manifest, a digest cache and a target
 * directory can then be compared by merging, without a collection of every file.
 *
 * <p>Sorting each directory's names is not the same order: a sibling file {@code a-b} comes before
 * the files {@code a/x} of a directory {@code a} ('-' sorts before '/'), although the name
 * {@code a} sorts before {@code a-b}. A directory therefore sorts as its name followed by '/',
 * which orders every pair of siblings as the full paths beneath them order.
 *
 * <p>Links are not followed: a link, a device or a socket is handed to the visitor as a file that
 * is not regular, for it to refuse.
 */
public final class PathOrderWalk {

    /** What the walk hands over for each entry that is not a directory; {@code X}: what the visitor may throw besides IOException. */
    public interface Visitor<X extends Exception> {
        /**
         * @param path the entry's path relative to the root, '/'-separated
         * @param regular false for a link, a device, a socket or a pipe
         * @param size the entry's size in bytes as listed
         */
        void file(String path, Path file, boolean regular, long size) throws IOException, X;

        /** Called after a directory's entries, the root's last (its path is ""). */
        default void directoryDone(String path, Path dir) throws IOException {
        }
    }

    /** One entry of the directory being listed: what the order and the visitor need, nothing more. */
    private record Child(String sortKey, boolean directory, boolean regular, long size) {
        String name() {
            return directory ? sortKey.substring(0, sortKey.length() - 1) : sortKey;
        }
    }

    private static final Comparator<Child> ORDER = Comparator.comparing(Child::sortKey);

    private PathOrderWalk() {
    }

    /** Visits every entry under {@code root} in manifest path order. */
    public static <X extends Exception> void walk(Path root, Visitor<X> visitor) throws IOException, X {
        walk(root, "", visitor);
    }

    private static <X extends Exception> void walk(Path dir, String prefix, Visitor<X> visitor) throws IOException, X {
        for (Child child : sortedChildren(dir)) {
            Path path = dir.resolve(child.name());
            if (child.directory()) {
                walk(path, prefix + child.sortKey(), visitor);
            } else {
                visitor.file(prefix + child.name(), path, child.regular(), child.size());
            }
        }
        visitor.directoryDone(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), dir);
    }

    private static List<Child> sortedChildren(Path dir) throws IOException {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String name = entry.getFileName().toString();
                children.add(new Child(attrs.isDirectory() ? name + "/" : name, attrs.isDirectory(), attrs.isRegularFile(), attrs.size()));
            }
        }
        children.sort(ORDER);
        return children;
    }
}
