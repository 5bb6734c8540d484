package io.baton.demo.cart.internal;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts (XChart, PNG): latency over the whole run, requests per second beside it, and a
 * zoom around each mark. Every chart carries every mark in view as a line of its own colour and dash,
 * named in the legend and labelled beside the line; failed requests are big red crosses.
 */
final class ReportCharts {
    /** Width of the overview charts' time buckets. */
    private static final long BUCKET_NANOS = 100_000_000L;
    /** A zoom shows this long before and after its mark. */
    static final long ZOOM_NANOS = 1_500_000_000L;
    private static final double FLOOR_MS = 0.01;

    private ReportCharts() {}

    /** Median and max latency per 100 ms over the run, log scale, failed requests as red crosses. */
    static void latency(Path file, List<RequestRecord> records, List<Mark> marks) throws IOException {
        XYChart chart = chart("Request latency under load (median and max per 100 ms), swaps and the rollback marked", "latency (ms, log scale)", 1300, 460);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(10); // the only points drawn are the failed requests: big
        List<List<Long>> buckets = buckets(records, BUCKET_NANOS);
        List<Double> x = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        double top = 1;
        for (int i = 0; i < buckets.size(); i++) {
            long[] sorted = buckets.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length > 0) {
                x.add(i * BUCKET_NANOS / 1e9);
                max.add(Math.max(FLOOR_MS, sorted[sorted.length - 1] / 1e6));
                p50.add(Math.max(FLOOR_MS, sorted[sorted.length / 2] / 1e6));
                top = Math.max(top, max.get(max.size() - 1));
            }
        }
        if (!x.isEmpty()) {
            line(chart, "max per 100 ms", x, max, new Color(0xD0, 0x60, 0x20));
            line(chart, "median per 100 ms", x, p50, new Color(0x20, 0x60, 0xB0));
        }
        failed(chart, records, Long.MIN_VALUE, Long.MAX_VALUE);
        marks(chart, marks, Long.MIN_VALUE, Long.MAX_VALUE, FLOOR_MS, top * 2, true);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Requests per second (all, and failed) per 100 ms over the run: a long pause shows as a dip. */
    static void throughput(Path file, List<RequestRecord> records, List<Mark> marks) throws IOException {
        XYChart chart = chart("Requests per second (per 100 ms), swaps and the rollback marked", "requests / s", 1300, 380);
        List<List<Long>> all = buckets(records, BUCKET_NANOS);
        List<List<Long>> failed = buckets(records.stream().filter(r -> !r.ok()).toList(), BUCKET_NANOS);
        List<Double> x = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> failedRate = new ArrayList<>();
        double top = 1;
        for (int i = 0; i < all.size(); i++) {
            x.add(i * BUCKET_NANOS / 1e9);
            rate.add(all.get(i).size() * 1e9 / BUCKET_NANOS);
            failedRate.add((i < failed.size() ? failed.get(i).size() : 0) * 1e9 / BUCKET_NANOS);
            top = Math.max(top, rate.get(i));
        }
        if (!x.isEmpty()) {
            line(chart, "requests/s", x, rate, new Color(0x20, 0x60, 0xB0));
            XYSeries f = line(chart, "failed requests/s", x, failedRate, Color.RED);
            f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            f.setFillColor(new Color(255, 0, 0, 110));
        }
        marks(chart, marks, Long.MIN_VALUE, Long.MAX_VALUE, 0, top * 1.1, false);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Every request within {@link #ZOOM_NANOS} of the mark, as a point: when it started and how long it took. */
    static void zoom(Path file, List<RequestRecord> records, Mark mark, List<Mark> marks) throws IOException {
        long from = mark.atNanos() - ZOOM_NANOS;
        long to = mark.atNanos() + ZOOM_NANOS;
        XYChart chart = chart("Around " + mark.label() + ": every request", "latency (ms, log scale)", 640, 360);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisMin(from / 1e9);
        chart.getStyler().setXAxisMax(to / 1e9);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double top = 1;
        for (RequestRecord r : records) {
            if (r.ok() && r.startNanos() >= from && r.startNanos() <= to) {
                x.add(r.startNanos() / 1e9);
                y.add(Math.max(FLOOR_MS, r.latencyNanos() / 1e6));
                top = Math.max(top, y.get(y.size() - 1));
            }
        }
        if (!x.isEmpty()) {
            XYSeries ok = chart.addSeries("answered (" + x.size() + ")", x, y);
            ok.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            ok.setMarker(SeriesMarkers.CIRCLE);
            ok.setMarkerColor(new Color(0x20, 0x60, 0xB0, 120));
        }
        chart.getStyler().setMarkerSize(6);
        failed(chart, records, from, to);
        marks(chart, marks, from, to, FLOOR_MS, top * 2, true);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("time since start (s)").yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
        return chart;
    }

    /** Per bucket of {@code width}, the latencies of the requests that started in it. */
    private static List<List<Long>> buckets(List<RequestRecord> records, long width) {
        long last = records.stream().mapToLong(RequestRecord::startNanos).max().orElse(0);
        List<List<Long>> buckets = new ArrayList<>();
        for (int i = 0; i <= last / width; i++) {
            buckets.add(new ArrayList<>());
        }
        for (RequestRecord r : records) {
            buckets.get((int) (r.startNanos() / width)).add(r.latencyNanos());
        }
        return buckets;
    }

    /** Failed requests in [from, to] as big red crosses, their count in the legend. */
    private static void failed(XYChart chart, List<RequestRecord> records, long from, long to) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (RequestRecord r : records) {
            if (!r.ok() && r.startNanos() >= from && r.startNanos() <= to) {
                x.add(r.startNanos() / 1e9);
                y.add(Math.max(FLOOR_MS, r.latencyNanos() / 1e6));
            }
        }
        if (!x.isEmpty()) {
            XYSeries failed = chart.addSeries("FAILED requests (" + x.size() + ")", x, y);
            failed.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            failed.setMarker(SeriesMarkers.CROSS);
            failed.setMarkerColor(Color.RED);
        }
    }

    /**
     * The marks within [from, to] as vertical lines from {@code bottom} to {@code top}, each named in the
     * legend and labelled near the top; labels alternate between two heights so that close marks (the
     * faulty swap and its rollback) do not cover each other.
     */
    private static void marks(XYChart chart, List<Mark> marks, long from, long to, double bottom, double top, boolean log) {
        int shown = 0;
        for (Mark m : marks) {
            if (m.atNanos() < from || m.atNanos() > to) {
                continue;
            }
            boolean high = shown++ % 2 == 0;
            double labelY = log ? top / (high ? 1.5 : 4) : bottom + (top - bottom) * (high ? 0.95 : 0.85);
            XYSeries s = chart.addSeries(m.label(), Arrays.asList(m.atSeconds(), m.atSeconds()), Arrays.asList(bottom, top));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(m.color());
            s.setLineStyle(m.stroke());
            chart.addAnnotation(new AnnotationText(m.tag(), m.atSeconds(), labelY, false));
        }
    }

    private static XYSeries line(XYChart chart, String name, List<Double> x, List<Double> y, Color color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        return s;
    }
}
