package ichibyo.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelaunchTest {

    /** The runtime JVM's options come from the one file scripts/bench reads too: its options, not its comments. */
    @Test
    void runtimeJvmOptions_areTheFilesOptionLines() throws Exception {
        assertThat(Relaunch.runtimeJvmOptions()).containsExactly("-Xss8m", "-XX:TieredStopAtLevel=1");
    }
}
