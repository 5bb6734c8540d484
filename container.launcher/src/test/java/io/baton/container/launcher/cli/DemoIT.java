package io.baton.container.launcher.cli;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.baton.container.launcher.ChildJvm;
import io.baton.container.launcher.web.Browser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * {@code java -jar baton.jar demo}, run as a user runs it: a short run to a passing verdict, its report
 * read in headless Chromium, and its bad inputs.
 */
public class DemoIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private ChildJvm.Result demo(String... args) throws Exception {
        String jar = System.getProperty("baton.jar", "target/baton.jar");
        assertTrue("baton.jar built at " + jar, Files.isRegularFile(Path.of(jar)));
        List<String> command = new ArrayList<>(List.of("-jar", Path.of(jar).toAbsolutePath().toString(), "demo"));
        command.addAll(List.of(args));
        return ChildJvm.start(tmp.getRoot().toPath(), command).await(180);
    }

    @Test
    public void aShortDemoSwapsThreeTimesRollsBackOnceAndPassesEveryInvariantOnAPortItHadToChange() throws Exception {
        Path report = tmp.getRoot().toPath().resolve("report");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ChildJvm.Result r = demo("--duration", "12", "--clients", "3", "--report", report.toString(), "--port", Integer.toString(port));
            assertEquals(r.toString(), 0, r.exit);
            assertTrue("a port in use is replaced, and said so\n" + r, r.out.contains("Port " + port + " is in use"));
            for (String phase : List.of("VALIDATE", "STAGE", "QUIESCE", "TRANSFER", "SWITCH", "RETIRE")) {
                assertTrue("live phase lines\n" + r, r.out.matches("(?s).*\\n\\s+" + phase + "\\s+\\d+ us\\s+done.*"));
            }
            assertTrue("live requests per second\n" + r, r.out.matches("(?s).*\\[\\s*\\d+\\.\\d s\\]\\s+\\d+ req/s.*"));
            assertTrue(r.toString(), r.out.matches("(?s).*1\\.0\\.0 -> 2\\.0\\.0\\s+committed.*"));
            assertTrue(r.toString(), r.out.matches("(?s).*2\\.0\\.0 -> 3\\.0\\.0\\s+committed.*"));
            assertTrue(r.toString(), r.out.matches("(?s).*3\\.0\\.0 -> 3\\.1\\.0\\s+rolled back \\(error-rate\\).*"));
            assertTrue(r.toString(), r.out.matches("(?s).*Rollback of 3\\.1\\.0: \\d+\\.\\d\\d ms from detection to 3\\.0\\.0 serving.*"));
            assertTrue(r.toString(), r.out.contains("Web front activations seen: 1 (never restarted)"));
            assertTrue(r.toString(), r.out.contains("PASSED: every invariant held"));
        }
        List<String> csv = Files.readAllLines(report.resolve("requests.csv"), StandardCharsets.UTF_8);
        assertEquals("time_ms,latency_us,op,status,client", csv.get(0));
        assertTrue("every request: " + csv.size(), csv.size() > 500);
        assertTrue("the faulty release's 500s are in it", csv.stream().anyMatch(l -> l.contains(",add,500,")));
        for (String chart : List.of("latency.png", "throughput.png", "zoom-1.png", "zoom-2.png", "zoom-3.png", "zoom-4.png")) {
            byte[] png = Files.readAllBytes(report.resolve(chart));
            assertArrayEquals(chart + " is a PNG", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        }
        readTheReportInABrowser(report.resolve("index.html"));
    }

    /** The report as a person opens it: in headless Chromium, in a 1400 px window. */
    private void readTheReportInABrowser(Path index) throws Exception {
        try (Browser browser = Browser.start(tmp.getRoot().toPath(), 1400, 1000)) {
            WebDriver page = browser.driver;
            page.get(index.toUri().toString());
            assertEquals("Baton demo report", page.getTitle());
            assertEquals("PASSED: every invariant held", page.findElement(By.id("verdict")).getText());
            JavascriptExecutor js = (JavascriptExecutor) page;
            browser.waiting(20).until(d -> (Boolean) js.executeScript("return Array.from(document.images).every(i => i.complete);"));
            assertEquals("the overview, the throughput and a zoom around each of the 3 swaps and the rollback", 6L,
                    js.executeScript("return document.images.length;"));
            assertEquals("every chart image decoded", 6L, js.executeScript("return Array.from(document.images).filter(i => i.naturalWidth > 0).length;"));
            List<String> rows = page.findElements(By.cssSelector("#summary tbody tr")).stream().map(r -> r.getText()).toList();
            assertEquals(rows.toString(), 4, rows.size());
            assertTrue(rows.toString(), rows.get(0).startsWith("1.0.0 -> 2.0.0 committed") && rows.get(1).startsWith("2.0.0 -> 3.0.0 committed")
                    && rows.get(2).startsWith("3.0.0 -> 3.1.0 rolled back (error-rate)") && rows.get(3).startsWith("3.1.0 -> 3.0.0 (rollback)"));
            assertTrue("fits the window: nothing to scroll sideways",
                    (Boolean) js.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"));
            browser.screenshot("demo-report");
        }
    }

    @Test
    public void badUsageIsRefusedWithExit2BeforeAnythingStarts() throws Exception {
        Path file = tmp.newFile("not-a-dir").toPath();
        usage(demo("--clients", "0"), "--clients must be from 1 to 256, was 0");
        usage(demo("--clients", "-3"), "--clients must be from 1 to 256, was -3");
        usage(demo("--duration", "-5"), "--duration must be at least 10 seconds, was -5");
        usage(demo("--duration", "0"), "--duration must be at least 10 seconds, was 0");
        usage(demo("--duration", "soon"), "Invalid value for option '--duration'");
        usage(demo("--port", "70000"), "--port must be from 0 to 65535, was 70000");
        usage(demo("--report", file.resolve("sub").toString()), "--report " + file.resolve("sub") + " is not a writable directory");
        usage(demo("--report", file.toString()), "--report " + file + " is not a writable directory");
        assertFalse("nothing written", Files.exists(tmp.getRoot().toPath().resolve("baton-demo-report")));
    }

    private static void usage(ChildJvm.Result r, String message) {
        assertEquals(r.toString(), 2, r.exit);
        assertTrue(r.toString(), r.err.contains(message));
        assertTrue("usage text\n" + r, r.err.contains("Usage: baton demo"));
        assertFalse("no container started\n" + r, r.out.contains("Container started"));
    }
}
