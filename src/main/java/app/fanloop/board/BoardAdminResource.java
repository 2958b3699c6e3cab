package app.fanloop.board;

import java.net.URI;
import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import app.fanloop.member.Viewer;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.RequestLocale;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Admins create, edit, reorder and archive boards. */
@Path("/admin/boards")
@Produces(MediaType.TEXT_HTML)
public class BoardAdminResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Board> boards);

        static native TemplateInstance form(Board board, String action, BoardForm form, FieldErrors errors);
    }

    private final BoardService service;
    private final Viewer viewer;
    private final RequestLocale locale;

    BoardAdminResource(BoardService service, Viewer viewer, RequestLocale locale) {
        this.service = service;
        this.viewer = viewer;
        this.locale = locale;
    }

    @GET
    public TemplateInstance list() {
        viewer.requireAdmin();
        return Templates.list(Board.all());
    }

    @GET
    @Path("new")
    public TemplateInstance newForm() {
        viewer.requireAdmin();
        return Templates.form(null, "/admin/boards", BoardForm.empty(), FieldErrors.none());
    }

    @POST
    public Response create(@BeanParam BoardForm form) {
        try {
            service.create(form);
            return backToList();
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.form(null, "/admin/boards", form, locale.errors(invalid)));
        }
    }

    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@RestPath long id) {
        viewer.requireAdmin();
        Board board = Board.<Board> findByIdOptional(id).orElseThrow(NotFoundException::new);
        return Templates.form(board, board.adminPath(), BoardForm.of(board), FieldErrors.none());
    }

    @POST
    @Path("{id}")
    public Response update(@RestPath long id, @BeanParam BoardForm form) {
        try {
            service.update(id, form);
            return backToList();
        } catch (FormInvalid invalid) {
            Board board = Board.<Board> findByIdOptional(id).orElseThrow(NotFoundException::new);
            return Forms.badRequest(Templates.form(board, board.adminPath(), form, locale.errors(invalid)));
        }
    }

    @POST
    @Path("{id}/move")
    public Response move(@RestPath long id, @RestForm int direction) {
        service.move(id, direction);
        return backToList();
    }

    @POST
    @Path("{id}/archive")
    public Response archive(@RestPath long id, @RestForm boolean archived) {
        service.setArchived(id, archived);
        return backToList();
    }


    private static Response backToList() {
        return Response.seeOther(URI.create("/admin/boards")).build();
    }
}
