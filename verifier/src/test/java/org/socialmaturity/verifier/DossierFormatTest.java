package org.socialmaturity.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DossierFormatTest {

    /** A dossier of format 1 as the platform made them until 2026-11-26: advice with its trigger as text. */
    private static final String FORMAT_ONE = """
            {"format": "social-maturity-dossier/1", "companyId": "c1", "companyName": "Antigua SA",
             "derived": {"advice": [{"adviceId": "a1", "issuedAt": "2026-11-26T10:00:00Z", "trigger": "PHASE_ENTERED",
                                     "from": null, "to": "2", "itemCodes": [], "dimensions": [], "causeEventId": "e1"}]}}
            """;

    @Test
    void aDossierOfFormatOneIsNamedAsSuchNotMisread() throws Exception {
        Path file = Files.writeString(Files.createTempFile("dossier", ".json"), FORMAT_ONE);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = Verifier.run(new String[] {file.toString()}, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, output);
        assertTrue(output.contains("FAILED: not a dossier this verifier reads"), output);
        assertTrue(output.contains("a dossier of format 1"), output);
    }
}
