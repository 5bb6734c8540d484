package io.baton.container.statexfer;

/**
 * Reads a state schema version ({@value Stateful#STATE_VERSION}, {@value Migrator#FROM},
 * {@value Migrator#TO}): an Integer, or a String of digits as a manifest or a hand-written
 * configuration gives it. The one parser of schema versions, so every part of Baton accepts and
 * refuses the same values with the same message.
 */
public final class SchemaVersion {
    private SchemaVersion() {}

    /**
     * @param value the property value
     * @param key the property name, for the message
     * @param where who declares it (a service, a component, a file), for the message
     * @return the version
     * @throws IllegalArgumentException naming {@code where}, {@code key} and the value, if it is not a whole number
     */
    public static int parse(Object value, String key, String where) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof String) {
            try {
                return Integer.parseInt(((String) value).trim());
            } catch (NumberFormatException e) {
                // the message below names the value
            }
        }
        throw new IllegalArgumentException(where + " has " + key + "=" + value + "; expected an Integer schema version");
    }
}
