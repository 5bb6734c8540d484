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
                    System.out.println("HISTORY " + r.kind + " " + r.state + " " + r.detector);
                }
                baton.close();
                System.out.println("READY");
                System.exit(0);
                return;
            default:
                throw new IllegalArgumentException("unknown step " + step);
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(600_000);
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
