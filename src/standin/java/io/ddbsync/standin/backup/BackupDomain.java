package io.ddbsync.standin.backup;

import com.xxdb.data.*;
import io.ddbsync.standin.dfs.Database;
import io.ddbsync.standin.dfs.PartitionScheme;
import io.ddbsync.standin.dfs.Storage;
import io.ddbsync.standin.script.ScriptException;
import io.ddbsync.standin.value.Vectors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code domain} file of a backup: the source database's engine and partitioning levels, so
 * restore can check the target against them and restoreDB/migrate can create the database.
 */
record BackupDomain(String engine, String atomic, List<PartitionScheme> levels) {

    private static final String FORMAT = "ddbsync-standin-domain/1";

    static BackupDomain of(Database db) {
        return new BackupDomain(db.engine(), db.atomic(), db.levels());
    }

    void write(Path tableDir) throws IOException {
        BasicAnyVector v = new BasicAnyVector(4 + 2 * levels.size());
        v.setEntity(0, new BasicString(FORMAT));
        v.setEntity(1, new BasicString(engine));
        v.setEntity(2, new BasicString(atomic));
        v.setEntity(3, new BasicInt(levels.size()));
        for (int i = 0; i < levels.size(); i++) {
            PartitionScheme s = levels.get(i);
            v.setEntity(4 + 2 * i, new BasicInt(s.typeCode()));
            Entity scheme = s.schemaEntity();
            if (s.typeCode() == PartitionScheme.HASH) {
                // a HASH level is recreated from [column type, buckets]
                BasicAnyVector pair = new BasicAnyVector(2);
                pair.setEntity(0, new BasicInt(s.columnType().getValue()));
                pair.setEntity(1, scheme);
                scheme = pair;
            }
            v.setEntity(5 + 2 * i, scheme);
        }
        Storage.writeAtomically(tableDir.resolve(BackupLayout.DOMAIN), v);
    }

    static BackupDomain read(Path tableDir) {
        Path file = tableDir.resolve(BackupLayout.DOMAIN);
        try {
            BasicAnyVector v = (BasicAnyVector) Storage.readEntity(file);
            if (!v.getEntity(0).getString().equals(FORMAT)) throw new IllegalStateException("unknown format " + v.getEntity(0).getString());
            int n = ((BasicInt) v.getEntity(3)).getInt();
            List<PartitionScheme> levels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int type = ((BasicInt) v.getEntity(4 + 2 * i)).getInt();
                Entity scheme = v.getEntity(5 + 2 * i);
                if (type == PartitionScheme.VALUE && scheme.rows() == 0) scheme = Vectors.create(scheme.getDataType(), 0, 0);
                levels.add(PartitionScheme.create(type, scheme));
            }
            return new BackupDomain(v.getEntity(1).getString(), v.getEntity(2).getString(), levels);
        } catch (IOException | RuntimeException e) {
            throw new ScriptException("The backup domain file " + file + " is unreadable: " + e.getMessage());
        }
    }

    /** "VALUE(DATE: 2017.08.07 .. 2017.08.11, 5 values) x RANGE(INT: [0,50,100])": levels as error messages show them. */
    static String describe(String engine, List<PartitionScheme> levels) {
        StringBuilder sb = new StringBuilder(engine).append(' ');
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) sb.append(" x ");
            PartitionScheme s = levels.get(i);
            sb.append(s.typeName()).append('(').append(s.columnType().getName()).append(": ");
            switch (s.typeCode()) {
                case PartitionScheme.HASH -> sb.append(s.size()).append(" buckets");
                case PartitionScheme.VALUE -> {
                    Entity e = s.schemaEntity();
                    int n = e.rows();
                    if (n == 0) sb.append("no values");
                    else if (n <= 4) sb.append(listed((Vector) e, n));
                    else sb.append(((Vector) e).get(0).getString()).append(" .. ").append(((Vector) e).get(n - 1).getString()).append(", ").append(n).append(" values");
                }
                default -> sb.append(s.schemaEntity().getString());
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String listed(Vector v, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) sb.append(i > 0 ? "," : "").append(v.get(i).getString());
        return sb.append(']').toString();
    }
}
