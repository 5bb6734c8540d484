package io.baton.fleet.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LocalNode} over the container's own Gogo commands with {@code --json}: {@code baton:status},
 * {@code baton:plan}, {@code baton:swap}, {@code baton:history}, {@code baton:rollback} and
 * {@code baton:calls}, i.e. exactly what an operator's {@code ctl} runs. Answers are read as JSON
 * trees (the shell prints the API's DTOs: {@code SwapReport}, {@code SwapRecord}), so this class does
 * not depend on the container's classes.
 *
 * <p>Metrics: {@code baton:calls --json} (one object per facade and operation; operation {@code "*"}
 * stands for all the facade's calls).
 */
public final class GogoLocalNode implements LocalNode {
    private static final Logger LOG = LoggerFactory.getLogger(GogoLocalNode.class);
    /** The container's DTOs may grow: fields this agent does not know are skipped. */
    private static final ObjectMapper JSON = new ObjectMapper().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int HISTORY_DEPTH = 50;

    private final CommandExecutor gogo;

    /** @param gogo runs a command line in the container */
    public GogoLocalNode(CommandExecutor gogo) {
        this.gogo = gogo;
    }

    @Override
    public Map<String, String> managedVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (JsonNode b : run("baton:status --json").path("managed")) {
            versions.put(b.path("symbolicName").asText(), b.path("version").asText());
        }
        return versions;
    }

    @Override
    public String trialSwapId() {
        JsonNode trial = run("baton:status --json").path("trial");
        return trial.isObject() ? trial.path("swapId").asText(null) : null;
    }

    @Override
    public Plan plan(List<String> targets) {
        JsonNode report;
        try {
            report = run("baton:plan --json " + quoted(targets));
        } catch (LocalNodeException e) {
            // e.g. a name no repository of this node knows: the plan is refused, with the container's words
            return new Plan(false, e.getMessage(), Map.of());
        }
        Map<String, String[]> versions = new LinkedHashMap<>();
        for (JsonNode t : report.path("targets")) {
            versions.put(t.path("symbolicName").asText(), new String[] {t.path("fromVersion").asText(null), t.path("toVersion").asText(null)});
        }
        boolean ok = "PLANNED".equals(report.path("status").asText());
        return new Plan(ok, ok ? null : report.path("failure").asText("plan " + report.path("status").asText()), versions);
    }

    @Override
    public SwapResult swap(List<String> targets, Duration probation) {
        JsonNode report;
        try {
            report = run("baton:swap --json --probation " + probation.toMillis() + "ms " + quoted(targets));
        } catch (LocalNodeException e) {
            return new SwapResult(false, null, null, e.getMessage());
        }
        String id = report.path("id").asText(null);
        if (!"SWAPPED".equals(report.path("status").asText())) {
            return new SwapResult(false, id, null, report.path("status").asText() + ": " + report.path("failure").asText(""));
        }
        Verdict v = verdict(id);
        return new SwapResult(true, id, v.checkpointId, null);
    }

    @Override
    public Verdict verdict(String swapId) {
        for (JsonNode r : run("baton:history --json -n " + HISTORY_DEPTH)) {
            if (!"SWAP".equals(r.path("kind").asText()) || !swapId.equals(r.path("swapId").asText())) {
                continue;
            }
            String cp = r.path("checkpointId").asText(null);
            switch (r.path("state").asText()) {
                case "TRIAL":
                    return new Verdict(Verdict.Kind.PENDING, cp, null);
                case "COMMITTED":
                    return new Verdict(Verdict.Kind.PASSED, cp, null);
                default:
                    return new Verdict(Verdict.Kind.FAILED, cp, r.path("state").asText() + " by " + r.path("detector").asText("?")
                            + ": " + r.path("evidence").asText(r.path("failure").asText("")));
            }
        }
        return new Verdict(Verdict.Kind.UNKNOWN, null, "swap " + swapId + " is not in the last " + HISTORY_DEPTH + " history records");
    }

    @Override
    public String rollback(String swapId, String checkpointId) {
        boolean inTrial = swapId != null && swapId.equals(trialSwapId());
        if (!inTrial && checkpointId == null) {
            return "swap " + swapId + " is not in TRIAL and has no checkpoint to roll back to";
        }
        JsonNode record;
        try {
            record = run(inTrial ? "baton:rollback --json" : "baton:rollback --json " + checkpointId);
        } catch (LocalNodeException e) {
            return e.getMessage();
        }
        return "DONE".equals(record.path("state").asText()) ? null : record.path("state").asText() + ": " + record.path("failure").asText("");
    }

    @Override
    public List<OperationMetrics> metrics() {
        return JSON.convertValue(run("baton:calls --json"), new TypeReference<List<OperationMetrics>>() {});
    }

    private JsonNode run(String command) {
        String answer;
        try {
            answer = gogo.execute(command);
        } catch (Exception e) {
            throw new LocalNodeException(command + ": " + e.getMessage(), e);
        }
        return json(command, answer);
    }

    /**
     * The JSON answer, after whatever the session printed before it: the container's own log lines
     * written during the command reach the session's output too (Gogo redirects the thread's streams).
     */
    static JsonNode json(String command, String answer) {
        String text = String.valueOf(answer);
        Exception last = null;
        for (int start = 0; start >= 0 && start < text.length(); start = text.indexOf('\n', start) < 0 ? -1 : text.indexOf('\n', start) + 1) {
            char c = text.charAt(start);
            if (c == '{' || c == '[') {
                try {
                    return JSON.readTree(text.substring(start));
                } catch (Exception e) {
                    last = e;
                }
            }
        }
        throw new LocalNodeException(command + ": expected JSON, got: " + abbreviate(text), last);
    }

    private static String quoted(List<String> targets) {
        StringBuilder line = new StringBuilder();
        for (String t : targets) {
            if (t.indexOf('\'') >= 0) {
                throw new IllegalArgumentException("Target " + t + ": a target cannot contain a single quote");
            }
            line.append(line.length() == 0 ? "" : " ").append('\'').append(t).append('\'');
        }
        return line.toString();
    }

    private static String abbreviate(String text) {
        String t = String.valueOf(text).strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }
}
