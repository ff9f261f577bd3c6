package org.socialmaturity.scoring.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.socialmaturity.scoring.report.CompanyReport.Point;
import org.socialmaturity.scoring.report.CompanyReport.Transition;
import org.socialmaturity.scoring.report.PdfPages.Rgb;

/**
 * The maturity index after each answer over time, drawn like the dashboard's chart: the index (0-100, left axis)
 * over the four phase bands (right), the phase as a dashed step line, and each phase change as a triangle, up when
 * the company entered a higher phase and down when it dropped.
 */
final class TrajectoryChart {

    static final float HEIGHT = 250;

    private static final Rgb[] BANDS = {Rgb.hex(0xfde2e1), Rgb.hex(0xfff1c2), Rgb.hex(0xdff3e4), Rgb.hex(0xd9e8ff)};
    private static final Rgb INDEX = Rgb.hex(0x1f6feb);
    private static final Rgb PHASE = Rgb.hex(0x8c959f);
    private static final Rgb ENTERED = Rgb.hex(0x1a7f37);
    private static final Rgb DROPPED = Rgb.hex(0xb42318);
    private static final Rgb GRID = new Rgb(1, 1, 1);
    private static final float[] SOLID = {};
    private static final float[] DASHED = {3, 2};
    private static final float[] DOTTED = {1, 2};
    /** More points than this are a line without dots: the dots would only blot it. */
    private static final int MOST_DOTS = 150;

    private final PdfPages pages;
    private final CompanyReport report;
    private final float left;
    private final float bottom;
    private final float width;
    private final float height;
    private final Instant from;
    private final Instant to;

    private TrajectoryChart(PdfPages pages, CompanyReport report, float top) {
        this.pages = pages;
        this.report = report;
        this.left = PdfPages.LEFT + 26;
        this.width = PdfPages.WIDTH - 26 - 130;
        this.height = HEIGHT - 58;
        this.bottom = top - 16 - height;
        List<Point> points = report.trajectory();
        this.from = points.get(0).at();
        this.to = points.get(points.size() - 1).at();
    }

    /** Draws the chart below the cursor and moves the cursor under it; the report has at least one point. */
    static void draw(PdfPages pages, CompanyReport report) {
        pages.keep(HEIGHT);
        new TrajectoryChart(pages, report, pages.y()).draw();
        pages.down(HEIGHT);
    }

    private void draw() {
        bands();
        indexAxis();
        timeAxis();
        phaseLine();
        indexLine();
        transitions();
        legend();
    }

    private void bands() {
        float band = height / 4;
        List<String> names = report.phaseNames();
        pages.text(ReportText.PHASE.in(report.language()), pages.regular, 7.5f, PdfPages.MUTED,
                left + width + 8, bottom + height + 6);
        for (int phase = 1; phase <= 4; phase++) {
            float y = bottom + (phase - 1) * band;
            pages.fill(BANDS[phase - 1], left, y, width, band);
            String label = phase + " · " + (phase <= names.size() ? names.get(phase - 1) : "");
            float size = 7.5f;
            while (size > 5 && pages.width(label, pages.regular, size) > 120) {
                size -= 0.5f;
            }
            pages.text(label, pages.regular, size, PdfPages.MUTED, left + width + 8, y + band / 2 - size / 3);
        }
    }

    private void indexAxis() {
        pages.text(ReportText.INDEX.in(report.language()), pages.regular, 7.5f, PdfPages.MUTED, PdfPages.LEFT,
                bottom + height + 6);
        for (int value = 0; value <= 100; value += 20) {
            float y = indexY(value);
            pages.line(GRID, 0.5f, SOLID, left, y, left + width, y);
            String label = String.valueOf(value);
            pages.text(label, pages.regular, 7, PdfPages.MUTED, left - 4 - pages.width(label, pages.regular, 7),
                    y - 2.5f);
        }
        pages.line(PdfPages.RULE, 0.7f, SOLID, left, bottom, left + width, bottom);
        pages.line(PdfPages.RULE, 0.7f, SOLID, left, bottom, left, bottom + height);
    }

