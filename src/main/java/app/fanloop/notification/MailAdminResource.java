package app.fanloop.notification;

import java.net.URI;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** /admin/mail: admins see the mail queue, the mails that fail and why, and send a given-up mail again. */
@Path("/admin/mail")
@Produces(MediaType.TEXT_HTML)
public class MailAdminResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(MailAttempts.Overview overview, int maxAttempts, boolean queued);
    }

    private final MailAttempts attempts;
    private final NotificationConfig config;

    MailAdminResource(MailAttempts attempts, NotificationConfig config) {
        this.attempts = attempts;
        this.config = config;
    }

    @GET
    public TemplateInstance page(@RestQuery String retried) {
        return Templates.page(attempts.overview(), config.mailMaxAttempts(), retried != null);
    }

    @POST
    @Path("{id}/retry")
    public Response retry(@RestPath long id) {
        attempts.retryNow(id);
        return Response.seeOther(URI.create("/admin/mail?retried=" + id)).build();
    }
}
