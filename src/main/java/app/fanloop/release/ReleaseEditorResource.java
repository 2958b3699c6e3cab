package app.fanloop.release;

import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.member.Viewer;
import app.fanloop.triage.FeatureItem;
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

/** The release editor in the PM console: list, write, add lines, schedule, publish. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ReleaseEditorResource {

    /** Releases by state: drafts, scheduled (soonest first), published (newest first). */
    public record Overview(List<Release> drafts, List<Release> scheduled, List<Release> published) {
    }

    /**
     * The editor: the head form, the lines as they will read, the line form (a new line, or the one
     * being edited), the scheduling form and the errors of whichever form was sent.
     */
    public record Editor(ReleaseNotes notes, ReleaseForm form, ReleaseItem editing, ReleaseItemForm itemForm,
            List<FeatureItem> features, String scheduleValue, FieldErrors errors,
            List<ReleaseEditing.ProgramChoice> programs) {
        public Release release() {
            return notes.release();
        }

        public List<ReleaseChannel> channels() {
            return List.of(ReleaseChannel.values());
        }

        public List<ReleaseSection> sections() {
            return ReleaseSection.ALL;
        }

        public String itemAction() {
            return editing == null ? release().itemsPath() : editing.editPath();
        }

        public boolean selected(FeatureItem feature) {
            return feature.id.equals(itemForm.featureItemId());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Overview overview);

        static native TemplateInstance create(ReleaseForm form, List<ReleaseChannel> channels, FieldErrors errors,
                List<ReleaseEditing.ProgramChoice> programs);

        static native TemplateInstance editor(Editor editor);
    }

    private static final List<ReleaseChannel> CHANNELS = List.of(ReleaseChannel.values());
    static final int PUBLISHED_SHOWN = 50;

    private final ReleaseEditing service;
    private final ReleasePublishing publishing;
    private final Viewer viewer;
    private final RequestLocale locale;

    ReleaseEditorResource(ReleaseEditing service, ReleasePublishing publishing, Viewer viewer, RequestLocale locale) {
        this.service = service;
        this.publishing = publishing;
        this.viewer = viewer;
        this.locale = locale;
    }

    @GET
    @Path("triage/releases")
    public TemplateInstance overview() {
        viewer.requireStaff();
        return Templates.overview(new Overview(
                Release.list("state = ?1 order by updatedAt desc, id desc", ReleaseState.DRAFT),
                Release.list("state = ?1 order by scheduledAt, id", ReleaseState.SCHEDULED),
                Release.<Release> find("state = ?1 order by publishedAt desc, id desc", ReleaseState.PUBLISHED)
                        .page(0, PUBLISHED_SHOWN).list()));
    }

    @GET
    @Path("triage/releases/new")
    public TemplateInstance newForm() {
        viewer.requireStaff();
        return Templates.create(service.blankForm(), CHANNELS, FieldErrors.none(), service.programChoices());
    }

    @POST
    @Path("triage/releases")
    public Response create(@BeanParam ReleaseForm form) {
        try {
            return backTo(service.create(form).id, null);
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.create(form, CHANNELS, locale.errors(invalid), service.programChoices()));
        }
    }

    @GET
    @Path("triage/releases/{id}")
    public TemplateInstance editor(@RestPath long id, @RestQuery Long item) {
        Release release = service.load(id);
        ReleaseItem editing = item == null ? null : ReleaseItem.<ReleaseItem> findByIdOptional(item)
                .filter(i -> i.release.id.equals(release.id)).orElse(null);
        return Templates.editor(editor(release, ReleaseForm.of(release), editing,
                editing == null ? ReleaseItemForm.empty() : ReleaseItemForm.of(editing), null, FieldErrors.none()));
    }

    @POST
    @Path("triage/releases/{id}")
    public Response update(@RestPath long id, @BeanParam ReleaseForm form) {
        try {
            service.update(id, form);
            return backTo(id, null);
        } catch (FormInvalid invalid) {
            Release release = service.load(id);
            return Forms.badRequest(Templates.editor(editor(release,
                    form, null, ReleaseItemForm.empty(), null, locale.errors(invalid))));
        }
    }

    @POST
    @Path("triage/releases/{id}/items")
    public Response addItem(@RestPath long id, @BeanParam ReleaseItemForm form) {
        try {
            service.addItem(id, form);
            return backTo(id, "lines");
        } catch (FormInvalid invalid) {
            Release release = service.load(id);
            return Forms.badRequest(Templates.editor(editor(release,
                    ReleaseForm.of(release), null, form, null, locale.errors(invalid))));
        }
    }

    @POST
    @Path("triage/releases/{id}/items/{itemId}")
    public Response updateItem(@RestPath long id, @RestPath long itemId, @BeanParam ReleaseItemForm form) {
        try {
            service.updateItem(id, itemId, form);
            return backTo(id, "lines");
        } catch (FormInvalid invalid) {
            Release release = service.load(id);
            ReleaseItem editing = ReleaseItem.findById(itemId);
            return Forms.badRequest(Templates.editor(editor(release,
                    ReleaseForm.of(release), editing, form, null, locale.errors(invalid))));
        }
    }

    @POST
    @Path("triage/releases/{id}/items/{itemId}/delete")
    public Response deleteItem(@RestPath long id, @RestPath long itemId) {
        service.deleteItem(id, itemId);
        return backTo(id, "lines");
    }

    @POST
    @Path("triage/releases/{id}/schedule")
    public Response schedule(@RestPath long id, @RestForm String scheduledAt) {
        try {
            service.schedule(id, scheduledAt);
            return backTo(id, null);
        } catch (FormInvalid invalid) {
            Release release = service.load(id);
            return Forms.badRequest(Templates.editor(editor(release,
                    ReleaseForm.of(release), null, ReleaseItemForm.empty(), scheduledAt, locale.errors(invalid))));
        }
    }

    @POST
    @Path("triage/releases/{id}/unschedule")
    public Response unschedule(@RestPath long id) {
        service.unschedule(id);
        return backTo(id, null);
    }

    @POST
    @Path("triage/releases/{id}/publish")
    public Response publish(@RestPath long id) {
        try {
            Release release = publishing.publishNow(id);
            return Response.seeOther(UriBuilder.fromPath("/releases/{id}").build(release.id)).build();
        } catch (FormInvalid invalid) {
            Release release = service.load(id);
            return Forms.badRequest(Templates.editor(editor(release,
                    ReleaseForm.of(release), null, ReleaseItemForm.empty(), null, locale.errors(invalid))));
        }
    }

    private Editor editor(Release release, ReleaseForm form, ReleaseItem editing, ReleaseItemForm itemForm,
            String schedule, FieldErrors errors) {
        String when = schedule != null ? schedule
                : release.scheduledAt != null && release.isScheduled()
                        ? ReleaseEditing.LOCAL_INPUT.format(release.scheduledAt.atZone(service.zone()))
                        : ReleaseEditing.LOCAL_INPUT.format(service.defaultSchedule());
        return new Editor(ReleaseNotes.load(release, publishing), form, editing, itemForm,
                release.isPublished() ? List.of() : service.featureChoices(release), when, errors, service.programChoices());
    }

    private static Response backTo(long id, String fragment) {
        UriBuilder uri = UriBuilder.fromPath("/triage/releases/{id}");
        if (fragment != null) {
            uri.fragment(fragment);
        }
        return Response.seeOther(uri.build(id)).build();
    }
}
