package io.ddbsync.sync.offline;

import java.nio.file.Path;

/** A directory does not match its backup manifest; names the first file that differs. */
public final class ManifestMismatchException extends Exception {

    public enum Problem {
        MISSING("missing"),
        TRUNCATED("truncated"),
        ALTERED("altered"),
        UNEXPECTED("not in the manifest");

        private final String text;

        Problem(String text) {
            this.text = text;
        }
    }

    private final Problem problem;
    private final String path;

    public ManifestMismatchException(Problem problem, String path, Path dir, String detail) {
        super("backup file " + problem.text + ": " + path + " in " + dir + " (" + detail + ")");
        this.problem = problem;
        this.path = path;
    }

    public Problem problem() {
        return problem;
    }

    /** The file's path relative to the backup directory. */
    public String path() {
        return path;
    }
}
