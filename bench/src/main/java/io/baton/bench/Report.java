package io.baton.bench;

import static io.baton.bench.Targets.f;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Writes a run as markdown ({@code <date>-results.md}, copied to {@code latest.md}) and CSV
 * ({@code <date>-results.csv}: section, method, size in bytes, metric, value, unit).
 */
final class Report {
    private final Results r;
    private final List<Targets.Row> targets;
    private final StringBuilder md = new StringBuilder();
    private final List<String> csv = new ArrayList<>();

    Report(Results results) {
        this.r = results;
        this.targets = Targets.judge(results);
    }

    List<Targets.Row> targets() {
        return targets;
    }

    /** @return the markdown file written */
    Path write(Path dir, String date) throws IOException {
        build();
        Files.createDirectories(dir);
        Path mdFile = dir.resolve(date + "-results.md");
        Files.writeString(mdFile, md.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(date + "-results.csv"), String.join("\n", csv) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("latest.md"), md.toString(), StandardCharsets.UTF_8);
        return mdFile;
    }

    /** Writes a JMH-only run ({@code --jmh-only}) to {@code <date>-jmh-results.md}; latest.md is left to full runs. */
    Path writeJmhOnly(Path dir, String date) throws IOException {
        md.append("# Baton facade benchmark (JMH only), ").append(r.startedAt).append("\n\n");
        md.append("Made by `io.baton.bench.BenchMain --jmh-only` (`mvn -B -pl bench -am verify -Pbench -DskipTests"
                + " -Dbench.args=\"--jmh-only\"`); see [bench/README.md](../README.md).\n\n");
        machine();
        md.append("## Targets\n\n| target | goal | measured | result | why not met |\n|---|---|---|---|---|\n");
        targets.stream().filter(t -> t.target.startsWith("Facade")).forEach(this::target);
        md.append('\n');
        jmh();
        Files.createDirectories(dir);
        Path mdFile = dir.resolve(date + "-jmh-results.md");
        Files.writeString(mdFile, md.toString(), StandardCharsets.UTF_8);
        return mdFile;
    }

    private void machine() {
        md.append("| machine | |\n|---|---|\n");
        r.machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
        md.append("| load average at end | ").append(r.loadAtEnd).append(" |\n");
        String run = r.config.jmhOnly ? f("JMH only: %d fork(s) x %d warm-up + %d x 1 s per benchmark; 1 thread, %d threads, 1 thread"
                + " on the proxy facade", r.config.jmhForks, r.config.jmhWarmups, r.config.jmhIterations, r.jmhThreads) : r.config.toString();
        md.append("| run | ").append(run).append(", ").append(r.durationMillis / 1000).append(" s |\n\n");
    }

    private void target(Targets.Row t) {
        md.append("| ").append(t.target).append(" | ").append(t.goal).append(" | ").append(t.measured).append(" | **")
                .append(t.verdict()).append("** | ").append(t.why).append(" |\n");
    }

