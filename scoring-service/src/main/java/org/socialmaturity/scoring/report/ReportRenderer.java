package org.socialmaturity.scoring.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;

import jakarta.inject.Singleton;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.socialmaturity.contracts.advice.AdviceCatalogue;
import org.socialmaturity.contracts.questionnaire.Language;
import org.socialmaturity.scoring.maturity.MaturityView;
import org.socialmaturity.scoring.report.CompanyReport.AdviceGiven;
import org.socialmaturity.scoring.report.CompanyReport.DimensionLine;
import org.socialmaturity.scoring.report.PdfPages.Rgb;

/**
 * Lays a company's report out as a PDF a partner hands to its client: the company and its maturity now, the
 * trajectory chart, the dimension scores and what holds the company back, the advice it was issued with the seed
 * each item cites, and how to verify it all against the event store.
 */
@Singleton
public class ReportRenderer {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Rgb TILE = Rgb.hex(0xf6f8fa);
    private static final Rgb BAR = Rgb.hex(0x1a7f37);
    private static final Rgb BAR_HOLDING_BACK = Rgb.hex(0xd4a72c);
    private static final Rgb BAR_TRACK = Rgb.hex(0xeaeef2);

    public byte[] render(CompanyReport report) {
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(PdfPages.printable(ReportText.TITLE.in(report.language()) + ": " + report.companyName()));
            info.setCreator("Social maturity platform");
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            created.setTimeInMillis(report.generatedAt().toEpochMilli());
            info.setCreationDate(created);
            try (PdfPages pages = new PdfPages(document)) {
                new Sections(pages, report).write();
                pages.footers(report.companyName(), (page, of) -> ReportText.PAGE.in(report.language())
                        .replace("{n}", String.valueOf(page)).replace("{m}", String.valueOf(of)));
            }
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            document.save(pdf);
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One report being written, section after section. */
    private static final class Sections {

        private final PdfPages pages;
        private final CompanyReport report;
        private final Language language;
        private final Locale locale;

        Sections(PdfPages pages, CompanyReport report) {
            this.pages = pages;
            this.report = report;
            this.language = report.language();
            this.locale = Locale.forLanguageTag(language.code());
        }

        void write() {
            header();
            summary();
            if (!report.trajectory().isEmpty()) {
                // The chart under its heading, never the heading alone at the foot of the page.
                pages.keep(TrajectoryChart.HEIGHT + 40);
            }
            heading(ReportText.TRAJECTORY);
            if (report.trajectory().isEmpty()) {
                pages.paragraph(ReportText.NO_TRAJECTORY.in(language), pages.regular, 9, PdfPages.MUTED,
                        PdfPages.LEFT, PdfPages.WIDTH);
            } else {
                TrajectoryChart.draw(pages, report);
            }
            dimensions();
            holdingBack();
            advice();
            verification();
        }

        private void header() {
            pages.paragraph(ReportText.TITLE.in(language), pages.regular, 10, PdfPages.MUTED, PdfPages.LEFT,
                    PdfPages.WIDTH);
            pages.down(4);
            pages.paragraph(report.companyName(), pages.bold, 20, PdfPages.INK, PdfPages.LEFT, PdfPages.WIDTH);
            pages.paragraph(ReportText.GENERATED.in(language) + " " + MINUTE.format(report.generatedAt()),
                    pages.regular, 8.5f, PdfPages.MUTED, PdfPages.LEFT, PdfPages.WIDTH);
            pages.down(8);
            pages.line(PdfPages.RULE, 0.7f, new float[0], PdfPages.LEFT, pages.y(), PdfPages.RIGHT, pages.y());
            pages.down(10);
        }

        /** Six tiles: phase, quadrant, index; investment, innovation, answers. */
        private void summary() {
            MaturityView maturity = report.maturity();
            String none = ReportText.NONE.in(language);
            String[][] tiles = {
                    {maturity.phase() == null ? none : maturity.phase() + " · " + maturity.phaseName(),
                            ReportText.PHASE.in(language)},
                    {report.quadrantName(), ReportText.QUADRANT.in(language)},
                    {decimal(maturity.index()), ReportText.INDEX.in(language)},
                    {decimal(maturity.investment()), ReportText.INVESTMENT.in(language)},
                    {decimal(maturity.innovation()), ReportText.INNOVATION.in(language)},
                    {String.valueOf(maturity.answered()), ReportText.ANSWERED.in(language) + " · "
                            + ReportText.REQUIRED_OF.in(language).replace("{n}", String.valueOf(maturity.required()))}};
            float gap = 8;
            float tileWidth = (PdfPages.WIDTH - 2 * gap) / 3;
            float tileHeight = 38;
            for (int row = 0; row < 2; row++) {
                pages.keep(tileHeight + gap);
                float top = pages.y();
                for (int column = 0; column < 3; column++) {
                    String[] tile = tiles[row * 3 + column];
                    float x = PdfPages.LEFT + column * (tileWidth + gap);
                    pages.fill(TILE, x, top - tileHeight, tileWidth, tileHeight);
                    float size = 13;
                    while (size > 8 && pages.width(tile[0], pages.bold, size) > tileWidth - 16) {
                        size -= 0.5f;
                    }
                    pages.text(tile[0], pages.bold, size, PdfPages.INK, x + 8, top - 18);
                    pages.text(tile[1], pages.regular, 7.5f, PdfPages.MUTED, x + 8, top - 31);
                }
                pages.down(tileHeight + gap);
            }
            if (maturity.phase() != null && !maturity.determinate()) {
                pages.paragraph(ReportText.PROVISIONAL.in(language), pages.regular, 8, PdfPages.MUTED,
                        PdfPages.LEFT, PdfPages.WIDTH);
            }
        }

        /** A table with a bar per dimension, out of 4; the bars of those holding the company back are amber. */
        private void dimensions() {
            if (report.dimensions().isEmpty()) {
                return;
            }
            heading(ReportText.DIMENSIONS);
            float[] columns = {PdfPages.LEFT, PdfPages.LEFT + 190, PdfPages.LEFT + 260, PdfPages.LEFT + 320,
                    PdfPages.LEFT + 365};
            float row = 15;
            pages.keep(row * 2);
            pages.down(row);
            float baseline = pages.y() + 4;
            ReportText[] headers = {ReportText.DIMENSION, ReportText.AXIS, ReportText.SCORE, ReportText.LEVEL};
            for (int i = 0; i < headers.length; i++) {
                pages.text(headers[i].in(language), pages.bold, 8, PdfPages.MUTED, columns[i], baseline);
            }
            pages.line(PdfPages.RULE, 0.5f, new float[0], PdfPages.LEFT, pages.y(), PdfPages.RIGHT, pages.y());
            String none = ReportText.NONE.in(language);
            for (DimensionLine dimension : report.dimensions()) {
                pages.keep(row);
                pages.down(row);
                baseline = pages.y() + 4;
                pages.text(dimension.name(), pages.regular, 9, PdfPages.INK, columns[0], baseline);
                pages.text(dimension.axis(), pages.regular, 9, PdfPages.MUTED, columns[1], baseline);
                pages.text(dimension.score() == null ? none : String.format(locale, "%.2f", dimension.score()),
                        pages.regular, 9, PdfPages.INK, columns[2], baseline);
                pages.text(dimension.level() == null ? none : String.valueOf(dimension.level()), pages.regular, 9,
                        PdfPages.INK, columns[3], baseline);
                float track = PdfPages.RIGHT - columns[4];
                pages.fill(BAR_TRACK, columns[4], baseline - 1, track, 7);
                if (dimension.score() != null) {
                    pages.fill(dimension.holdingBack() ? BAR_HOLDING_BACK : BAR, columns[4], baseline - 1,
                            (float) (track * dimension.score() / 4), 7);
                }
            }
        }

        private void holdingBack() {
            heading(ReportText.HOLDING_BACK);
            Integer phase = report.maturity().phase();
            String text;
            if (phase == null) {
                text = ReportText.NO_TRAJECTORY.in(language);
            } else if (report.holdingBack().isEmpty()) {
                text = ReportText.TOP_PHASE.in(language);
            } else {
                text = ReportText.BELOW_NEXT_PHASE.in(language).replace("{n}", String.valueOf(phase + 1)) + " "
                        + String.join(", ", report.holdingBack()) + ".";
            }
            pages.paragraph(text, pages.regular, 9.5f, PdfPages.INK, PdfPages.LEFT, PdfPages.WIDTH);
        }

        /** Newest first; each item's title, text and the seed it cites. */
        private void advice() {
            heading(ReportText.ADVICE);
            if (report.advice().isEmpty()) {
                pages.paragraph(ReportText.NO_ADVICE.in(language), pages.regular, 9, PdfPages.MUTED, PdfPages.LEFT,
                        PdfPages.WIDTH);
                return;
            }
            float indent = PdfPages.LEFT + 10;
            float width = PdfPages.WIDTH - 10;
            for (AdviceGiven given : report.advice()) {
                pages.keep(60);
                pages.down(6);
                pages.paragraph(given.occasion() + " · " + MINUTE.format(given.at()), pages.bold, 8.5f,
                        PdfPages.MUTED, PdfPages.LEFT, PdfPages.WIDTH);
                for (AdviceCatalogue.Rendered item : given.items()) {
                    // A title is never left alone at the foot of a page.
                    pages.keep(40);
                    pages.down(3);
                    pages.paragraph(item.title(), pages.bold, 10, PdfPages.INK, indent, width);
                    pages.paragraph(item.body(), pages.regular, 9, PdfPages.INK, indent, width);
                    pages.paragraph(ReportText.SOURCE.in(language) + ": " + item.source(), pages.regular, 7.5f,
                            PdfPages.MUTED, indent, width);
                }
            }
        }

        private void verification() {
            heading(ReportText.VERIFICATION);
            pages.paragraph(ReportText.BUILT_FROM.in(language).replace("{n}",
                            String.valueOf(report.lastGlobalIndex())), pages.regular, 8.5f, PdfPages.INK,
                    PdfPages.LEFT, PdfPages.WIDTH);
            if (report.checkpoint() != null) {
                pages.paragraph(ReportText.CHECKPOINT.in(language) + ":", pages.regular, 8.5f, PdfPages.INK,
                        PdfPages.LEFT, PdfPages.WIDTH);
                pages.paragraph(report.checkpoint(), pages.mono, 8, PdfPages.INK, PdfPages.LEFT,
                        PdfPages.WIDTH);
            }
        }

        private void heading(ReportText heading) {
            pages.keep(50);
            pages.down(12);
            pages.paragraph(heading.in(language), pages.bold, 12.5f, PdfPages.INK, PdfPages.LEFT, PdfPages.WIDTH);
            pages.down(4);
        }

        private String decimal(Double value) {
            return value == null ? ReportText.NONE.in(language) : String.format(locale, "%.1f", value);
        }
    }
}
