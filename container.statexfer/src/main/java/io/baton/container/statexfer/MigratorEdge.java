package io.baton.container.statexfer;

import java.util.Objects;

/** One declared migrator: {@code type} from version {@code from} to {@code to}, and who declares it. */
public final class MigratorEdge {
    private final String type;
    private final int from;
    private final int to;
    private final String origin;

    public MigratorEdge(String type, int from, int to, String origin) {
        this.type = Objects.requireNonNull(type, "type");
        this.from = from;
        this.to = to;
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    public String type() {
        return type;
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    /** @return the declaring bundle and component, for reports */
    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigratorEdge && ((MigratorEdge) o).type.equals(type)
                && ((MigratorEdge) o).from == from && ((MigratorEdge) o).to == to;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, from, to);
    }

    @Override
    public String toString() {
        return type + " " + from + "->" + to;
    }
}