    private void build() {
        csv.add("section,method,size_bytes,metric,value,unit");
        md.append("# Baton benchmark results, ").append(r.startedAt).append(" (").append(r.config.label).append(" run)\n\n");
        md.append("Made by `io.baton.bench.BenchMain` (`mvn -B -pl bench -am verify -Pbench`); see [bench/README.md](../README.md)"
                + " for what is measured and how. CSV with the same numbers: `").append(r.startedAt, 0, 10).append("-results.csv`.\n\n");
        machine();
        r.machine.forEach((k, v) -> csv.add("machine,," + "," + k.replace(' ', '_') + "," + csvText(v) + ","));

        md.append("## Targets\n\n| target | goal | measured | result | why not met |\n|---|---|---|---|---|\n");
        for (Targets.Row t : targets) {
            target(t);
            csv.add("target,," + "," + csvText(t.target) + "," + t.verdict() + ",");
        }
        md.append('\n');
        md.append(f("Framework events of the Baton container during the run: %d ERROR, %d WARNING.%n", r.frameworkErrors, r.frameworkWarnings));
        r.frameworkEvents.stream().limit(5).forEach(e -> md.append("- ").append(e).append('\n'));
        md.append('\n');
        csv.add(f("framework,,,error_events,%d,count", r.frameworkErrors));
        csv.add(f("framework,,,warning_events,%d,count", r.frameworkWarnings));
        if (!r.problems.isEmpty()) {
            md.append("Problems seen during the run:\n\n");
            r.problems.forEach(p -> md.append("- ").append(p).append('\n'));
            md.append('\n');
        }
        jmh();
        swaps();
        keyed();
        phases();
        rollbacks();
        endurance();
        md.append("## Definitions\n\n"
                + "- **pause** (Baton): time the facade gates were closed (SwapReport.pauseMicros): the end of QUIESCE (the drain), "
                + "TRANSFER (export, capture, import; for keyed state only what changed since the pre-copy) and the start of SWITCH. No "
                + "file is written in the pause: the checkpoint's state is made durable with the TRIAL record after the gates reopen "
                + "(inside the SWITCH phase's time, after the pause).\n"
                + "- **downtime** (plain Felix, restart): the longest time one caller could not get a successful call, from its first "
                + "failed call to its next success; when no call failed, the longest call. For Baton the column shows the pause.\n"
                + "- **longest caller wait**: the longest single call seen by the callers while the operation ran (includes time held at "
                + "a closed gate).\n"
                + "- **failed calls**: calls that found no service or threw, from the start of the operation until every caller was "
                + "served again.\n"
                + "- **consumer restarts**: activations of the consumer's DS component (static, mandatory reference to the blob service).\n"
                + "- **state lost**: bytes of blob state the service held after the operation that differ from before (size and CRC-32); "
                + "**writes lost**: acknowledged writes missing from the write counter.\n"
                + "- **state MB/s** (Baton): bytes moved (SwapReport.stateBytes) per second of pause.\n"
                + "- **rollback time, to serving**: from the detection (the rollback() call, or the detector's verdict) to the old version "
                + "serving (its gates open): SwapRecord.servingMicros. The old version is a warm standby (active, hidden), so the swap back"
                + " starts and resolves nothing. **To the end**: SwapRecord.rollbackMicros (until the swap back returned).\n"
                + "- **detection**: from the failed call that crossed the error-rate threshold (the engine signals every failed call to the"
                + " probation at once) to the verdict: SwapRecord.detectionMicros.\n");
    }

    private void jmh() {
        md.append("## Facade call overhead (JMH, ns/op, average time)\n\n");
        if (r.jmh.isEmpty()) {
            md.append("JMH was not run.\n\n");
            return;
        }
        md.append(f("work(%d) calibrated to ~1 us on this machine. Average time per call and thread; with %d threads every thread"
                + " calls the same facade (and the same implementation object directly).%n%n", r.jmhRounds, r.jmhThreads));
        md.append("| method | threads | direct | through the facade | overhead | overhead % |\n|---|---|---|---|---|---|\n");
        for (int threads : new int[] {1, r.jmhThreads}) {
            String t = JmhRunner.suffix(threads);
            row("empty method (ping)", threads, r.jmh.get("directEmpty" + t), r.jmh.get("facadeEmpty" + t));
            row("~1 us method (work)", threads, r.jmh.get("directWork" + t), r.jmh.get("facadeWork" + t));
        }
        md.append('\n');
        Results.JmhScore fence = r.jmh.get("fenceOnly");
        if (fence != null) {
            md.append(f("The floor of a drain-safe entry on this machine, one volatile store to the thread's own counter (`fenceOnly`):"
                    + " %.1f ± %.1f ns with 1 thread.%n%n", fence.score, fence.error));
        }
        Results.JmhScore direct = r.jmh.get("directEmpty");
        Results.JmhScore proxyEmpty = r.jmh.get("proxyEmpty");
        Results.JmhScore proxyWork = r.jmh.get("proxyWork");
        if (direct != null && proxyEmpty != null && proxyWork != null && r.jmh.get("directWork") != null) {
            md.append("The same with the facade as the JDK proxy Baton falls back to (`-Dbaton.facade.proxy=true`), 1 thread: what"
                    + " the generated class saves.\n\n| method | direct | through the proxy facade | overhead | overhead % |\n|---|---|---|---|---|\n");
            proxyRow("empty method (ping)", direct, proxyEmpty);
            proxyRow("~1 us method (work)", r.jmh.get("directWork"), proxyWork);
            md.append('\n');
        }
        md.append(f("Throughput with %d threads over 1 thread (%d x time per call with 1 thread / time per call with %d): the direct"
                + " call's ratio is what this machine allows at all.%n%n", r.jmhThreads, r.jmhThreads, r.jmhThreads));
        md.append("| method | direct | through the facade |\n|---|---|---|\n");
        scaling("empty method (ping)", "Empty");
        scaling("~1 us method (work)", "Work");
        md.append('\n');
        r.jmh.forEach((k, v) -> {
            csv.add("jmh," + k + ",," + "score," + f("%.3f", v.score) + ",ns/op");
            csv.add("jmh," + k + ",," + "error," + f("%.3f", v.error) + ",ns/op");
        });
    }

