package io.baton.container.core.internal;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors and warnings from the OSGi log (Felix SCR's component activation failures, exceptions from
 * activators and framework events) forwarded to Baton's log, under the logger {@code osgi.<bundle>}:
 * without it an application's broken component fails where no operator looks. Entries of Baton's own
 * bundles are skipped (they log through SLF4J already).
 */
@Component(immediate = true, service = {})
public final class LogForwarder implements LogListener {
    private static final String BATON = "io.baton.container.";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bind(LogReaderService reader) {
        reader.addLogListener(this);
    }

    void unbind(LogReaderService reader) {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        LogLevel level = entry.getLogLevel();
        if (level != LogLevel.ERROR && level != LogLevel.WARN && level != LogLevel.AUDIT) {
            return;
        }
        Bundle bundle = entry.getBundle();
        String name = bundle == null || bundle.getSymbolicName() == null ? "unknown" : bundle.getSymbolicName();
        if (name.startsWith(BATON)) {
            return;
        }
        Logger log = LoggerFactory.getLogger("osgi." + name);
        String message = (bundle == null ? "" : name + " " + bundle.getVersion() + " (bundle " + bundle.getBundleId() + "): ") + entry.getMessage();
        if (level == LogLevel.WARN) {
            log.warn(message, entry.getException());
        } else {
            log.error(message, entry.getException());
        }
    }
}
