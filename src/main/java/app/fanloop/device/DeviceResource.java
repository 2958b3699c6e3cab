package app.fanloop.device;

import java.util.List;

import org.jboss.resteasy.reactive.RestPath;

import app.fanloop.board.Board;
import app.fanloop.member.Visibility;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
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

/** /triage/devices: the device models PMs and admins offer per board, to add and retire. */
@Path("/triage/devices")
@Produces(MediaType.TEXT_HTML)
public class DeviceResource {

    /** The staff page: every model by board, and the form to add one (as typed, with its errors, after a failed post). */
    public record ModelsPage(List<DeviceModel> models, List<Board> boards, DeviceModelForm form, FieldErrors errors,
            boolean saved) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance models(ModelsPage page);
    }

    private final Devices devices;
    private final RequestLocale locale;

    DeviceResource(Devices devices, RequestLocale locale) {
        this.devices = devices;
        this.locale = locale;
    }

    @GET
    public TemplateInstance models(@org.jboss.resteasy.reactive.RestQuery String saved) {
        return Templates.models(new ModelsPage(devices.allModels(), Board.listed(Visibility.everything()), DeviceModelForm.empty(),
                FieldErrors.none(), saved != null));
    }

    @POST
    public Response add(@BeanParam DeviceModelForm form) {
        try {
            devices.addModel(form);
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.models(new ModelsPage(devices.allModels(), Board.listed(Visibility.everything()), form,
                    locale.errors(invalid), false)));
        }
        return Response.seeOther(UriBuilder.fromPath("/triage/devices").queryParam("saved", "1").build()).build();
    }

    @POST
    @Path("{id}/retire")
    public Response retire(@RestPath long id) {
        devices.retire(id, true);
        return Response.seeOther(UriBuilder.fromPath("/triage/devices").build()).build();
    }

    @POST
    @Path("{id}/restore")
    public Response restore(@RestPath long id) {
        devices.retire(id, false);
        return Response.seeOther(UriBuilder.fromPath("/triage/devices").build()).build();
    }
}