    private void row(String name, int threads, Results.JmhScore direct, Results.JmhScore facade) {
        if (direct == null || facade == null) {
            return;
        }
        md.append(f("| %s | %d | %.1f ± %.1f | %.1f ± %.1f | %.1f | %.1f %% |%n", name, threads, direct.score, direct.error, facade.score,
                facade.error, facade.score - direct.score, (facade.score - direct.score) / direct.score * 100));
    }

    private void proxyRow(String name, Results.JmhScore direct, Results.JmhScore proxy) {
        md.append(f("| %s | %.1f ± %.1f | %.1f ± %.1f | %.1f | %.1f %% |%n", name, direct.score, direct.error, proxy.score, proxy.error,
                proxy.score - direct.score, (proxy.score - direct.score) / direct.score * 100));
    }

    private void scaling(String name, String method) {
        double direct = Targets.scaling(r, "direct" + method);
        double facade = Targets.scaling(r, "facade" + method);
        md.append(f("| %s | %s | %s |%n", name, Double.isNaN(direct) ? "-" : f("%.2fx", direct), Double.isNaN(facade) ? "-" : f("%.2fx", facade)));
    }

    private void swaps() {
        md.append("## Swap under load: Baton, plain Felix update+refresh, framework restart\n\n");
        md.append(f("%d caller threads write to the service in a loop (no think time) during every operation. Baton: %d swaps per size,"
                + " 1.0.0 <-> 2.0.0, each committed. Plain Felix: the same bundles in Felix with SCR, callers through a ServiceTracker,"
                + " the blob filled afresh before each operation.%n%n", r.config.callers, r.config.swaps));
        md.append("| state | method | ops | pause / downtime p50 ms | p99 ms | max ms | longest caller wait ms | failed calls | consumer restarts"
                + " | state lost | writes lost | state MB/s | downtime vs Baton (p50) |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (long size : r.config.sizes) {
            List<Results.SwapSample> b = Targets.swaps(r, size);
            Stats pause = stats(b, x -> x.pauseMicros);
            Stats wait = stats(b, x -> x.callerLongestCallMicros);
            long failed = b.stream().mapToLong(x -> x.failedCalls).sum();
            long restarts = b.stream().mapToLong(x -> x.consumerRestarts).sum();
            long notIntact = b.stream().filter(x -> !x.stateIntact).count();
            Results.SizeCheck check = r.sizeChecks.stream().filter(c -> c.size == size).findFirst().orElse(null);
            long writesLost = check == null ? -1 : check.acknowledgedWrites - check.writesInState;
            double mbps = b.stream().filter(x -> x.pauseMicros > 0).mapToDouble(x -> x.stateBytes / 1048576.0 / (x.pauseMicros / 1e6))
                    .sorted().skip(b.size() / 2).findFirst().orElse(0);
            md.append(f("| %s | Baton swap | %d | %s | %s | %s | %s (max) | %d | %d | %s | %d | %.2f | x1 |%n", BenchConfig.size(size), b.size(),
                    Stats.ms(pause.p50()), Stats.ms(pause.p99()), Stats.ms(pause.max()), Stats.ms(wait.max()), failed, restarts,
                    notIntact == 0 ? "0" : notIntact + " swaps", writesLost, mbps));
            String m = "baton-swap";
            csvStats("swap", m, size, "pause", pause);
            csvStats("swap", m, size, "longest_caller_wait", wait);
            csv.add(f("swap,%s,%d,failed_calls,%d,calls", m, size, failed));
            csv.add(f("swap,%s,%d,consumer_restarts,%d,count", m, size, restarts));
            csv.add(f("swap,%s,%d,swaps_state_not_intact,%d,count", m, size, notIntact));
            csv.add(f("swap,%s,%d,writes_lost,%d,writes", m, size, writesLost));
            csv.add(f("swap,%s,%d,state_throughput_p50,%.1f,MB/s", m, size, mbps));
            for (String method : List.of("update+refresh", "framework restart")) {
                List<Results.PlainSample> p = r.plain.stream().filter(x -> x.size == size && x.method.equals(method)).collect(Collectors.toList());
                if (p.isEmpty()) {
                    continue;
                }
                Stats down = stats(p, x -> x.downtimeMicros);
                Stats pw = stats(p, x -> x.callerLongestCallMicros);
                long pf = p.stream().mapToLong(x -> x.failedCalls).sum();
                long pr = p.stream().mapToLong(x -> x.consumerRestarts).sum();
                long lostOps = p.stream().filter(x -> x.stateBytesLost > 0).count();
                long wl = p.stream().mapToLong(x -> x.writesLost).sum();
                md.append(f("| %s | %s | %d | %s | %s | %s | %s (max) | %d | %d | %s | %d | - | %s |%n", BenchConfig.size(size), method, p.size(),
                        Stats.ms(down.p50()), Stats.ms(down.p99()), Stats.ms(down.max()), Stats.ms(pw.max()), pf, pr,
                        lostOps == 0 ? "0" : "all " + BenchConfig.size(size) + " in " + lostOps + " of " + p.size(), wl,
                        Targets.ratio(down.p50(), pause.p50())));
                String pm = method.replace(' ', '-');
                csvStats("swap", pm, size, "downtime", down);
                csvStats("swap", pm, size, "longest_caller_wait", pw);
                csv.add(f("swap,%s,%d,failed_calls,%d,calls", pm, size, pf));
                csv.add(f("swap,%s,%d,consumer_restarts,%d,count", pm, size, pr));
                csv.add(f("swap,%s,%d,ops_state_lost,%d,count", pm, size, lostOps));
                csv.add(f("swap,%s,%d,writes_lost,%d,writes", pm, size, wl));
                csv.add(f("swap,%s,%d,downtime_vs_baton_pause_p50,%.1f,ratio", pm, size, (double) down.p50() / Math.max(1, pause.p50())));
            }
        }
        md.append('\n');
    }

