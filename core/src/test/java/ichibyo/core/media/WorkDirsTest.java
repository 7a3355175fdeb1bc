package ichibyo.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirsTest {
    @TempDir
    Path tmp;

    /** Run in a child JVM: makes a work folder with a file in it, prints its path, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        Path dir = WorkDirs.create(Path.of(args[0]), "score-media");
        Files.write(dir.resolve("original.jpg"), new byte[1024]);
        System.out.println(dir);
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5));
    }

    @Test
    void workFolderOfAProcessKilledWithSigkill_isRemovedAtTheNextStart_andALiveOnesIsKept() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path argFile = tmp.resolve("args");
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\" " + WorkDirsTest.class.getName()
                + " \"" + tmp + "\"");
        Process child = new ProcessBuilder(java, "@" + argFile).redirectErrorStream(true).start();
        Path killed = Path.of(new BufferedReader(new InputStreamReader(child.getInputStream())).readLine());
        assertThat(killed.resolve("original.jpg")).exists();
        child.destroyForcibly(); // SIGKILL: no finally, no shutdown hook
        child.waitFor();
        Path live = WorkDirs.create(tmp, "score-media");

        int removed = WorkDirs.sweepStale(tmp);

        assertThat(removed).isEqualTo(1);
        assertThat(killed).doesNotExist();
        assertThat(live).exists();
    }

    @Test
    void leftoversWithoutAnOwner_areRemovedOnlyOnceOld() throws Exception {
        Path oldOnnx = Files.createDirectory(tmp.resolve("onnxruntime-java123"));
        Files.write(oldOnnx.resolve("libonnxruntime.so"), new byte[10]);
        Path newOnnx = Files.createDirectory(tmp.resolve("onnxruntime-java456"));
        Path oldOriginal = Files.write(tmp.resolve("original-99.jpg"), new byte[10]);
        Path unrelated = Files.write(tmp.resolve("someone-elses.txt"), new byte[10]);
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (Path p : List.of(oldOnnx, oldOriginal, unrelated)) {
            Files.setLastModifiedTime(p, longAgo);
        }

        WorkDirs.sweepStale(tmp);

        assertThat(oldOnnx).doesNotExist();
        assertThat(oldOriginal).doesNotExist();
        assertThat(newOnnx).exists(); // another JVM may be loading ONNX Runtime right now
        assertThat(unrelated).exists();
    }
}
