package io.camelzendesk.component.position;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default position file: shared per JVM, atomic under kill -9, lenient with what crashes of older versions left. */
class FilePositionRepositoryTest {

    @TempDir
    Path dir;

    private final List<FilePositionRepository> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(FilePositionRepository::stop);
    }

    private Path file() {
        return dir.resolve(FilePositionRepository.FILE_NAME);
    }

    private FilePositionRepository store() {
        FilePositionRepository s = FilePositionRepository.inDirectory(dir.toString());
        s.start();
        open.add(s);
        return s;
    }

    private void stopAll() {
        open.forEach(FilePositionRepository::stop);
        open.clear();
    }

    @Test
    void severalConsumersOfOneFileKeepEachOthersPositionsAcrossStops() {
        FilePositionRepository a = store();
        FilePositionRepository b = store();
        FilePositionRepository c = store();
        a.setState("a", "1");
        b.setState("b", "1");
        c.setState("c", "1");
        a.setState("a", "2");
        // stopped in any order, each with what it knew: nothing is rewritten from a stale copy
        b.stop();
        a.stop();
        c.setState("c", "2");
        c.stop();
        FilePositionRepository again = store();
        assertThat(again.getState("a")).isEqualTo("2");
        assertThat(again.getState("b")).isEqualTo("1");
        assertThat(again.getState("c")).isEqualTo("2");
    }

    @Test
    void pastOneMegabyteNoPositionIsLostOrMovedBack() {
        FilePositionRepository a = store();
        FilePositionRepository b = store();
        String big = "y".repeat(400_000);
        for (int round = 1; round <= 3; round++) {
            a.setState("a1", round + big);
            b.setState("b1", round + big);
            a.setState("a2", round + big);
            b.setState("b2", round + big);
        }
        assertThat(Files.exists(file())).isTrue();
        assertThat(file().toFile().length()).isGreaterThan(1_500_000L);
        stopAll();
        FilePositionRepository again = store();
        for (String key : List.of("a1", "b1", "a2", "b2")) {
            assertThat(again.getState(key)).as(key).startsWith("3y");
        }
    }

    @Test
    void writesFromManyThreadsAreSerializedAndAllKept() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            FilePositionRepository s = store();
            String key = "k" + t;
            Thread thread = new Thread(() -> {
                for (int i = 1; i <= 50; i++) {
                    s.setState(key, Integer.toString(i));
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        stopAll();
        FilePositionRepository again = store();
        for (int t = 0; t < 6; t++) {
            assertThat(again.getState("k" + t)).isEqualTo("50");
        }
    }

    @Test
    void aWriterKilledWithSigkillAtAnyInstantLeavesTheOldOrTheNewCompleteFile() throws Exception {
        long lastSeen = 0;
        for (int kill = 0; kill < 5; kill++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PositionWriterProcess.class.getName(),
                    file().toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            long written = 0;
            // let it write a varying number of times, then kill it in the middle of whatever it is doing
            for (int i = 0; i < 5 + kill * 11; i++) {
                String line = out.readLine();
                assertThat(line).as("child output").isNotNull().containsOnlyDigits();
                written = Long.parseLong(line);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            FilePositionRepository after = store();
            String counter = after.getState("counter");
            String other = after.getState("other");
            long value = Long.parseLong(counter.split(":")[0]);
            // what was reported written is there; at most the writes in flight after it
            assertThat(value).isGreaterThanOrEqualTo(written).isGreaterThan(lastSeen);
            assertThat(Long.parseLong(other.split(":")[0])).isBetween(value - 1, value);
            assertThat(counter).hasSize(counter.indexOf(':') + 1 + 4_000);
            lastSeen = value;
            stopAll();
        }
    }

    @Test
    void aTemporaryFileLeftByAKilledWriteIsIgnoredAndRemoved() throws Exception {
        store().setState("a", "complete");
        stopAll();
        Path temp = dir.resolve(FilePositionRepository.FILE_NAME + ".4242.tmp");
        Files.writeString(temp, "a=tor");
        FilePositionRepository again = store();
        assertThat(again.getState("a")).isEqualTo("complete");
        assertThat(temp).doesNotExist();
    }

    @Test
    void aFileOfCamelsFileStateRepositoryIsReadAndRewrittenCompact() throws Exception {
        FileStateRepository camel = FileStateRepository.fileStateRepository(file().toFile());
        camel.start();
        camel.setState("a", "{\"startTime\":1}");
        camel.setState("b", "{\"startTime\":7}");
        camel.setState("a", "{\"startTime\":2}");
        // killed: never stopped, so the file still holds every appended line
        assertThat(Files.readAllLines(file())).hasSize(3);
        FilePositionRepository ours = store();
        assertThat(ours.getState("a")).isEqualTo("{\"startTime\":2}");
        assertThat(ours.getState("b")).isEqualTo("{\"startTime\":7}");
        ours.setState("b", "{\"startTime\":8}");
        assertThat(Files.readAllLines(file())).containsExactly("a={\"startTime\":2}", "b={\"startTime\":8}");
    }

    @Test
    void aTornLastLineFallsBackToTheKeysPreviousCompleteLine() throws Exception {
        Files.writeString(file(), "a={\"startTime\":1}\nb={\"startTime\":5}\na={\"startTi");
        FilePositionRepository s = store();
        assertThat(s.getState("a")).isEqualTo("{\"startTime\":1}");
        assertThat(s.getState("b")).isEqualTo("{\"startTime\":5}");
    }

    @Test
    void aLineWithoutEqualsLeavesTheOtherKeysReadableAndMakesAbsentKeysUnknown() throws Exception {
        Files.writeString(file(), "a={\"startTime\":1}\nhost/tickets/rou\n");
        FilePositionRepository s = store();
        assertThat(s.getState("a")).isEqualTo("{\"startTime\":1}");
        assertThatThrownBy(() -> s.getState("host/tickets/route")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file().toRealPath().toString()).hasMessageContaining("host/tickets/route")
                .hasMessageContaining("line 2");
        // a write keeps the damage visible: after a restart the unknown key is still unknown
        s.setState("a", "{\"startTime\":2}");
        stopAll();
        assertThatThrownBy(() -> store().getState("host/tickets/route")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyFileIsDamageNotAFreshStart() throws Exception {
        Files.writeString(file(), "");
        FilePositionRepository s = store();
        assertThatThrownBy(() -> s.getState("a")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("empty").hasMessageContaining("'a'");
    }

    @Test
    void aMissingFileIsAFreshStart() {
        assertThat(store().getState("a")).isNull();
        assertThat(file()).doesNotExist();
    }
}
