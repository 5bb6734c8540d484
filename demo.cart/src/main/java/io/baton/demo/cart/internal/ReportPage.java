package io.baton.demo.cart.internal;

import java.util.List;

/**
 * The report's {@code index.html}: the verdict, the summary as a table, the charts, a zoom around each
 * mark. Laid out to fit a 1400 px window without scrolling sideways (images scale down, cells wrap).
 */
final class ReportPage {
    private ReportPage() {}

    /**
     * @param zooms per mark, the zoom chart's file name, in the order of {@code marks}
     */
    static String html(DemoSummary summary, int requests, List<Mark> marks, List<String> zooms) {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>Baton demo report</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em auto;max-width:1340px;padding:0 1em;box-sizing:border-box}\n")
                .append("img{max-width:100%;height:auto;display:block}\n")
                .append("table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;overflow-wrap:anywhere}\n")
                .append("th{background:#f0f2f4}tr.rollback td{background:#fff0f0}\n")
                .append(".zooms{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:1em}figure{margin:0}figcaption{font-size:.9em;color:#444}\n")
                .append(".ok{color:#080;font-weight:bold}.bad{color:#b00;font-weight:bold}\n")
                .append("</style></head><body>\n")
                .append("<h1>Baton demo: the cart swapped under HTTP load</h1>\n")
                .append("<p>1.0.0 &rarr; 2.0.0 &rarr; 3.0.0 (each with its state migrated), then the faulty 3.1.0, rolled back by the failure monitor.</p>\n");
        if (summary.violations().isEmpty()) {
            page.append("<p class=ok id=verdict>PASSED: every invariant held</p>\n");
        } else {
            page.append("<p class=bad id=verdict>FAILED:</p><ul>");
            summary.violations().forEach(v -> page.append("<li>").append(escape(v)).append("</li>"));
            page.append("</ul>\n");
        }
        page.append("<h2>Swaps</h2>\n<table id=summary><thead><tr>");
        List<String[]> rows = summary.rows();
        for (String h : rows.get(0)) {
            page.append("<th>").append(escape(h)).append("</th>");
        }
        page.append("</tr></thead><tbody>\n");
        for (String[] row : rows.subList(1, rows.size())) {
            page.append(row[0].endsWith("(rollback)") ? "<tr class=rollback>" : "<tr>");
            for (String cell : row) {
                page.append("<td>").append(escape(cell)).append("</td>");
            }
            page.append("</tr>\n");
        }
        page.append("</tbody></table>\n<ul id=notes>");
        summary.notes().forEach(n -> page.append("<li>").append(escape(n)).append("</li>"));
        page.append("</ul>\n<h2>Latency and throughput</h2>\n")
                .append("<img src=\"latency.png\" alt=\"request latency over time, swaps and the rollback marked, failed requests as red crosses\">\n")
                .append("<img src=\"throughput.png\" alt=\"requests per second over time, failed requests in red, swaps and the rollback marked\">\n")
                .append("<h2>Around each swap and the rollback</h2>\n<div class=zooms>\n");
        for (int i = 0; i < marks.size(); i++) {
            page.append("<figure><img src=\"").append(zooms.get(i)).append("\" alt=\"every request around ").append(escape(marks.get(i).label()))
                    .append("\"><figcaption>").append(escape(marks.get(i).label())).append(": every request from ")
                    .append(ReportCharts.ZOOM_NANOS / 1_000_000).append(" ms before to ").append(ReportCharts.ZOOM_NANOS / 1_000_000)
                    .append(" ms after</figcaption></figure>\n");
        }
        page.append("</div>\n<p>Every request (").append(requests).append(") with its start time, latency and HTTP status (0: I/O error): ")
                .append("<a href=\"requests.csv\">requests.csv</a>.</p>\n</body></html>\n");
        return page.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
