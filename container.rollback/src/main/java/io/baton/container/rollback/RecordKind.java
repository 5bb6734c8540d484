package io.baton.container.rollback;

/** What a journal record is about. */
public enum RecordKind {
    SWAP, ROLLBACK, COMMIT
}
