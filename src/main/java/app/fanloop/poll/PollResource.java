package app.fanloop.poll;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.RequestLocale;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * A post's poll: ballots, staff's early close, the results as CSV, and the poll's own form. Each action works as a
 * plain form POST answered by a 303 back to the post; with htmx the ballot swaps the poll in place.
 */
@Path("/suggestions/{id}/poll")
@Produces(MediaType.TEXT_HTML)
public class PollResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance poll(PollView poll, FieldErrors errors);

        static native TemplateInstance refused(PollView poll, FieldErrors errors);

        static native TemplateInstance edit(long postId, String action, PollEditor editor, FieldErrors errors);
    }

    private final PollService polls;
    private final PollEditing editing;
    private final RequestLocale locale;

    PollResource(PollService polls, PollEditing editing, RequestLocale locale) {
        this.polls = polls;
        this.editing = editing;
        this.locale = locale;
    }

    /** Casts or changes the member's ballot ({@code option}: one or more option ids), or withdraws it. */
    @POST
    @Path("ballot")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response ballot(@RestPath long id, @RestForm List<Long> option, @RestForm String withdraw,
            @RestHeader("HX-Request") String htmx) {
        try {
            if ("true".equals(withdraw)) {
                polls.withdraw(id);
            } else {
                polls.ballot(id, option);
            }
        } catch (FormInvalid invalid) {
            PollView poll = polls.view(id);
            FieldErrors errors = locale.errors(invalid);
            if (htmx != null) {
                // htmx swaps only a 2xx answer (its default responseHandling): a 400 would leave the member without
                // the message, so the poll comes back with its error as a 200 and nothing was recorded.
                return Response.ok(Templates.poll(poll, errors)).build();
            }
            return Forms.badRequest(Templates.refused(poll, errors));
        }
        if (htmx != null) {
            return Response.ok(Templates.poll(polls.view(id), FieldErrors.none())).build();
        }
        return backToPoll(id);
    }

    @POST
    @Path("close")
    public Response close(@RestPath long id) {
        polls.close(id);
        return backToPoll(id);
    }

    /** The results for staff: option, ballots, share of the voters; no voter is named. */
    @GET
    @Path("results.csv")
    @Produces("text/csv")
    public Response csv(@RestPath long id) {
        PollView poll = polls.results(id);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader("option", "count", "share").get())) {
            for (PollView.Choice c : poll.options()) {
                csv.printRecord(cell(c.label()), c.count(), c.width() + "%");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(out.toString()).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"fanloop-poll-" + id + ".csv\"").build();
    }

    @GET
    @Path("edit")
    public TemplateInstance editForm(@RestPath long id) {
        editing.editable(id);
        return Templates.edit(id, editPath(id), editing.editor(id), FieldErrors.none());
    }

    @POST
    @Path("edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@RestPath long id, @BeanParam PollForm form) {
        try {
            editing.edit(id, form);
            return backToPoll(id);
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.edit(id, editPath(id), editing.again(id, form), locale.errors(invalid)));
        }
    }

    /** Text a spreadsheet would run as a formula is defused with a leading quote (as triage's InboxExport does). */
    static String cell(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static String editPath(long id) {
        return UriBuilder.fromPath("/suggestions/{id}/poll/edit").build(id).toString();
    }

    private static Response backToPoll(long id) {
        return Response.seeOther(UriBuilder.fromPath("/suggestions/{id}").fragment("poll").build(id)).build();
    }
}
