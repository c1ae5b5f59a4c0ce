package io.ddbsync.sync.offline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a (small) manifest's entries as a list, read from its file now. */
public final class Manifests {

    private Manifests() {
    }

    public static List<BackupManifest.Entry> entries(BackupManifest manifest) throws IOException {
        List<BackupManifest.Entry> out = new ArrayList<>();
        try (ManifestReader reader = manifest.entries()) {
            reader.forEachRemaining(out::add);
        }
        return out;
    }
}
