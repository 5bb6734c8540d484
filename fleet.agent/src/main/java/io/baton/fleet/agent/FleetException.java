package io.baton.fleet.agent;

/**
 * A fleet operation that could not be done. {@link #exitCode()} is what the CLI exits with:
 * 1 for an operation refused or failed ({@link RolloutException}), 2 for bad input or a fleet that
 * cannot be reached or is not ours to use ({@link FleetUsageException}).
 */
public abstract class FleetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected FleetException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return the CLI's exit code for this failure */
    public abstract int exitCode();

    /** A rollout refused or failed: a second active rollout, a plan a node refused, a request no coordinator applied. */
    public static final class RolloutException extends FleetException {
        private static final long serialVersionUID = 1L;

        public RolloutException(String message) {
            super(message, null);
        }

        @Override
        public int exitCode() {
            return 1;
        }
    }

    /** Bad input (an unknown rollout id, a bad strategy) or a fleet that cannot be used (unreachable, another ACL). */
    public static final class FleetUsageException extends FleetException {
        private static final long serialVersionUID = 1L;

        public FleetUsageException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public int exitCode() {
            return 2;
        }
    }
}
