package io.baton.demo.cart.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The demo's report directory: {@code requests.csv} (every request), {@code latency.png} (latency over
 * time with the swaps marked, drawn with XChart) and {@code index.html} showing both with the summary.
 */
final class DemoReport {
    /** Width of the chart's time buckets. */
    private static final long BUCKET_NANOS = 100_000_000L;

    private DemoReport() {}

    /** @return the report's {@code index.html} */
    static Path write(Path dir, List<RequestRecord> records, List<SwapStep> steps, DemoSummary summary) throws IOException {
        Files.createDirectories(dir);
        writeCsv(dir.resolve("requests.csv"), records);
        writeChart(dir.resolve("latency.png"), records, steps);
        Path html = dir.resolve("index.html");
        Files.writeString(html, html(summary, records), StandardCharsets.UTF_8);
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

    private static void writeChart(Path file, List<RequestRecord> records, List<SwapStep> steps) throws IOException {
        XYChart chart = new XYChartBuilder().width(1200).height(520).title("Request latency under load, swaps marked")
                .xAxisTitle("time since start (s)").yAxisTitle("latency (ms, log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(5);
        long last = records.isEmpty() ? 0 : records.get(records.size() - 1).startNanos();
        int buckets = (int) (last / BUCKET_NANOS) + 1;
        long[][] perBucket = new long[buckets][];
        List<List<Long>> lists = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            lists.add(new ArrayList<>());
        }
        List<Double> failedX = new ArrayList<>();
        List<Double> failedY = new ArrayList<>();
        for (RequestRecord r : records) {
            lists.get((int) (r.startNanos() / BUCKET_NANOS)).add(r.latencyNanos());
            if (!r.ok()) {
                failedX.add(r.startNanos() / 1e9);
                failedY.add(Math.max(0.01, r.latencyNanos() / 1e6));
            }
        }
        List<Double> x = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        double top = 1;
        for (int i = 0; i < buckets; i++) {
            perBucket[i] = lists.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
            if (perBucket[i].length == 0) {
                continue;
            }
            x.add(i * BUCKET_NANOS / 1e9);
            double m = Math.max(0.01, perBucket[i][perBucket[i].length - 1] / 1e6);
            max.add(m);
            p50.add(Math.max(0.01, perBucket[i][perBucket[i].length / 2] / 1e6));
            top = Math.max(top, m);
        }
        if (!x.isEmpty()) {
            line(chart, "max per 100 ms", x, max, new Color(0xD0, 0x60, 0x20));
            line(chart, "median per 100 ms", x, p50, new Color(0x20, 0x60, 0xB0));
        }
        if (!failedX.isEmpty()) {
            XYSeries failed = chart.addSeries("failed requests", failedX, failedY);
            failed.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            failed.setMarker(SeriesMarkers.CROSS);
            failed.setMarkerColor(Color.RED);
        }
        for (SwapStep s : steps) {
            marker(chart, "swap " + s.label(), s.startNanos, top, Color.DARK_GRAY);
            if (s.rollbackEndNanos > 0) {
                marker(chart, "rolled back " + s.to + " -> " + s.from, s.rollbackEndNanos, top, Color.MAGENTA);
            }
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void line(XYChart chart, String name, List<Double> x, List<Double> y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
    }

    private static void marker(XYChart chart, String name, long atNanos, double top, Color color) {
        double at = atNanos / 1e9;
        XYSeries s = chart.addSeries(name, Arrays.asList(at, at), Arrays.asList(0.01, top * 2));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    }

    private static String html(DemoSummary summary, List<RequestRecord> records) {
        String verdict = summary.violations().isEmpty() ? "<p class=ok>PASSED: every invariant held</p>"
                : "<p class=bad>FAILED:</p><ul>" + summary.violations().stream().map(v -> "<li>" + escape(v) + "</li>")
                        .reduce("", String::concat) + "</ul>";
        return "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>Baton demo report</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:1250px}pre{background:#f4f4f4;padding:1em;overflow-x:auto}"
                + ".ok{color:#080;font-weight:bold}.bad{color:#b00;font-weight:bold}</style></head><body>\n"
                + "<h1>Baton demo: the cart swapped under HTTP load</h1>\n"
                + "<p>1.0.0 &rarr; 2.0.0 &rarr; 3.0.0 (each with its state migrated), then the faulty 3.1.0, rolled back by the failure monitor.</p>\n"
                + verdict + "\n<h2>Swaps</h2>\n<pre>" + escape(summary.table()) + "</pre>\n"
                + "<h2>Latency over time</h2>\n<img src=\"latency.png\" alt=\"request latency over time with the swaps marked\" width=1200>\n"
                + "<p>Every request (" + records.size() + ") with its start time, latency and HTTP status (0: I/O error): "
                + "<a href=\"requests.csv\">requests.csv</a>.</p>\n</body></html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
