package io.ddbsync;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.*;

/** A missing requirement skips a test on a developer's machine and fails it under CI. */
class RequirementsTest {
    @Test
    void aMissingRequirementSkipsLocallyAndFailsUnderCi() {
        assertDoesNotThrow(() -> Requirements.require(true, "sshd", true));
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> Requirements.require(false, "sshd", false));
        assertTrue(skipped.getMessage().contains("needs sshd"), skipped.getMessage());
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> Requirements.require(false, "sshd", true));
        assertTrue(failed.getMessage().contains("needs sshd, which is missing"), failed.getMessage());
    }
}
