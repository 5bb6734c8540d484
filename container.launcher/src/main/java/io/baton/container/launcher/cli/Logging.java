package io.baton.container.launcher.cli;

/** Defaults for slf4j-simple in the CLI (the host's and the bundles' copies read the same properties). */
final class Logging {
    private Logging() {}

    static void configure() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        // the fleet's ZooKeeper client logs every connection attempt at INFO and every refused one with a stack trace
        setDefault("org.slf4j.simpleLogger.log.org.apache.zookeeper", "error");
        setDefault("org.slf4j.simpleLogger.log.org.apache.curator", "warn");
        // Jetty tells its start in six INFO lines; Baton logs the one that matters (the dashboard's address)
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }

    /** No console: let JLine make a dumb terminal without warning that it could not make a real one. */
    static void noTerminal() {
        setDefault("org.jline.terminal.dumb", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
