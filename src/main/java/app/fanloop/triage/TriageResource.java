package app.fanloop.triage;

import java.net.URI;
import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.board.Board;
import app.fanloop.member.Viewer;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.Page;
import app.fanloop.web.Pages;
import app.fanloop.web.RequestLocale;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** The PM console: inbox, needs-an-answer view, bulk status changes, merges and the CSV export. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class TriageResource {

    /** What the console shows; {@code view} is "inbox" or "answer". */
    public record Console(String view, InboxQuery query, Page<TriageService.Row> rows, TriageService.Figures figures,
            long targetHours, List<Board> boards, FieldErrors errors) {
        public List<InboxQuery.Sort> sorts() {
            return List.of(InboxQuery.Sort.values());
        }

        public List<InboxQuery.Age> ages() {
            return List.of(InboxQuery.Age.values());
        }

        public List<SuggestionKind> kinds() {
            return List.of(SuggestionKind.values());
        }

        public List<SuggestionStatus> statuses() {
            return SuggestionStatus.SETTABLE;
        }

        public boolean isInbox() {
            return "inbox".equals(view);
        }

        /** Where actions on the console come back to. */
        public String backPath() {
            return isInbox() ? "/triage" + query.pageBase() + query.page() : "/triage/needs-answer?page=" + rows.number();
        }

        public String pageBase() {
            return isInbox() ? query.pageBase() : "?page=";
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance console(Console console);
    }

    private final TriageService triage;
    private final Viewer viewer;
    private final MergeService merges;
    private final InboxExport export;
    private final RequestLocale locale;

    TriageResource(TriageService triage, Viewer viewer, MergeService merges, InboxExport export, RequestLocale locale) {
        this.triage = triage;
        this.viewer = viewer;
        this.merges = merges;
        this.export = export;
        this.locale = locale;
    }

    @GET
    @Path("triage")
    public TemplateInstance inbox(@RestQuery String sort, @RestQuery Long board, @RestQuery String kind,
            @RestQuery String age, @RestQuery Integer page) {
        return Templates.console(console(InboxQuery.of(sort, board, kind, age, page), FieldErrors.none()));
    }

    @GET
    @Path("triage/needs-answer")
    public TemplateInstance needsAnswer(@RestQuery Integer page) {
        int p = Pages.clamp(page, 200);
        return Templates.console(new Console("answer", InboxQuery.of("waiting", null, null, null, p),
                triage.needsAnswer(p), triage.figures(), triage.answerTargetHours(), Board.all(), FieldErrors.none()));
    }

    /**
     * Sets a status on the selected rows; or, with the bar's other button ({@code then=feature}), goes on to
     * a new feature item made of them. That button posts too: a GET of this form would put its CSRF token
     * into the URL (history, logs, Referer).
     */
    @POST
    @Path("triage/bulk")
    public Response bulk(@RestForm("ids") List<Long> ids, @RestForm String status, @RestForm String note,
            @RestForm String back, @RestForm String then) {
        if ("feature".equals(then)) {
            viewer.requireStaff();
            UriBuilder next = UriBuilder.fromPath("/triage/features/new");
            (ids == null ? List.<Long> of() : ids).stream().distinct().forEach(id -> next.queryParam("ids", id));
            return Response.seeOther(next.build()).build();
        }
        try {
            triage.bulkStatus(ids, status, note);
            return Response.seeOther(URI.create(app.fanloop.web.SafeRedirect.localPath(back == null ? "/triage" : back)))
                    .build();
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.console(
                    console(InboxQuery.of(null, null, null, null, 1), locale.errors(invalid))));
        }
    }

    @GET
    @Path("triage/inbox.csv")
    @Produces("text/csv")
    public Response inboxCsv(@RestQuery String sort, @RestQuery Long board, @RestQuery String kind,
            @RestQuery String age) {
        viewer.requireStaff();
        return Response.ok(export.inbox(InboxQuery.of(sort, board, kind, age, 1)))
                .header("Content-Disposition", "attachment; filename=\"fanloop-inbox.csv\"")
                .type("text/csv; charset=UTF-8").build();
    }

    @POST
    @Path("suggestions/{id}/merge")
    public Response merge(@RestPath long id, @RestForm Long target, @RestForm String note) {
        if (target == null) {
            throw new jakarta.ws.rs.BadRequestException();
        }
        merges.merge(id, target, note);
        return Response.seeOther(UriBuilder.fromPath("/suggestions/{id}").fragment("timeline").build(target)).build();
    }

    @POST
    @Path("suggestions/{id}/unmerge")
    public Response unmerge(@RestPath long id, @RestForm String note) {
        merges.unmerge(id, note);
        return Response.seeOther(UriBuilder.fromPath("/suggestions/{id}").fragment("timeline").build(id)).build();
    }

    private Console console(InboxQuery query, FieldErrors errors) {
        return new Console("inbox", query, triage.inbox(query), triage.figures(), triage.answerTargetHours(),
                Board.all(), errors);
    }
}
