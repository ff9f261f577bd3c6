package org.socialmaturity.scoring.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/**
 * A4 pages filled from the top down: text that wraps and flows onto a new page when the current one is full, and the
 * few shapes the report draws. Everything written goes through {@link #printable}: the standard fonts only encode
 * WinAnsi (Spanish is fine), and a company name or a note in another script must print, not fail the report.
 */
final class PdfPages implements AutoCloseable {

    static final PDRectangle SIZE = PDRectangle.A4;
    static final float LEFT = 50;
    static final float RIGHT = SIZE.getWidth() - 50;
    static final float WIDTH = RIGHT - LEFT;
    private static final float TOP = SIZE.getHeight() - 50;
    /** Room for the footer below. */
    private static final float BOTTOM = 64;

    /** Characters outside WinAnsi that have a plain spelling in it. */
    private static final Map<Integer, String> SPELLED = Map.of(
            (int) '→', "->", (int) '←', "<-", (int) '≥', ">=", (int) '≤', "<=", (int) '≠', "!=",
            (int) 'Ł', "L", (int) 'ł', "l", (int) 'Đ', "D", (int) 'đ', "d");

    final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    final PDFont mono = new PDType1Font(Standard14Fonts.FontName.COURIER);

    private final PDDocument document;
    private PDPageContentStream content;
    private float y;

    PdfPages(PDDocument document) {
        this.document = document;
        newPage();
    }

    record Rgb(float r, float g, float b) {
        static Rgb hex(int rgb) {
            return new Rgb(((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f);
        }
    }

    static final Rgb INK = Rgb.hex(0x1f2328);
    static final Rgb MUTED = Rgb.hex(0x57606a);
    static final Rgb RULE = Rgb.hex(0xd0d7de);

    PDPageContentStream content() {
        return content;
    }

    /** The cursor: where the next thing goes, from the bottom of the page. */
    float y() {
        return y;
    }

    void down(float by) {
        y -= by;
    }

    /** Starts a new page unless {@code height} still fits below the cursor. */
    void keep(float height) {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(SIZE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = TOP;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of text with its baseline at {@code baseline}. */
    void text(String text, PDFont font, float size, Rgb colour, float x, float baseline) {
        try {
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(colour.r(), colour.g(), colour.b());
            content.newLineAtOffset(x, baseline);
            content.showText(oneLine(text));
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wrapped text at the cursor, moving it down line by line, onto new pages as needed. */
    void paragraph(String text, PDFont font, float size, Rgb colour, float x, float width) {
        float leading = size * 1.3f;
        for (String line : wrap(text, font, size, width)) {
            keep(leading);
            y -= leading;
            text(line, font, size, colour, x, y + size * 0.25f);
        }
    }

    float width(String text, PDFont font, float size) {
        try {
            return font.getStringWidth(oneLine(text)) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of at most {@code width}, broken between words (inside a word only when it alone is too wide). */
    List<String> wrap(String text, PDFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : printable(text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" +")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, font, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                for (char c : word.toCharArray()) {
                    if (!line.isEmpty() && width(line.toString() + c, font, size) > width) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    line.append(c);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    void fill(Rgb colour, float x, float bottom, float width, float height) {
        try {
            content.setNonStrokingColor(colour.r(), colour.g(), colour.b());
            content.addRect(x, bottom, width, height);
            content.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void line(Rgb colour, float lineWidth, float[] dashes, float x1, float y1, float x2, float y2) {
        try {
            content.setStrokingColor(colour.r(), colour.g(), colour.b());
            content.setLineWidth(lineWidth);
            content.setLineDashPattern(dashes, 0);
            content.moveTo(x1, y1);
            content.lineTo(x2, y2);
            content.stroke();
            content.setLineDashPattern(new float[0], 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code left} and {@code right(page, pages)} at the foot of every page, once all pages exist. */
    void footers(String left, BiFunction<Integer, Integer, String> right) {
        close();
        int pages = document.getNumberOfPages();
        for (int i = 0; i < pages; i++) {
            try (PDPageContentStream foot = new PDPageContentStream(document, document.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                content = foot;
                line(RULE, 0.5f, new float[0], LEFT, 44, RIGHT, 44);
                text(left, regular, 7.5f, MUTED, LEFT, 32);
                String page = right.apply(i + 1, pages);
                text(page, regular, 7.5f, MUTED, RIGHT - width(page, regular, 7.5f), 32);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        content = null;
    }

    @Override
    public void close() {
        if (content != null) {
            try {
                content.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            content = null;
        }
    }

    /**
     * The text as the standard fonts can show it: white space as plain spaces (line breaks kept), control characters
     * dropped, a character outside WinAnsi spelled plainly, else without its accents (NFKD), else as '?'.
     */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append('\n');
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                out.append(' ');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                // Nothing to show: a zero-width or control character.
            } else if (encodable(c)) {
                out.appendCodePoint(c);
            } else if (SPELLED.containsKey(c)) {
                out.append(SPELLED.get(c));
            } else {
                String plain = Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFKD)
                        .codePoints().filter(PdfPages::encodable)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString();
                out.append(plain.isEmpty() ? "?" : plain);
            }
        });
        return out.toString();
    }

    /** A line break in a text placed on one line (a company name in the footer) is a space there. */
    private static String oneLine(String text) {
        return printable(text).replace('\n', ' ');
    }

    private static boolean encodable(int codePoint) {
        return WinAnsiEncoding.INSTANCE.contains(GlyphList.getAdobeGlyphList().codePointToName(codePoint));
    }
}
