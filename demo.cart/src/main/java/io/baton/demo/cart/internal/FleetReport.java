package io.baton.demo.cart.internal;

import io.baton.fleet.agent.Rollout;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The fleet demo's report: {@code fleet-timeline.png} (XChart: each node's cart version over time as a
 * step line, its failed requests as red crosses on its line), {@code requests.csv} (every request of
 * every node) and {@code report.md} (verdict, rollouts, the per-node table, the chart).
 */
final class FleetReport {
    private static final Color[] COLORS = {new Color(0x20, 0x60, 0xB0), new Color(0x30, 0x90, 0x40), new Color(0xA0, 0x50, 0xB0),
        new Color(0xD0, 0x80, 0x20), new Color(0x40, 0x40, 0x40)};

    private FleetReport() {}

    static void write(Path dir, List<FleetWatch.Sample> samples, Map<String, List<RequestRecord>> records, List<Rollout> rollouts,
            List<String> table, List<String> problems) throws IOException {
        Files.createDirectories(dir);
        timeline(dir.resolve("fleet-timeline.png"), samples, records);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(dir.resolve("requests.csv"), StandardCharsets.UTF_8))) {
            csv.println("node,start_ms,latency_ms,op,status,client");
            records.forEach((node, list) -> list.forEach(r -> csv.printf("%s,%.3f,%.3f,%s,%d,%d%n", node, r.startNanos() / 1e6,
                    r.latencyNanos() / 1e6, r.op(), r.status(), r.client())));
        }
        List<String> md = new ArrayList<>();
        md.add("# Baton fleet demo");
        md.add("");
        md.add(problems.isEmpty() ? "**Verdict: every invariant held.**" : "**Verdict: FAILED**");
        problems.forEach(p -> md.add("- " + p));
        md.add("");
        md.add("## Rollouts");
        md.add("");
        md.add("| rollout | target | state | seconds | reason |");
        md.add("|---|---|---|---|---|");
        for (Rollout r : rollouts) {
            md.add("| " + r.id + " | " + String.join(" ", r.targets) + " | " + r.state + " | "
                    + String.format("%.1f", (r.endedAt - r.createdAt) / 1000.0) + " | " + (r.reason == null ? "" : r.reason.replace("|", "/")) + " |");
        }
        md.add("");
        md.add("## Nodes");
        md.add("");
        md.add("```");
        md.addAll(table);
        md.add("```");
        md.add("");
        md.add("![each node's cart version over time](fleet-timeline.png)");
        Files.write(dir.resolve("report.md"), md, StandardCharsets.UTF_8);
    }

    /** Version as a number (3.1.0 -> 3.1), each node lifted a little so that lines on one version stay apart. */
    private static double y(String version, int node) {
        String[] parts = version == null ? new String[] {"0"} : version.split("\\.");
        double v = Double.parseDouble(parts[0]) + (parts.length > 1 ? Double.parseDouble(parts[1]) / 10 : 0);
        return v + node * 0.04;
    }

    private static void timeline(Path file, List<FleetWatch.Sample> samples, Map<String, List<RequestRecord>> records) throws IOException {
        XYChart chart = new XYChartBuilder().width(1300).height(460).title("Cart version per node over time (failed requests: red crosses)")
                .xAxisTitle("time since start (s)").yAxisTitle("cart version (1.0 ... 3.1)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setYAxisMin(0.8);
        chart.getStyler().setYAxisMax(3.5);
        List<String> nodes = new ArrayList<>(records.keySet());
        List<Double> fx = new ArrayList<>();
        List<Double> fy = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String node = nodes.get(i);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<FleetWatch.Sample> mine = new ArrayList<>();
            synchronized (samples) {
                samples.stream().filter(s -> s.node().equals(node) && s.version() != null).forEach(mine::add);
            }
            for (FleetWatch.Sample s : mine) {
                x.add(s.seconds());
                y.add(y(s.version(), i));
            }
            if (!x.isEmpty()) {
                XYSeries line = chart.addSeries(node, x, y);
                line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(COLORS[i % COLORS.length]);
            }
            for (RequestRecord r : records.get(node)) {
                if (!r.ok()) {
                    double t = r.startNanos() / 1e9;
                    fx.add(t);
                    fy.add(y(versionAt(mine, t), i));
                }
            }
        }
        if (!fx.isEmpty()) {
            XYSeries failed = chart.addSeries("FAILED requests (" + fx.size() + ")", fx, fy);
            failed.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            failed.setMarker(SeriesMarkers.CROSS);
            failed.setMarkerColor(Color.RED);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String versionAt(List<FleetWatch.Sample> mine, double t) {
        String v = mine.isEmpty() ? null : mine.get(0).version();
        for (FleetWatch.Sample s : mine) {
            if (s.seconds() > t) {
                break;
            }
            v = s.version();
        }
        return v;
    }
}
