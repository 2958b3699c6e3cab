package app.fanloop.notification;

import java.net.URI;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.web.Page;
import app.fanloop.web.Pages;
import app.fanloop.web.RequestLocale;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * /me/notifications: the list, opening one, marking read, and the e-mail setting. Only POSTs change
 * anything: the list's unread titles are buttons of a form that marks read and then opens; a GET of a
 * notification (e-mail links, read ones) only leads on to what it is about.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class NotificationResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Page<Notification> notifications);

        static native TemplateInstance item(Notification n, int page);

        static native TemplateInstance marked(Notification n, int page);
    }

    private final NotificationService service;
    private final RequestLocale locale;
    private final Bell bell;

    NotificationResource(NotificationService service, RequestLocale locale, Bell bell) {
        this.service = service;
        this.locale = locale;
        this.bell = bell;
    }

    @GET
    @Path("me/notifications")
    public TemplateInstance list(@RestQuery Integer page) {
        return Templates.list(service.page(Pages.clamp(page, 1000)));
    }

    /** Goes to what a notification is about, without marking it read (a GET changes nothing). */
    @GET
    @Path("me/notifications/{id}")
    public Response open(@RestPath long id) {
        return Response.seeOther(URI.create(NotificationText.targetPath(service.find(id)))).build();
    }

    /**
     * Marks a notification read, then goes back to the list or, with {@code open=true}, to what it is about; htmx
     * gets the item, read, and the bell's new count to swap in place.
     */
    @POST
    @Path("me/notifications/{id}/read")
    public Response read(@RestPath long id, @RestForm Integer page, @RestForm boolean open,
            @RestHeader("HX-Request") String htmx) {
        Notification n = service.markRead(id);
        if (htmx != null && !open) {
            // The bell was counted when this request began, before the one marked here.
            bell.set(service.unread(n.memberId));
            return Response.ok(Templates.marked(n, page == null ? 1 : page)).build();
        }
        return open ? Response.seeOther(URI.create(NotificationText.targetPath(n))).build() : backToList(page);
    }

    @POST
    @Path("me/notifications/read-all")
    public Response readAll() {
        service.markAllRead();
        return backToList(null);
    }

    /** Saves how the member wants e-mail, from the settings on /me. */
    @POST
    @Path("me/email")
    public Response email(@RestForm String emailMode) {
        service.setEmailMode(emailMode, locale.get());
        return Response.seeOther(UriBuilder.fromPath("/me").fragment("email").queryParam("saved", "email").build())
                .build();
    }

    /** Saves the member's notification choices (a channel per kind), from /me. */
    @POST
    @Path("me/notification-choices")
    public Response choices(@BeanParam ChoicesForm form) {
        service.setChoices(form);
        return Response.seeOther(UriBuilder.fromPath("/me").fragment("notification-choices").queryParam("saved", "choices")
                .build()).build();
    }

    private static Response backToList(Integer page) {
        UriBuilder uri = UriBuilder.fromPath("/me/notifications");
        if (page != null && page > 1) {
            uri.queryParam("page", page);
        }
        return Response.seeOther(uri.build()).build();
    }
}
