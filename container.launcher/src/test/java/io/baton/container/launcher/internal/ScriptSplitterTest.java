package io.baton.container.launcher.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class ScriptSplitterTest {

    @Test
    public void newlinesAndSemicolonsSeparateStatements() {
        assertEquals(List.of("a", "b 1", "c"), ScriptSplitter.split("a\nb 1; c\n\n"));
    }

    @Test
    public void quotesAndBlocksKeepTheirSeparators() {
        assertEquals(List.of("echo 'x; y'", "each [1 2] { echo $it; echo\n done }", "echo \"a\nb\""),
                ScriptSplitter.split("echo 'x; y'; each [1 2] { echo $it; echo\n done }\necho \"a\nb\""));
    }

    @Test
    public void commentsAndBlankLinesAreDropped() {
        assertEquals(List.of("baton:status"), ScriptSplitter.split("# status\n   \nbaton:status\n  # done"));
    }

    @Test
    public void aBackslashEscapesTheSeparator() {
        assertEquals(List.of("echo a\\;b"), ScriptSplitter.split("echo a\\;b"));
    }

    @Test
    public void emptyScriptHasNoStatement() {
        assertEquals(List.of(), ScriptSplitter.split(" \n;\n"));
    }
}
