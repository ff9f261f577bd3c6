package org.socialmaturity.assessments.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.socialmaturity.contracts.rules.InvalidInput;
import org.socialmaturity.contracts.rules.BrokenRule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * A batch of past assessments as a partner sends it, read into one shape whether it came as JSON or CSV, each part
 * keeping the path a report names it by ({@code assessments[2].answers.team-training.optionId}, {@code rows[7].value}).
 * Reading only: what the values mean is checked by {@link ImportValidation}.
 */
record ImportBatch(List<Assessment> assessments) {

    static final int MAX_ASSESSMENTS = 500;
    static final List<String> CSV_COLUMNS = List.of("companyId", "date", "questionnaireVersion", "answeredBy",
            "questionId", "optionId", "value", "note", "notApplicable", "reason");
    private static final List<String> ASSESSMENT_FIELDS = List.of("companyId", "date", "questionnaireVersion",
            "answeredBy", "answers");

    /** One past assessment; {@code date} and the rest as sent, unchecked. */
    record Assessment(String path, String companyId, String date, String questionnaireVersion, String answeredBy,
                      List<Answer> answers) {
    }

    /** One answer, its body in the shape of {@code PUT .../answers/{questionId}}. */
    record Answer(String path, String questionId, JsonNode body) {
    }

    /** {@code {"assessments": [{companyId, date, questionnaireVersion?, answeredBy?, answers: {questionId: answer}}]}} */
    static ImportBatch fromJson(JsonNode body) {
        List<BrokenRule> violations = new ArrayList<>();
        if (body == null || !body.isObject() || !body.path("assessments").isArray()) {
            throw new InvalidInput("assessments", "is required: a list of past assessments");
        }
        JsonNode list = body.get("assessments");
        requireSize(list.size(), "assessments");
        List<Assessment> assessments = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "assessments[" + i + "]";
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                violations.add(new BrokenRule(path, "must be an object"));
                continue;
            }
            for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!ASSESSMENT_FIELDS.contains(name)) {
                    violations.add(new BrokenRule(path + "." + name, "is not a field of a past assessment "
                            + ASSESSMENT_FIELDS));
                }
            }
            List<Answer> answers = new ArrayList<>();
            JsonNode given = item.get("answers");
            if (given == null || !given.isObject() || given.isEmpty()) {
                violations.add(new BrokenRule(path + ".answers", "is required: an object of answers by question id"));
            } else {
                given.fields().forEachRemaining(e -> answers.add(new Answer(path + ".answers." + e.getKey(),
                        e.getKey(), e.getValue())));
            }
            assessments.add(new Assessment(path, text(item, "companyId", path, violations),
                    text(item, "date", path, violations), text(item, "questionnaireVersion", path, violations),
                    text(item, "answeredBy", path, violations), answers));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return new ImportBatch(assessments);
    }

    /**
     * One answer per row, with a header naming the columns ({@link #CSV_COLUMNS}; companyId, date and questionId
     * required); rows of the same company, date, version and answeredBy are one assessment. Rows are numbered as a
     * spreadsheet shows them: the header is row 1.
     */
    static ImportBatch fromCsv(String body) {
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> read = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body == null ? "" : body)) {
            rows = read.readAll();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInput("body", "must be CSV with a header row: " + String.join(",", CSV_COLUMNS));
        }
        if (!rows.isEmpty() && !CSV_COLUMNS.containsAll(rows.get(0).keySet())) {
            List<String> unknown = rows.get(0).keySet().stream().filter(c -> !CSV_COLUMNS.contains(c)).toList();
            throw new InvalidInput("header", "names unknown columns " + unknown + ": the columns are "
                    + CSV_COLUMNS);
        }
        Map<String, Assessment> grouped = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String path = "rows[" + (i + 2) + "]";
            String key = String.join("\n", cell(row, "companyId"), cell(row, "date"),
                    cell(row, "questionnaireVersion"), cell(row, "answeredBy"));
            Assessment assessment = grouped.computeIfAbsent(key, k -> new Assessment(path, blankToNull(row,
                    "companyId"), blankToNull(row, "date"), blankToNull(row, "questionnaireVersion"),
                    blankToNull(row, "answeredBy"), new ArrayList<>()));
            assessment.answers().add(new Answer(path, blankToNull(row, "questionId"), answerOf(row)));
        }
        requireSize(grouped.size(), "rows");
        return new ImportBatch(List.copyOf(grouped.values()));
    }

    /** A CSV row's answer as the JSON body of an answer: a number as a number, true as true. */
    private static JsonNode answerOf(Map<String, String> row) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        putText(answer, "optionId", row);
        putText(answer, "note", row);
        putText(answer, "reason", row);
        String value = blankToNull(row, "value");
        if (value != null) {
            try {
                answer.put("value", new java.math.BigDecimal(value));
            } catch (NumberFormatException e) {
                answer.put("value", value);
            }
        }
        String notApplicable = blankToNull(row, "notApplicable");
        if (notApplicable != null) {
            if (notApplicable.equalsIgnoreCase("true") || notApplicable.equalsIgnoreCase("false")) {
                answer.put("notApplicable", Boolean.parseBoolean(notApplicable));
            } else {
                answer.put("notApplicable", notApplicable);
            }
        }
        return answer;
    }

    private static void putText(ObjectNode answer, String column, Map<String, String> row) {
        String text = blankToNull(row, column);
        if (text != null) {
            answer.put(column, text);
        }
    }

    private static String cell(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(Map<String, String> row, String column) {
        String value = cell(row, column);
        return value.isEmpty() ? null : value;
    }

    private static String text(JsonNode item, String field, String path, List<BrokenRule> violations) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new BrokenRule(path + "." + field, "must be a string"));
            return null;
        }
        return node.textValue();
    }

    private static void requireSize(int size, String field) {
        if (size == 0) {
            throw new InvalidInput(field, "must hold at least one past assessment");
        }
        if (size > MAX_ASSESSMENTS) {
            throw new InvalidInput(field, "must hold at most " + MAX_ASSESSMENTS + " past assessments: split the "
                    + "import");
        }
    }
}
