package org.socialmaturity.web;

/** Text bound for a CSV export that a person opens in a spreadsheet. */
public final class CsvCells {

    private CsvCells() {
    }

    /**
     * The text with a leading {@code '} when a spreadsheet would read it as a formula (=, +, - or @ first): partners'
     * users write owners, notes and reasons, and an export must not run what they wrote.
     */
    public static String neutralized(String value) {
        return value == null || value.isEmpty() || "=+-@".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
    }
}
