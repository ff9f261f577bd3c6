package org.socialmaturity.bench;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Answers that each change their assessment, so that every PUT stores one event: five questions in turn, each through
 * its four options in turn. The 20 answers from a multiple of 20 on give every option of every question once, as a
 * partner portal's questionnaire of about twenty questions does.
 */
final class AnswerCycle {

    static final int PER_ASSESSMENT = 20;

    /** A question of the current questionnaire, then its four options. */
    private static final String[][] QUESTIONS = {
            {"governance-owner", "junior-marketer", "social-media-manager", "director", "executive"},
            {"adoption-departments", "marketing-only", "key-departments", "most-coordinated", "every-department"},
            {"working-group", "none", "ad-hoc", "established", "permanent"},
            {"kpis-measurement", "nothing", "vanity", "smart", "outcomes"},
            {"crm-data-use", "not-used", "reports", "dashboards", "automated"},
    };

    private AnswerCycle() {
    }

    /** The PUT of the n-th answer to an assessment, at {@code base} (the gateway or assessment-service). */
    static HttpRequest put(String base, String[] headers, String assessment, int n) {
        String[] question = QUESTIONS[n % QUESTIONS.length];
        String option = question[1 + (n / QUESTIONS.length) % 4];
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/assessments/" + assessment + "/answers/" + question[0]))
                .timeout(BenchHttp.REQUEST_TIMEOUT).headers(headers).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"optionId\":\"" + option + "\"}")).build();
    }

    /** Fails unless the answer to a PUT says that it changed the assessment, which is what stores an event. */
    static void requireChanged(String answer, int n) {
        if (!BenchHttp.tree(answer).path("changed").asBoolean()) {
            throw new IllegalStateException("answer " + n + " changed nothing: " + answer);
        }
    }
}
