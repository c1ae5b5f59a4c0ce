package io.ddbsync;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * For a test that needs something the machine or the server may lack (sshd, rsync, sha256sum, a
 * server function): on a developer's machine the test is skipped, saying what is missing; under CI
 * ({@code CI=true}, which CI services set) it fails, since there the skip would hide a test that
 * never ran. A skip for "needs a stand-in" against a real DolphinDB is not a missing requirement
 * and stays an assumption.
 */
public final class Requirements {
    private Requirements() {
    }

    /**
     * @param present whether the thing is there
     * @param what    what the test needs and how to get it, e.g. "sshd and rsync (apt-get install openssh-server rsync)"
     */
    public static void require(boolean present, String what) {
        require(present, what, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    static void require(boolean present, String what, boolean underCi) {
        if (present) return;
        if (underCi) Assertions.fail("needs " + what + ", which is missing; under CI=true a missing requirement fails the test");
        Assumptions.abort("needs " + what + ", which is missing (under CI=true this fails)");
    }
}