    /** Pause against state size, the eager blob and the keyed one (pre-copy) side by side. */
    private void keyed() {
        if (r.keyedSwaps.isEmpty()) {
            return;
        }
        md.append("## Pause vs state size: eager and keyed (pre-copy) side by side\n\n");
        md.append(f("The same callers and swaps per size: the eager blob (Stateful: exported, copied and imported in the pause) and the"
                + " keyed blob (KeyedState: one entry per 64 KiB chunk plus the write counter, pre-copied while the old version serves;"
                + " the pause moves what changed since the last round and checks a checksum). %d swaps each per size.%n%n", r.config.swaps));
        md.append("| state | eager pause p50 ms | p99 ms | max ms | keyed pause p50 ms | p99 ms | max ms | eager / keyed (p50) | keyed swap total"
                + " p50 ms | keyed failed calls | keyed swaps not intact | keyed writes lost |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (long size : r.config.sizes) {
            Stats e = stats(Targets.swaps(r, size), x -> x.pauseMicros);
            List<Results.SwapSample> k = Targets.keyedSwaps(r, size);
            Stats kp = stats(k, x -> x.pauseMicros);
            Stats total = stats(k, x -> x.totalMicros);
            long failed = k.stream().mapToLong(x -> x.failedCalls).sum();
            long broken = k.stream().filter(x -> !x.stateIntact).count();
            Results.SizeCheck check = r.keyedChecks.stream().filter(c -> c.size == size).findFirst().orElse(null);
            long lost = check == null ? -1 : check.acknowledgedWrites - check.writesInState;
            md.append(f("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d | %d |%n", BenchConfig.size(size), Stats.ms(e.p50()), Stats.ms(e.p99()),
                    Stats.ms(e.max()), Stats.ms(kp.p50()), Stats.ms(kp.p99()), Stats.ms(kp.max()), Targets.ratio(e.p50(), kp.p50()),
                    Stats.ms(total.p50()), failed, broken, lost));
            csvStats("swap", "baton-swap-keyed", size, "pause", kp);
            csvStats("swap", "baton-swap-keyed", size, "total", total);
            csv.add(f("swap,baton-swap-keyed,%d,failed_calls,%d,calls", size, failed));
            csv.add(f("swap,baton-swap-keyed,%d,swaps_state_not_intact,%d,count", size, broken));
            csv.add(f("swap,baton-swap-keyed,%d,writes_lost,%d,writes", size, lost));
        }
        md.append("\nThe keyed swap's total includes the pre-copy, made while the old version serves; its median phases at the largest size: ")
                .append(Targets.phases(Targets.keyedSwaps(r, r.config.sizes.stream().max(Long::compare).orElse(0L)).stream()
                        .map(x -> x.phaseMicros).collect(Collectors.toList())))
                .append(".\n\n");
    }

