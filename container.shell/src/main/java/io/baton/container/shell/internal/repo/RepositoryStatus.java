package io.baton.container.shell.internal.repo;

/** One configured repository as {@code baton:repos} shows it. Plain data (JSON with {@code --json}). */
public final class RepositoryStatus {
    /** The index URL. */
    public String location;
    /** {@code R5 index}, {@code OBR repository.xml}, or null if it was never read. */
    public String format;
    /** Bundles in the copy in use, or -1 if none. */
    public int bundles = -1;
    /** Why the last read failed, or null. */
    public String failure;

    public RepositoryStatus() {}

    RepositoryStatus(String location, IndexReader.Index copy, String failure) {
        this.location = location;
        this.format = copy == null ? null : copy.format.label;
        this.bundles = copy == null ? -1 : copy.bundles.size();
        this.failure = failure;
    }
}
