package org.socialmaturity.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service answers which public path. Ordered: the first match wins, so the scoring and recommendation
 * sub-resources of a company come before the company itself.
 */
public final class RouteTable {

    /** Where a request goes; {@code operator} routes take the admin key instead of a partner's key. */
    public record Route(Service service, boolean operator, boolean streaming) {
    }

    private record Entry(Pattern path, Route route) {
    }

    private static final String ID = "[^/]+";
    private static final String PROJECTION_OPERATIONS = "/(replay|consistency|dead-letters(/" + ID + "/retry)?)";
    private static final List<Entry> ENTRIES = List.of(
            entry("/api/v1/admin/projections/assessment" + PROJECTION_OPERATIONS, Service.ASSESSMENT, true, false),
            entry("/api/v1/admin/projections/scoring" + PROJECTION_OPERATIONS, Service.SCORING, true, false),
            entry("/api/v1/admin/projections/recommendation" + PROJECTION_OPERATIONS, Service.RECOMMENDATION, true,
                    false),
            entry("/api/v1/admin/consistency", Service.SCORING, true, false),
            entry("/api/v1/admin/integrity(/checkpoints)?", Service.ASSESSMENT, true, false),
            entry("/api/v1/admin/data-subjects/" + ID + "/erase", Service.ASSESSMENT, true, false),
            entry("/api/v1/admin/questionnaires", Service.ASSESSMENT, true, false),
            entry("/api/v1/questionnaires(/" + ID + ")?", Service.ASSESSMENT, false, false),
            entry("/api/v1/companies/" + ID + "/assessments/compare", Service.SCORING, false, false),
            entry("/api/v1/companies/" + ID + "/(maturity|trajectory|history|report|dossier)", Service.SCORING, false, false),
            entry("/api/v1/companies/" + ID + "/attachments/" + ID, Service.SCORING, false, false),
            entry("/api/v1/benchmarks", Service.SCORING, false, false),
            entry("/api/v1/companies/" + ID + "/advice", Service.RECOMMENDATION, false, false),
            entry("/api/v1/companies/" + ID + "/advice/stream", Service.RECOMMENDATION, false, true),
            entry("/api/v1/companies/" + ID + "/roadmap(/" + ID + ")?", Service.RECOMMENDATION, false, false),
            entry("/api/v1/companies(/" + ID + "(/assessments|/target)?)?", Service.ASSESSMENT, false, false),
            entry("/api/v1/imports(/" + ID + ")?", Service.ASSESSMENT, false, false),
            entry("/api/v1/assessments/" + ID + "(/answers/" + ID + "|/submit|/cancel)?", Service.ASSESSMENT, false, false),
            entry("/api/v1/webhooks(/" + ID + "(/deliveries)?)?", Service.RECOMMENDATION, false, false));

    private RouteTable() {
    }

    private static Entry entry(String regex, Service service, boolean operator, boolean streaming) {
        return new Entry(Pattern.compile(regex), new Route(service, operator, streaming));
    }

    public static Optional<Route> route(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return ENTRIES.stream().filter(entry -> entry.path().matcher(trimmed).matches()).map(Entry::route).findFirst();
    }

    /**
     * A path the gateway forwards byte for byte must mean the same to the service as to the route table: no dot
     * segments, no encoded slashes, backslashes or dots that a service could decode into another path.
     */
    public static boolean isPlain(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return !lower.contains("%2f") && !lower.contains("%5c") && !lower.contains("%2e") && !lower.contains("\\")
                && !lower.contains("//") && !lower.contains("/./") && !lower.contains("/../")
                && !lower.endsWith("/.") && !lower.endsWith("/..");
    }
}
