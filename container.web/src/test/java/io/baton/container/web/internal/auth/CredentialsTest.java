package io.baton.container.web.internal.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.baton.container.web.internal.auth.Credentials.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Who gets in: the bearer token, or the cookie made from it; nothing else, and nothing without a token. */
public class CredentialsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    @Test
    public void theBearerTokenOrItsCookieOpenNothingElseDoes() {
        assertEquals(Verdict.OK, Credentials.check(TOKEN, "Bearer " + TOKEN, null));
        assertEquals(Verdict.OK, Credentials.check(TOKEN, "bearer " + TOKEN + " ", null));
        assertEquals(Verdict.OK, Credentials.check(TOKEN, null, Credentials.sessionValue(TOKEN)));
        assertEquals(Verdict.MISSING, Credentials.check(TOKEN, null, null));
        assertEquals(Verdict.MISSING, Credentials.check(TOKEN, null, ""));
        assertEquals(Verdict.WRONG, Credentials.check(TOKEN, "Bearer " + TOKEN.substring(1), null));
        assertEquals(Verdict.WRONG, Credentials.check(TOKEN, "Basic " + TOKEN, null));
        assertEquals("the token itself is not a cookie", Verdict.WRONG, Credentials.check(TOKEN, null, TOKEN));
        assertEquals("a wrong bearer is not rescued by a good cookie", Verdict.WRONG,
                Credentials.check(TOKEN, "Bearer nope", Credentials.sessionValue(TOKEN)));
        assertEquals("no token: nothing opens", Verdict.NO_TOKEN, Credentials.check(null, "Bearer " + TOKEN, Credentials.sessionValue(TOKEN)));
    }

    @Test
    public void theCookieIsDerivedFromTheTokenAndChangesWithIt() {
        String cookie = Credentials.sessionValue(TOKEN);
        assertEquals(64, cookie.length());
        assertFalse(cookie.contains(TOKEN));
        assertEquals(cookie, Credentials.sessionValue(TOKEN));
        assertNotEquals("a restart's new token invalidates old cookies", cookie, Credentials.sessionValue("another-token"));
        assertEquals(Verdict.WRONG, Credentials.check("another-token", null, cookie));
    }

    @Test
    public void theTokenFileIsReadAgainWhenItChangesAndMissingMeansNoToken() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("ctl.token");
        TokenFile tokens = new TokenFile(file);
        assertEquals("not written yet", Optional.empty(), tokens.token());
        Files.writeString(file, TOKEN + "\n", StandardCharsets.US_ASCII);
        assertEquals(Optional.of(TOKEN), tokens.token());
        Files.writeString(file, "second-token-of-a-new-start\n", StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(Optional.of("second-token-of-a-new-start"), tokens.token());
        Files.writeString(file, "\n", StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertEquals("empty means none", Optional.empty(), tokens.token());
        Files.delete(file);
        assertEquals(Optional.empty(), tokens.token());
        assertTrue("unconfigured: never a token", new TokenFile(null).token().isEmpty());
    }
}
