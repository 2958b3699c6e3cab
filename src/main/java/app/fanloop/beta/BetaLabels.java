package app.fanloop.beta;

import app.fanloop.web.Locales;
import io.quarkus.qute.TemplateExtension;

/** {state.label}, {term.label} and {participation.label} in the reader's language. */
@TemplateExtension
public class BetaLabels {

    static String label(ApplicationState state, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        BetaMessages beta = Locales.messages(BetaMessages.class, locale);
        return switch (state) {
            case APPLIED -> beta.state_applied();
            case ACCEPTED -> beta.state_accepted();
            case WAITLISTED -> beta.state_waitlisted();
            case DECLINED -> beta.state_declined();
            case REMOVED -> beta.state_removed();
        };
    }

    /** The CSS class of a state's badge. */
    static String css(ApplicationState state) {
        return "badge beta-state beta-state-" + state.name().toLowerCase();
    }

    static String label(TesterScores.Term term, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        BetaMessages beta = Locales.messages(BetaMessages.class, locale);
        return switch (term.key()) {
            case "level" -> beta.term_level();
            case "bug_reports" -> beta.term_bug_reports();
            case "adopted_bug_reports" -> beta.term_adopted_bug_reports();
            case "reports_upheld" -> beta.term_reports_upheld();
            case "past_accepted" -> beta.term_past_accepted();
            case "past_completed" -> beta.term_past_completed();
            default -> beta.term_past_removed();
        };
    }

    /** A program on a profile: testing, completed, or removed (the last on the member's own profile only). */
    static String label(BetaPrograms.Participation p, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        BetaMessages beta = Locales.messages(BetaMessages.class, locale);
        if (p.state() == ApplicationState.REMOVED) {
            return beta.state_removed();
        }
        return p.completed() ? beta.state_completed() : p.closed() ? beta.state_accepted() : beta.state_testing();
    }

    /** Where a program stands for fans: recruiting, soon, applications closed, closed. */
    static String phase(BetaProgram p, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        BetaMessages beta = Locales.messages(BetaMessages.class, locale);
        if (p.isClosed()) {
            return beta.beta_state_closed();
        }
        if (p.isUpcoming()) {
            return beta.beta_state_upcoming();
        }
        return p.isTakingApplications() ? beta.beta_state_open() : beta.beta_state_ended();
    }

    static String phaseCss(BetaProgram p) {
        if (p.isClosed()) {
            return "badge beta-phase beta-phase-closed";
        }
        return p.isTakingApplications() ? "badge beta-phase beta-phase-open" : "badge beta-phase beta-phase-waiting";
    }
}
