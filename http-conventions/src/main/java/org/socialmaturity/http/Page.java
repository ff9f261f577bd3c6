package org.socialmaturity.http;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: the items, which page (from 0), its size and how many items there are in all. */
@Schema(description = "One page of a list; pages count from 0")
public record Page<T>(
        List<T> items,
        @Schema(example = "0") int page,
        @Schema(example = "20") int size,
        @Schema(example = "42") long total) {

    public static final int MAX_SIZE = 100;

    public static final int DEFAULT_SIZE = 20;

    /** The page a request asked for, from its {@code page} and {@code size} query parameters. */
    public record Request(int page, int size) {

        public int offset() {
            return page * size;
        }

        /** @throws ApiProblem when a parameter is not a whole number in range */
        public static Request parse(String page, String size) {
            List<Violation> violations = new java.util.ArrayList<>();
            int p = parse("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE, violations);
            int s = parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE, violations);
            if (!violations.isEmpty()) {
                throw ApiProblem.invalid(violations);
            }
            return new Request(p, s);
        }

        private static int parse(String name, String raw, int fallback, int min, int max, List<Violation> violations) {
            if (raw == null || raw.isBlank()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw.strip());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            violations.add(new Violation(name, "must be a whole number between " + min + " and " + max));
            return fallback;
        }
    }

    /** The same page with each item turned into what the caller shows. */
    public <R> Page<R> map(java.util.function.Function<? super T, ? extends R> view) {
        return new Page<>(items.stream().<R>map(view).toList(), page, size, total);
    }

    public static <T> Page<T> of(List<T> items, Request request, long total) {
        return new Page<>(items, request.page(), request.size(), total);
    }
}
