package io.baton.container.shell.internal.repo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** Karaf's mvn: syntax, and what it may not carry. */
public class MavenCoordinatesTest {

    @Test
    public void karafsSyntaxWithOptionalVersionTypeAndClassifier() {
        MavenCoordinates full = MavenCoordinates.parse("mvn:org.example/app/1.2.3/jar/tests");
        assertEquals("org.example", full.groupId);
        assertEquals("app", full.artifactId);
        assertEquals("1.2.3", full.version);
        assertEquals("jar", full.type);
        assertEquals("tests", full.classifier);

        MavenCoordinates bare = MavenCoordinates.parse("mvn:org.example/app");
        assertNull("the newest", bare.version);
        assertEquals("[1,2)", MavenCoordinates.parse("mvn:org.example/app/[1,2)").version);
        MavenCoordinates classifierOnly = MavenCoordinates.parse("mvn:org.example/app/1.0//tests");
        assertNull("an empty type means the default", classifierOnly.type);
        assertEquals("tests", classifierOnly.classifier);
    }

    @Test
    public void aRepositoryInTheTargetAndPathTricksAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MavenCoordinates.parse("mvn:http://evil/repo!org.example/app/1.0"))
                .getMessage().contains("a repository in the target is not accepted; configure it with --maven-repo"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MavenCoordinates.parse("mvn:org.example/app/../../x"))
                .getMessage().contains("expected mvn:groupId/artifactId[/version[/type[/classifier]]]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MavenCoordinates.parse("mvn:org.example"))
                .getMessage().startsWith("mvn:org.example: expected"));
    }

    @Test
    public void mavenCoordinatesAreResolvedLikeNames() {
        assertTrue(Repositories.isName("mvn:org.example/app/1.0"));
        assertTrue(Repositories.isName("io.baton.example.cart.impl@[2,3)"));
        assertTrue(!Repositories.isName("/srv/bundles/app.jar") && !Repositories.isName("file:/x.jar") && !Repositories.isName("bundle:12"));
    }
}
