package io.baton.container.shell.internal;

import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

/**
 * A Gogo function taking one URL. Gogo cannot map a name with a dash ({@code repo-add}) to a Java
 * method, so these commands are {@link Function}s, which Gogo calls directly.
 */
abstract class RepoFunction implements Function {
    private final String name;

    RepoFunction(String name) {
        this.name = name;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        if (arguments.size() != 1 || String.valueOf(arguments.get(0)).startsWith("-")) {
            throw new IllegalArgumentException("baton:" + name + ": expected one repository URL\nusage: baton:" + name + " <index.xml URL>");
        }
        return run(String.valueOf(arguments.get(0)));
    }

    abstract String run(String url) throws Exception;
}
