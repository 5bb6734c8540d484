package io.baton.container.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds the threads inside a facade, for the report of a drain that timed out. */
final class StuckCalls {
    private StuckCalls() {}

    /** @return one line per thread: its name and the facade method it is in */
    static List<String> find(List<Facade> facades) {
        Map<String, Facade> byProxyClass = new HashMap<>();
        for (Facade f : facades) {
            byProxyClass.put(f.proxyClass().getName(), f);
        }
        List<String> stuck = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement frame : e.getValue()) {
                Facade f = byProxyClass.get(frame.getClassName());
                if (f != null && f.inFlight() > 0) {
                    stuck.add("thread '" + e.getKey().getName() + "' in " + f.interfaces[0].getSimpleName() + "." + frame.getMethodName()
                            + " (" + f.identity + ")");
                    break;
                }
            }
        }
        return stuck;
    }
}
