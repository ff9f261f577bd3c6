package org.socialmaturity.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * CSV exports for a spreadsheet: one row per record, its components as columns in their declared order under a header
 * row, instants in ISO-8601, a cell quoted (RFC 4180) only when it must be. Text a person wrote goes through
 * {@link CsvCells#neutralized} first.
 */
public final class CsvExport {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            // A streamed export writes to the response, which is the server's to close.
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private CsvExport() {
    }

    /** Writes rows of this type; a list in a row is joined with {@code listSeparator}. */
    public static ObjectWriter rowsOf(Class<?> row, String listSeparator) {
        CsvSchema schema = MAPPER.schemaFor(row).withHeader().withArrayElementSeparator(listSeparator);
        return MAPPER.writer(schema);
    }
}
