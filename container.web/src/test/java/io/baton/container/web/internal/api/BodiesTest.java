package io.baton.container.web.internal.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.baton.container.core.SwapRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

/** The API's request bodies: what is accepted, and the reason given for what is not. */
public class BodiesTest {
    private static InputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void aSwapBodyBecomesARequestWithItsBounds() throws Exception {
        SwapRequest r = Bodies.swap(body("{\"targets\": [\"/a.jar\", \"bundle:12\"], \"probationMillis\": 0, \"maxPauseMillis\": 500, \"allowRefresh\": true}"));
        assertEquals(List.of("/a.jar", "bundle:12"), r.targets);
        assertEquals(0, r.probationMillis);
        assertEquals(500, r.maxPauseMillis);
        assertTrue(r.allowRefresh);
        SwapRequest defaults = Bodies.swap(body("{\"targets\": [\"/a.jar\"]}"));
        assertEquals("the configured probation", -1, defaults.probationMillis);
        assertEquals(new SwapRequest().maxPauseMillis, defaults.maxPauseMillis);
        assertEquals(List.of("/a.jar"), Bodies.plan(body("{\"targets\": [\"/a.jar\"]}")).targets);
    }

    @Test
    public void everyBadBodyIsA400NamingWhatIsWrong() {
        refused(() -> Bodies.swap(body("{\"targets\": [\"/a.jar\"")), "malformed JSON body: ");
        refused(() -> Bodies.swap(body("")), "the body is empty; expected {\"targets\"");
        refused(() -> Bodies.swap(body("\"swap\"")), "the body is a JSON string");
        refused(() -> Bodies.swap(body("{\"targets\": \"/a.jar\"}")), "'targets' must be a non-empty array of strings, was \"/a.jar\"");
        refused(() -> Bodies.swap(body("{\"targets\": []}")), "'targets' must be a non-empty array of strings, was []");
        refused(() -> Bodies.swap(body("{\"targets\": [3]}")), "every target must be a non-blank string (a jar path or URL, or bundle:<id>), was 3");
        refused(() -> Bodies.swap(body("{\"targets\": [\"/a\"], \"probationMillis\": 1.5}")), "'probationMillis' must be a whole number of at least 0, was 1.5");
        refused(() -> Bodies.swap(body("{\"targets\": [\"/a\"], \"maxPauseMillis\": 0}")), "'maxPauseMillis' must be a whole number of at least 1, was 0");
        refused(() -> Bodies.swap(body("{\"targets\": [\"/a\"], \"allowRefresh\": \"yes\"}")), "'allowRefresh' must be true or false, was \"yes\"");
        refused(() -> Bodies.plan(body("{\"targets\": [\"/a\"], \"probationMillis\": 5}")), "unknown field 'probationMillis'; expected {\"targets\"");
        refused(() -> Bodies.rollback(body("{\"checkpoint\": \"\"}")), "'checkpoint' must be a checkpoint id such as \"cp-3\", was \"\"");
    }

    @Test
    public void aRollbackBodyNamesACheckpointOrNothing() throws Exception {
        assertNull(Bodies.rollback(body("")).checkpoint());
        assertNull(Bodies.rollback(body("{}")).checkpoint());
        assertEquals(new Bodies.Rollback("cp-3", false), Bodies.rollback(body("{\"checkpoint\": \"cp-3\"}")));
        assertEquals(new Bodies.Rollback("cp-3", true), Bodies.rollback(body("{\"checkpoint\": \"cp-3\", \"allowRefresh\": true}")));
        refused(() -> Bodies.rollback(body("{\"allowRefresh\": true}")), "'allowRefresh' needs a 'checkpoint'");
    }

    private interface Parse {
        Object run() throws Exception;
    }

    private static void refused(Parse parse, String reason) {
        try {
            parse.run();
            fail("accepted, expected: " + reason);
        } catch (ApiError e) {
            assertEquals(400, e.status);
            assertTrue(e.getMessage(), e.getMessage().startsWith(reason));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