    /** Five instants, the first and last answer among them, as precise as it takes to tell them apart. */
    private void timeAxis() {
        Duration span = Duration.between(from, to);
        boolean days = span.toDays() >= 4;
        DateTimeFormatter format = DateTimeFormatter.ofPattern(days ? "yyyy-MM-dd"
                : span.toHours() >= 4 ? "MM-dd HH:mm"
                : span.toMinutes() >= 4 ? "HH:mm"
                : span.toSeconds() >= 4 ? "HH:mm:ss" : "HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
        int ticks = span.isZero() ? 1 : 5;
        for (int i = 0; i < ticks; i++) {
            Instant at = span.isZero() ? from : from.plus(span.multipliedBy(i).dividedBy(ticks - 1));
            float x = timeX(at);
            pages.line(PdfPages.RULE, 0.7f, SOLID, x, bottom, x, bottom - 3);
            String label = format.format(at);
            float labelWidth = pages.width(label, pages.regular, 7);
            float labelX = Math.max(PdfPages.LEFT, Math.min(x - labelWidth / 2, left + width - labelWidth));
            pages.text(label, pages.regular, 7, PdfPages.MUTED, labelX, bottom - 12);
        }
        String zone = days ? "UTC"
                : DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(from) + " (UTC)";
        pages.text(zone, pages.regular, 7, PdfPages.MUTED, left + width - pages.width(zone, pages.regular, 7),
                bottom - 22);
    }

    /** The phase after each answer, held until the next one: one path, however many answers. */
    private void phaseLine() {
        List<Point> points = report.trajectory();
        try {
            PDPageContentStream content = pages.content();
            content.setStrokingColor(PHASE.r(), PHASE.g(), PHASE.b());
            content.setLineWidth(0.8f);
            content.setLineDashPattern(DASHED, 0);
            content.moveTo(timeX(points.get(0).at()), phaseY(points.get(0).phase()));
            for (int i = 1; i < points.size(); i++) {
                float x = timeX(points.get(i).at());
                content.lineTo(x, phaseY(points.get(i - 1).phase()));
                content.lineTo(x, phaseY(points.get(i).phase()));
            }
            content.stroke();
            content.setLineDashPattern(SOLID, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void indexLine() {
        List<Point> points = report.trajectory();
        try {
            PDPageContentStream content = pages.content();
            content.setStrokingColor(INDEX.r(), INDEX.g(), INDEX.b());
            content.setLineWidth(1.3f);
            content.moveTo(timeX(points.get(0).at()), indexY(points.get(0).index()));
            for (Point point : points) {
                content.lineTo(timeX(point.at()), indexY(point.index()));
            }
            content.stroke();
            if (points.size() <= MOST_DOTS) {
                for (Point point : points) {
                    // Provisional points (a required question still unanswered) are hollow.
                    dot(content, timeX(point.at()), indexY(point.index()), point.determinate());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void transitions() {
        for (Transition transition : report.transitions()) {
            if (transition.at().isBefore(from) || transition.at().isAfter(to)) {
                continue;
            }
            float x = timeX(transition.at());
            boolean dropped = transition.from() != null && transition.to() < transition.from();
            pages.line(PdfPages.MUTED, 0.6f, DOTTED, x, bottom, x, bottom + height);
            triangle(x, phaseY(transition.to()), dropped);
        }
    }

    private void legend() {
        float y = bottom - 36;
        float x = PdfPages.LEFT;
        pages.line(INDEX, 1.3f, SOLID, x, y + 2.5f, x + 16, y + 2.5f);
        x = legendText(ReportText.LEGEND_INDEX, x + 20, y);
        pages.fill(BANDS[1], x, y - 1, 16, 7);
        pages.line(PHASE, 0.8f, DASHED, x, y + 2.5f, x + 16, y + 2.5f);
        x = legendText(ReportText.LEGEND_PHASE, x + 20, y);
        triangle(x + 5, y + 2.5f, false);
        triangle(x + 15, y + 2.5f, true);
        legendText(ReportText.LEGEND_TRANSITION, x + 23, y);
    }

    private float legendText(ReportText text, float x, float baseline) {
        String label = text.in(report.language());
        pages.text(label, pages.regular, 7.5f, PdfPages.MUTED, x, baseline);
        return x + pages.width(label, pages.regular, 7.5f) + 14;
    }

    private void triangle(float x, float y, boolean down) {
        Rgb colour = down ? DROPPED : ENTERED;
        float tip = down ? -4.5f : 4.5f;
        try {
            PDPageContentStream content = pages.content();
            content.setNonStrokingColor(colour.r(), colour.g(), colour.b());
            content.moveTo(x - 4, y - tip / 2);
            content.lineTo(x + 4, y - tip / 2);
            content.lineTo(x, y + tip);
            content.closePath();
            content.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A circle of radius 1.6 from four Bézier quarters. */
    private static void dot(PDPageContentStream content, float x, float y, boolean filled) throws IOException {
        float r = 1.6f;
        float k = 0.552f * r;
        content.moveTo(x + r, y);
        content.curveTo(x + r, y + k, x + k, y + r, x, y + r);
        content.curveTo(x - k, y + r, x - r, y + k, x - r, y);
        content.curveTo(x - r, y - k, x - k, y - r, x, y - r);
        content.curveTo(x + k, y - r, x + r, y - k, x + r, y);
        content.closePath();
        content.setNonStrokingColor(filled ? INDEX.r() : 1, filled ? INDEX.g() : 1, filled ? INDEX.b() : 1);
        content.setLineWidth(0.8f);
        content.fillAndStroke();
    }

    private float indexY(double index) {
        return bottom + (float) (Math.max(0, Math.min(100, index)) / 100 * height);
    }

    /** Phase p is the middle of its band. */
    private float phaseY(int phase) {
        return bottom + (phase - 0.5f) / 4 * height;
    }

    /** A single instant, or answers all at once, sit in the middle. */
    private float timeX(Instant at) {
        long span = Duration.between(from, to).toMillis();
        float inset = 6;
        if (span == 0) {
            return left + width / 2;
        }
        return left + inset + (width - 2 * inset) * Duration.between(from, at).toMillis() / span;
    }
}