    private void phases() {
        md.append("## Baton swap phases and gate waits (per size)\n\n"
                + "Phases: median per phase, us. Gate wait: SwapReport.longestWaitMicros (from the first held call's arrival to the"
                + " gate opening) and waitedCalls (calls held at the gates).\n\n"
                + "| state | phases, largest first | total swap p50 ms | gate wait p50 ms | gate wait max ms | held calls p50 |\n|---|---|---|---|---|---|\n");
        for (long size : r.config.sizes) {
            List<Results.SwapSample> b = Targets.swaps(r, size);
            Stats wait = stats(b, x -> x.reportLongestWaitMicros);
            md.append("| ").append(BenchConfig.size(size)).append(" | ")
                    .append(Targets.phases(b.stream().map(x -> x.phaseMicros).collect(Collectors.toList()))).append(" | ")
                    .append(Stats.ms(stats(b, x -> x.totalMicros).p50())).append(" | ").append(Stats.ms(wait.p50())).append(" | ")
                    .append(Stats.ms(wait.max())).append(" | ").append(stats(b, x -> x.waitedCalls).p50()).append(" |\n");
            csvStats("swap", "baton-swap", size, "gate_wait", wait);
            csvStats("swap", "baton-swap", size, "total", stats(b, x -> x.totalMicros));
        }
        md.append('\n');
    }

    private void rollbacks() {
        md.append("## Rollback time (detection to the old version serving)\n\n"
                + "`manual`: `Lifecycle.rollback()` right after a swap, callers writing. `error-rate`: a swap to blob 2.0.1, whose every"
                + " write fails, rolled back by the failure monitor (default error-rate detector, judged at each failed call); its failed"
                + " calls are the faulty version's, expected.\n\n");
        md.append("| state | kind | n | to serving p50 ms | p99 ms | max ms | to the end p50 ms | max ms | pause p50 ms | detection after swap p50 ms | threshold to verdict p50 ms | max ms | failed calls | state intact |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (long size : r.config.sizes) {
            for (String kind : List.of("manual", "error-rate")) {
                List<Results.RollbackSample> s = r.rollbacks.stream().filter(x -> x.size == size && x.kind.equals(kind)).collect(Collectors.toList());
                if (s.isEmpty()) {
                    continue;
                }
                Stats t = stats(s, x -> x.servingMicros);
                Stats rec = stats(s, x -> x.rollbackMicros);
                Stats p = stats(s, x -> x.pauseMicros);
                Stats d = stats(s, x -> x.detectionMillis);
                Stats v = stats(s, x -> x.detectionMicros);
                long failed = s.stream().mapToLong(x -> x.failedCalls).sum();
                long intact = s.stream().filter(x -> x.stateIntact).count();
                boolean auto = !kind.equals("manual");
                md.append(f("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d of %d |%n", BenchConfig.size(size), kind, s.size(), Stats.ms(t.p50()),
                        Stats.ms(t.p99()), Stats.ms(t.max()), Stats.ms(rec.p50()), Stats.ms(rec.max()), Stats.ms(p.p50()), auto ? Long.toString(d.p50()) : "-",
                        auto ? Stats.ms(v.p50()) : "-", auto ? Stats.ms(v.max()) : "-", failed, intact, s.size()));
                if (auto) {
                    csvStats("rollback", kind, size, "threshold_to_verdict", v);
                }
                csvStats("rollback", kind, size, "to_serving", t);
                csvStats("rollback", kind, size, "recorded", rec);
                csvStats("rollback", kind, size, "pause", p);
                csv.add(f("rollback,%s,%d,failed_calls,%d,calls", kind, size, failed));
                if (kind.equals("error-rate")) {
                    csv.add(f("rollback,%s,%d,detection_p50,%d,ms", kind, size, d.p50()));
                }
            }
        }
        r.rollbacks.stream().filter(x -> x.evidence != null && x.kind.equals("error-rate")).findFirst()
                .ifPresent(x -> md.append("\nEvidence recorded by the detector, e.g.: `").append(x.evidence).append("`\n"));
        md.append('\n');
    }

