package io.baton.container.core;

import org.osgi.dto.DTO;

/** How long one phase took. */
public class PhaseTiming extends DTO {
    public SwapPhase phase;
    public long micros;
}
