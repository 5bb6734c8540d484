package io.baton.container.core.spi;

import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapRequest;
import java.util.Objects;

/**
 * One plan or swap as its {@link SwapParticipant}s see it: its id, what was asked, why it runs, and
 * the report the engine fills in as the phases run. Immutable; the report is live.
 */
public final class SwapTicket {
    private final String id;
    private final SwapRequest request;
    private final SwapKind kind;
    private final SwapReport report;

    public SwapTicket(String id, SwapRequest request, SwapKind kind, SwapReport report) {
        this.id = Objects.requireNonNull(id, "id");
        this.request = Objects.requireNonNull(request, "request");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.report = Objects.requireNonNull(report, "report");
    }

    /** @return the swap's id, e.g. {@code swap-3}, the same as the report's */
    public String id() {
        return id;
    }

    public SwapRequest request() {
        return request;
    }

    public SwapKind kind() {
        return kind;
    }

    /** @return the report as far as the swap got: targets, services, migrations, phases */
    public SwapReport report() {
        return report;
    }

    @Override
    public String toString() {
        return kind + " " + id;
    }
}