    private void endurance() {
        Results.Endurance e = r.endurance;
        md.append("## Endurance\n\n");
        if (e == null) {
            md.append("Not run.\n\n");
            return;
        }
        md.append(f("%d swap + rollback cycles (1 KB of state, %d callers writing) in %d s (%.0f ms a cycle); %d failed cycles; %d failed calls;"
                + " acknowledged writes %d, in the state %d.%s%n%n", e.cycles, r.config.callers, e.millis / 1000, (double) e.millis / Math.max(1, e.cycles),
                e.failedCycles, e.failedCalls, e.acknowledgedWrites, e.writesInState, e.firstFailure == null ? "" : " First failure: " + e.firstFailure));
        md.append("| when | heap after GC MB | metaspace MB | loaded classes | unloaded classes | threads | bundles | swapped-out class loaders reachable |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (JvmSnapshot s : e.snapshots) {
            md.append(f("| %s | %.1f | %.1f | %d | %d | %d | %d | %d |%n", s.when, s.heapAfterGc / 1048576.0, s.metaspace / 1048576.0, s.loadedClasses,
                    s.unloadedClasses, s.threads, s.bundles, s.liveBundleLoaders));
            String w = s.when.replaceAll("[^a-z0-9]+", "_");
            csv.add(f("endurance,%s,,heap_after_gc,%d,bytes", w, s.heapAfterGc));
            csv.add(f("endurance,%s,,metaspace,%d,bytes", w, s.metaspace));
            csv.add(f("endurance,%s,,loaded_classes,%d,count", w, s.loadedClasses));
            csv.add(f("endurance,%s,,threads,%d,count", w, s.threads));
            csv.add(f("endurance,%s,,bundles,%d,count", w, s.bundles));
            csv.add(f("endurance,%s,,swapped_out_loaders_reachable,%d,count", w, s.liveBundleLoaders));
        }
        csv.add(f("endurance,,,failed_cycles,%d,count", e.failedCycles));
        csv.add(f("endurance,,,failed_calls,%d,calls", e.failedCalls));
        if (e.snapshots.size() >= 3) {
            JvmSnapshot warm = e.snapshots.get(1);
            JvmSnapshot end = e.snapshots.get(e.snapshots.size() - 1);
            int cycles = e.cycles - r.config.warmupCycles;
            double grew = (end.heapAfterGc - warm.heapAfterGc) / 1048576.0;
            md.append(f("%nHeap after GC from the warm-up to the end: %+.1f MB, %.1f KB a cycle (no target; see bench/README.md, Findings).%n",
                    grew, cycles <= 0 ? 0 : (end.heapAfterGc - warm.heapAfterGc) / 1024.0 / cycles));
            csv.add(f("endurance,,,heap_growth_per_cycle,%.0f,bytes", cycles <= 0 ? 0 : (end.heapAfterGc - warm.heapAfterGc) / (double) cycles));
        }
        md.append("\nMean time of a cycle, by quarter of the run: ");
        md.append(e.cycleMillis.entrySet().stream().map(x -> f("cycles to %d: %.0f ms", x.getKey(), x.getValue())).collect(Collectors.joining(", ")));
        md.append(".\n\n");
        e.cycleMillis.forEach((c, ms) -> csv.add(f("endurance,to_cycle_%d,,mean_cycle_time,%.1f,ms", c, ms)));
    }

    private <T> Stats stats(List<T> samples, ToLongFunction<T> value) {
        return new Stats(samples.stream().map(x -> value.applyAsLong(x)).collect(Collectors.toList()));
    }

    private void csvStats(String section, String method, long size, String metric, Stats s) {
        csv.add(f("%s,%s,%d,%s_p50,%d,us", section, method, size, metric, s.p50()));
        csv.add(f("%s,%s,%d,%s_p99,%d,us", section, method, size, metric, s.p99()));
        csv.add(f("%s,%s,%d,%s_max,%d,us", section, method, size, metric, s.max()));
    }

    private static String csvText(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static String summary(List<Targets.Row> rows) {
        return rows.stream().map(t -> t.verdict() + ": " + t.target + " (" + t.measured + ")").collect(Collectors.joining("\n"));
    }
}
