package org.socialmaturity.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enough of PromQL to check the platform's alerts and dashboard offline: whether an expression is well formed as far
 * as its brackets, strings and operators go, and which metrics it reads (so that each can be found in what the
 * services expose). Not a full parser: an expression this accepts may still be refused by Prometheus for its types.
 */
public final class PromQl {

    /** Functions, aggregations and keywords: names an expression may use that are not metrics. */
    private static final Set<String> NOT_METRICS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group", "by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "rate", "irate", "increase", "delta", "idelta",
            "deriv", "predict_linear", "histogram_quantile", "abs", "absent", "absent_over_time", "ceil", "floor",
            "round", "clamp_min", "clamp_max", "changes", "resets", "time", "vector", "scalar", "label_replace",
            "label_join", "sort", "sort_desc", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
            "count_over_time", "last_over_time", "quantile_over_time", "inf", "nan");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SELECTOR_BODY = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[0-9smhdwy:]+]");
    private static final Pattern DANGLING_OPERATOR = Pattern.compile("(^|[(,])\\s*(and|or|unless|[-+*/%^]|[=!<>]=|[<>])\\s"
            + "|\\s(and|or|unless|[-+*/%^]|[=!<>]=|[<>])\\s*($|[),])");

    private PromQl() {
    }

    /** @throws IllegalArgumentException saying what is malformed */
    public static void requireWellFormed(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("an empty expression");
        }
        String code = STRING.matcher(expression).replaceAll("\"\"");
        if (code.replace("\"\"", "").contains("\"") || code.contains("'")) {
            throw new IllegalArgumentException("an unterminated string in " + expression);
        }
        Deque<Character> open = new ArrayDeque<>();
        for (char c : code.toCharArray()) {
            if (c == '(' || c == '{' || c == '[') {
                open.push(c);
            } else if (c == ')' || c == '}' || c == ']') {
                char expected = c == ')' ? '(' : c == '}' ? '{' : '[';
                if (open.isEmpty() || open.pop() != expected) {
                    throw new IllegalArgumentException("an unbalanced '" + c + "' in " + expression);
                }
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("an unclosed '" + open.peek() + "' in " + expression);
        }
        Matcher range = Pattern.compile("\\[([^\\]]*)]").matcher(code);
        while (range.find()) {
            if (!range.group(1).matches("[0-9]+[smhdwy](:[0-9]+[smhdwy])?|:[0-9]+[smhdwy]")) {
                throw new IllegalArgumentException("a range that is not a duration: [" + range.group(1) + "] in "
                        + expression);
            }
        }
        if (DANGLING_OPERATOR.matcher(code.replaceAll("\\s+", " ")).find()) {
            throw new IllegalArgumentException("an operator without an operand in " + expression);
        }
    }

    /** The metrics the expression reads, by name. */
    public static Set<String> metrics(String expression) {
        requireWellFormed(expression);
        String code = STRING.matcher(expression).replaceAll("\"\"");
        code = SELECTOR_BODY.matcher(code).replaceAll(" ");
        code = GROUPING.matcher(code).replaceAll(" ");
        code = RANGE.matcher(code).replaceAll(" ");
        Set<String> metrics = new TreeSet<>();
        Matcher name = IDENTIFIER.matcher(code);
        while (name.find()) {
            String word = name.group();
            boolean call = code.substring(name.end()).stripLeading().startsWith("(");
            boolean number = name.start() > 0 && Character.isDigit(code.charAt(name.start() - 1));
            if (!call && !number && !NOT_METRICS.contains(word)) {
                metrics.add(word);
            }
        }
        return metrics;
    }
}
