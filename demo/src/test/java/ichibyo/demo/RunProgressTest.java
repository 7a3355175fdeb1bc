package ichibyo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunProgressTest {

    @Test
    void line_addsUpTheRuns_andEstimatesTheTimeLeftFromTheRateSoFar() {
        List<RunProgress.Run> runs = List.of(new RunProgress.Run("quarterly", "RUNNING", 3, 1, 1, "0/1 children"),
                new RunProgress.Run("monthly", "SUCCEEDED", 1, 1, 0, ""));
        String line = RunProgress.line(runs, Duration.ofSeconds(30), false);
        assertThat(line).isEqualTo("delivered 2/4, failed 1 · quarterly running 2/3 (map run 0/1 children) · monthly succeeded 1/1 · 30 s · ETA 10 s");
        assertThat(RunProgress.line(runs, Duration.ofSeconds(30), true)).startsWith("[" + "█".repeat(18) + "░".repeat(6) + "] delivered 2/4");
    }

    @Test
    void beforeTheTargetListIsWritten_theTotalAndTheEtaAreUnknown() {
        List<RunProgress.Run> runs = List.of(new RunProgress.Run("quarterly", "STARTING", -1, 0, 0, ""));
        assertThat(RunProgress.line(runs, Duration.ofSeconds(1), false)).isEqualTo("delivered 0/?, failed 0 · quarterly starting 0/? · 1 s · ETA –");
        assertThat(RunProgress.eta(true, 2, 2, Duration.ofSeconds(9))).isEqualTo("0 s");
    }
}
