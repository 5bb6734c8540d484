package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.baton.container.core.BundleInfo;
import io.baton.container.core.Container;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@code baton:status} in a real Gogo session. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StatusCommandIT extends BatonTestSupport {

    @Inject
    CommandProcessor processor;

    @Inject
    Container container;

    @Test
    public void statusPrintsATableNamingEveryContainerBundle() throws Exception {
        awaitService("(&(osgi.command.scope=baton)(osgi.command.function=status))", 10_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Object result;
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            result = session.execute("baton:status");
        }
        String table = String.valueOf(result);

        assertTrue(table, table.contains("ID  STATE"));
        for (String name : ContainerIT.CONTAINER_BUNDLES) {
            assertTrue(name + " in\n" + table, table.matches("(?s).*ACTIVE +\\S+ +" + name.replace(".", "\\.") + "\n.*"));
        }
        // after the managed section: the title, header and rule lines, then one row per bundle
        String bundles = table.substring(table.indexOf("Framework "));
        assertEquals(container.status().bundles.size() + 3, bundles.lines().count());
        for (BundleInfo b : container.status().bundles) {
            assertTrue("row for bundle " + b.id, bundles.lines().anyMatch(l -> l.startsWith(b.id + " ")));
        }
        assertTrue(table, table.contains("TRIAL: none") && table.contains("Last checkpoint: none"));
    }
}
