package org.socialmaturity.scoring.report;

import org.socialmaturity.contracts.maturity.Quadrant;
import org.socialmaturity.contracts.questionnaire.Axis;
import org.socialmaturity.contracts.questionnaire.Language;

/**
 * The report's own words in each language; the questionnaire (phases, dimensions) and the advice catalogue bring
 * the rest. The words are the dashboard's, so that a partner's client reads the same names in both.
 */
enum ReportText {
    TITLE("Social customer-care maturity report", "Informe de madurez de la atención al cliente en redes sociales"),
    GENERATED("Generated", "Generado"),
    PHASE("Phase", "Fase"),
    QUADRANT("Quadrant", "Cuadrante"),
    INDEX("Maturity index", "Índice de madurez"),
    INVESTMENT("Investment", "Inversión"),
    INNOVATION("Innovation", "Innovación"),
    ANSWERED("Answered", "Respondidas"),
    REQUIRED_OF("{n} required", "{n} obligatorias"),
    PROVISIONAL("provisional: not every required question is answered yet",
            "provisional: aún faltan preguntas obligatorias"),
    TRAJECTORY("Maturity index over time", "Índice de madurez en el tiempo"),
    LEGEND_INDEX("Maturity index after each answer", "Índice de madurez tras cada respuesta"),
    LEGEND_PHASE("Phase (bands)", "Fase (bandas)"),
    LEGEND_TRANSITION("Phase change", "Cambio de fase"),
    NO_TRAJECTORY("No answers recorded yet.", "Aún no hay respuestas registradas."),
    DIMENSIONS("Dimension scores now", "Puntuación actual por dimensión"),
    DIMENSION("Dimension", "Dimensión"),
    AXIS("Axis", "Eje"),
    SCORE("Score", "Puntuación"),
    LEVEL("Level", "Nivel"),
    HOLDING_BACK("What holds it back", "Qué la frena"),
    BELOW_NEXT_PHASE("Below phase {n}:", "Por debajo de la fase {n}:"),
    TOP_PHASE("Nothing: the company is in phase 4, the highest.",
            "Nada: la empresa está en la fase 4, la más alta."),
    ADVICE("Advice", "Recomendaciones"),
    NO_ADVICE("No advice yet: it is issued when the phase or quadrant changes.",
            "Aún no hay recomendaciones: se emiten cuando cambia la fase o el cuadrante."),
    SOURCE("Source", "Fuente"),
    PHASE_ENTERED("Entered phase", "Entra en la fase"),
    PHASE_DROPPED("Dropped to phase", "Baja a la fase"),
    QUADRANT_CHANGED("Moved to quadrant", "Pasa al cuadrante"),
    VERIFICATION("Verification", "Verificación"),
    BUILT_FROM("Built from the company's events in the event store, up to global index {n}.",
            "Elaborado a partir de los eventos de la empresa en el almacén de eventos, hasta el índice global {n}."),
    CHECKPOINT("Checkpoint hash", "Hash del punto de control"),
    PAGE("Page {n} of {m}", "Página {n} de {m}"),
    NONE("-", "-"),
    INVESTMENT_AXIS("investment", "inversión"),
    INNOVATION_AXIS("innovation", "innovación"),
    OBSERVERS("Observers", "Observadores"),
    CONSERVATIVE("Conservative", "Conservadores"),
    CONTENDERS("Contenders", "Aspirantes"),
    SOCIAL_FIRST("Social first", "Social primero");

    private final String en;
    private final String es;

    ReportText(String en, String es) {
        this.en = en;
        this.es = es;
    }

    String in(Language language) {
        return language == Language.ES ? es : en;
    }

    static String quadrant(Quadrant quadrant, Language language) {
        return quadrant == null ? NONE.in(language) : valueOf(quadrant.name()).in(language);
    }

    static String axis(Axis axis, Language language) {
        return (axis == Axis.INVESTMENT ? INVESTMENT_AXIS : INNOVATION_AXIS).in(language);
    }
}
