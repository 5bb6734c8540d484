package io.baton.container.launcher.crash;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import io.baton.container.launcher.Baton;
import io.baton.container.launcher.BatonContainer;
import io.baton.container.rollback.Lifecycle;
import io.baton.container.rollback.RecordKind;
import io.baton.container.rollback.SwapRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The child JVM of the crash tests: runs one scenario step on a home through the embedding API and
 * prints {@code READY} when the step is done, then waits to be killed (or exits, for {@code status}).
 *
 * <p>Arguments: {@code <home> <examples dir> <step>}; steps: {@code deploy-and-trial},
 * {@code deploy-and-commit}, {@code deploy-and-crash-before-switch}, {@code status}.
 */
public final class CrashDriver {
    private CrashDriver() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.out.println("FAILED " + t);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path examples = Path.of(args[1]);
        String step = args[2];
        Baton.Builder builder = Baton.builder().home(home);
        if (args.length > 3) {
            builder.property("baton.failpoint", args[3]);
        }
        BatonContainer baton = builder.start();
        Container container = baton.service(Container.class, Duration.ofSeconds(20));
        Lifecycle lifecycle = baton.service(Lifecycle.class, Duration.ofSeconds(20));
        baton.awaitCommands(Duration.ofSeconds(20));
        String v2 = examples.resolve("example.cart.impl.v2/target/example.cart.impl.v2-2.0.0.jar").toString();
        String v3 = examples.resolve("example.cart.impl.v3/target/example.cart.impl.v3-3.0.0.jar").toString();
        String shell = examples.resolve("example.cart.shell/target/example.cart.shell-1.0.0.jar").toString();
        String api = examples.resolve("example.cart.api/target/example.cart.api-1.0.0.jar").toString();
        switch (step) {
            case "deploy-and-trial":
                container.deploy(List.of(api, v2, shell));
                await(baton, "cart:add c1 apple 3");
                print(swap(container, v3, 600_000));
                await(baton, "cart:add c1 pear 2");
                break;
            case "deploy-and-commit":
                container.deploy(List.of(api, v2, shell));
                await(baton, "cart:add c1 apple 3");
                print(swap(container, v3, 200));
                long deadline = System.currentTimeMillis() + 20_000;
                // committed: the trial is COMMITTED and the COMMIT record written (after the old bundles went)
                while ((lifecycle.trial() != null || lifecycle.history(1).get(0).kind != RecordKind.COMMIT)
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                System.out.println("TRIAL " + lifecycle.trial());
                break;
            case "deploy-and-crash-before-switch":
                container.deploy(List.of(api, v2, shell));
                await(baton, "cart:add c1 apple 3");
                print(swap(container, v3, 600_000)); // holds at the failpoint until killed
                break;
            case "status":
                for (BundleInfo b : container.managed()) {
                    System.out.println("MANAGED " + b.symbolicName + " " + b.version);
                }
                System.out.println("CART " + baton.execute("cart:show c1").replaceAll("\\s+", " ").trim());
                for (SwapRecord r : lifecycle.history(10)) {
                    System.out.println("HISTORY " + r.kind + " " + r.state + " " + r.detector + " id=" + r.swapId);
                }
                System.out.println("CART-BUNDLES " + cartBundles(baton));
                baton.close();
                System.out.println("READY");
                System.exit(0);
                return;
            case "damaged-start": {
                // the store was damaged while the container was down: report, refuse, acknowledge, swap
                printState(baton, container, lifecycle);
                String other = runningCart(container).equals("2.0.0") ? v3 : v2;
                print(swap(container, other, 0));
                System.out.println("ACK " + lifecycle.acknowledgeDamage());
                SwapReport again = swap(container, other, 0);
                System.out.println("SWAP2 " + again.status + (again.failure == null ? "" : " " + again.failure));
                exit(baton);
                return;
            }
            case "rollback-to-cp-1": {
                await(baton, "cart:add c1 pear 2"); // a write the failed rollback must not lose
                for (var cp : lifecycle.checkpoints()) {
                    cp.bundles.forEach(b -> System.out.println("PINNED " + cp.id + " " + b.symbolicName + " " + b.version + " sha256=" + b.sha256));
                }
                SwapRecord back = lifecycle.rollbackTo("cp-1");
                System.out.println("ROLLBACK " + back.state + (back.failure == null ? "" : " " + back.failure));
                printState(baton, container, lifecycle);
                exit(baton);
                return;
            }
            case "swap-to-v2":
            case "swap-to-v3": {
                print(swap(container, step.endsWith("v2") ? v2 : v3, 0));
                awaitNoTrial(lifecycle);
                printState(baton, container, lifecycle);
                exit(baton);
                return;
            }
            case "commit-blocked": {
                container.deploy(List.of(api, v2, shell));
                await(baton, "cart:add c1 apple 3");
                print(swap(container, v3, 1_000));
                Path store = StoreFiles.store(home);
                // in TRIAL now: a directory in the way of each journal generation's temporary file makes every journal
                // write fail, as on a read-only or full disk (root ignores permissions, so chmod cannot)
                for (String name : List.of("journal-a.json.tmp", "journal-b.json.tmp")) {
                    java.nio.file.Files.createDirectories(store.resolve(name).resolve("in-the-way"));
                }
                Thread.sleep(2_500); // past the probation: the commit is tried, and fails, again and again
                SwapRecord trial = lifecycle.trial();
                System.out.println("BLOCKED " + (trial == null ? "none" : trial.state) + " carts " + cartBundles(baton)
                        + " top " + lifecycle.history(1).get(0).kind + " " + lifecycle.history(1).get(0).state);
                for (String name : List.of("journal-a.json.tmp", "journal-b.json.tmp")) {
                    java.nio.file.Files.delete(store.resolve(name).resolve("in-the-way"));
                    java.nio.file.Files.deleteIfExists(store.resolve(name)); // a retry may have removed it, empty, already
                }
                long until = System.currentTimeMillis() + 20_000;
                while (lifecycle.history(1).get(0).kind != RecordKind.COMMIT && System.currentTimeMillis() < until) {
                    Thread.sleep(20);
                }
                System.out.println("UNBLOCKED carts " + cartBundles(baton) + " top " + lifecycle.history(1).get(0).kind + " "
                        + lifecycle.history(1).get(0).state);
                printState(baton, container, lifecycle);
                exit(baton);
                return;
            }
            case "deploy-failing-component": {
                Path fixture = examples.resolve("example.cart.fixture/target/example.cart.fixture-7.0.0.jar");
                Path failing = StoreFiles.withHeader(fixture, home.resolveSibling("failing-fixture.jar"), "Fixture-Fault", "late-activate");
                container.deploy(List.of(api, failing.toString()));
                Thread.sleep(1_000); // the worker component activates (and fails) right after the deploy
                exit(baton);
                return;
            }
            case "swap-to-exiting-activator": {
                container.deploy(List.of(api, v2, shell));
                await(baton, "cart:add c1 apple 3");
                Path fixture = examples.resolve("example.cart.fixture/target/example.cart.fixture-7.0.0.jar");
                Path exiting = StoreFiles.withHeader(fixture, home.resolveSibling("exiting-fixture.jar"), "Fixture-Fault", "activator-exit");
                System.out.println("READY");
                System.out.flush();
                print(swap(container, exiting.toString(), 0)); // never printed: the activator ends the JVM
                break;
            }
            default:
                throw new IllegalArgumentException("unknown step " + step);
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(600_000);
        System.exit(0);
    }

    private static void printState(BatonContainer baton, Container container, Lifecycle lifecycle) throws InterruptedException {
        for (BundleInfo b : container.managed()) {
            System.out.println("MANAGED " + b.symbolicName + " " + b.version);
        }
        await(baton, "cart:show c1");
        System.out.println("CART " + baton.execute("cart:show c1").replaceAll("\\s+", " ").trim());
        lifecycle.degraded().forEach(d -> System.out.println("DEGRADED " + d));
        for (SwapRecord r : lifecycle.history(10)) {
            System.out.println("HISTORY " + r.kind + " " + r.state + " " + r.detector + " id=" + r.swapId);
        }
        System.out.println("CHECKPOINTS " + lifecycle.checkpoints().size());
    }

    private static String runningCart(Container container) {
        return container.managed().stream().filter(b -> b.symbolicName.equals("io.baton.example.cart.impl")).findFirst().get().version;
    }

    /** Every cart bundle installed, managed or not: {@code [2.0.0 ACTIVE, 3.0.0 RESOLVED]}. */
    private static List<String> cartBundles(BatonContainer baton) {
        List<String> carts = new java.util.ArrayList<>();
        for (org.osgi.framework.Bundle b : baton.framework().getBundleContext().getBundles()) {
            if ("io.baton.example.cart.impl".equals(b.getSymbolicName())) {
                carts.add(b.getVersion() + " " + (b.getState() == org.osgi.framework.Bundle.ACTIVE ? "ACTIVE" : "state-" + b.getState()));
            }
        }
        return carts;
    }

    private static void awaitNoTrial(Lifecycle lifecycle) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (lifecycle.trial() != null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void exit(BatonContainer baton) {
        baton.close();
        System.out.println("READY");
        System.out.flush();
        System.exit(0);
    }

    /** The cart shell may still be registering right after the deploy. */
    private static void await(BatonContainer baton, String command) throws InterruptedException {
        for (int i = 0; ; i++) {
            try {
                baton.execute(command);
                return;
            } catch (RuntimeException e) {
                if (i > 200) {
                    throw e;
                }
                Thread.sleep(25);
            }
        }
    }

    private static SwapReport swap(Container container, String jar, long probationMillis) {
        SwapRequest request = SwapRequest.of(jar);
        request.probationMillis = probationMillis;
        return container.swap(request);
    }

    private static void print(SwapReport report) {
        System.out.println("SWAP " + report.status + (report.failure == null ? "" : " " + report.failure));
    }
}
