package io.baton.container.core.spi;

/** Why a swap runs: asked for by a person or a script, or the rollback of a swap in TRIAL. */
public enum SwapKind {
    /** A swap to new versions; it enters TRIAL when it succeeds. */
    SWAP,
    /** A swap back to a checkpoint's set, carrying the checkpoint's state where no migrator chain leads back. */
    ROLLBACK
}
