package io.baton.demo.cart.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's report directory: {@code requests.csv} (every request), {@code latency.png} and
 * {@code throughput.png} (the whole run), {@code zoom-<n>.png} (around each swap and the rollback), and
 * {@code index.html} showing them with the summary table.
 */
final class DemoReport {
    private DemoReport() {}

    /** @return the report's {@code index.html} */
    static Path write(Path dir, List<RequestRecord> records, List<SwapStep> steps, DemoSummary summary) throws IOException {
        Files.createDirectories(dir);
        writeCsv(dir.resolve("requests.csv"), records);
        List<Mark> marks = Mark.of(steps);
        ReportCharts.latency(dir.resolve("latency.png"), records, marks);
        ReportCharts.throughput(dir.resolve("throughput.png"), records, marks);
        List<String> zooms = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            String name = "zoom-" + (i + 1) + ".png";
            ReportCharts.zoom(dir.resolve(name), records, marks.get(i), marks);
            zooms.add(name);
        }
        Path html = dir.resolve("index.html");
        Files.writeString(html, ReportPage.html(summary, records.size(), marks, zooms), StandardCharsets.UTF_8);
        return html;
    }

    private static void writeCsv(Path file, List<RequestRecord> records) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("time_ms,latency_us,op,status,client\n");
            for (RequestRecord r : records) {
                w.write(String.format(Locale.ROOT, "%.3f,%d,%s,%d,%d%n", r.startNanos() / 1e6, r.latencyNanos() / 1000,
                        r.op().name().toLowerCase(Locale.ROOT), r.status(), r.client()));
            }
        }
    }
}
