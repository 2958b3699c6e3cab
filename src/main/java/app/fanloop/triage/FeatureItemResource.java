package app.fanloop.triage;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.PostingService;
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

/** Feature items in the PM console: list, create from suggestions, edit, move, link and unlink. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class FeatureItemResource {

    public enum Sort {
        DEMAND("f.demand desc, f.id desc"), PRIORITY("f.priority, f.demand desc, f.id desc"),
        STATUS("f.status, f.statusChangedAt desc, f.id desc");

        final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }

        public String param() {
            return name().toLowerCase();
        }

        static Sort parse(String value) {
            for (Sort sort : values()) {
                if (sort.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return sort;
                }
            }
            return DEMAND;
        }
    }

    /** The list: items with their number of linked suggestions. */
    public record ItemList(List<FeatureItem> items, Map<Long, Long> linkedCounts, Sort sort, FeatureItemStatus status) {
        public List<Sort> sorts() {
            return List.of(Sort.values());
        }

        public List<FeatureItemStatus> statuses() {
            return List.of(FeatureItemStatus.values());
        }

        public long linked(FeatureItem item) {
            return linkedCounts.getOrDefault(item.id, 0L);
        }

        public String statusParam() {
            return status == null ? "" : status.name();
        }
    }

    /** One item's page, with the forms to edit it, move it and link suggestions. */
    public record ItemPage(FeatureItem item, FeatureItemForm form, List<Suggestion> suggestions, List<Member> staff,
            FieldErrors errors, String statusValue, String reason) {
        public List<FeatureItemStatus> settable() {
            return FeatureItemStatus.SETTABLE;
        }

        public List<Integer> priorities() {
            return PRIORITIES;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ItemList list);

        static native TemplateInstance form(FeatureItemForm form, List<Suggestion> suggestions, List<Member> staff,
                FieldErrors errors, List<Integer> priorities);

        static native TemplateInstance show(ItemPage page);
    }

    static final List<Integer> PRIORITIES = List.of(0, 1, 2, 3);

    private final FeatureItemService service;
    private final Viewer viewer;
    private final PostingService posting;
    private final InboxExport export;
    private final RequestLocale locale;

    FeatureItemResource(FeatureItemService service, Viewer viewer, PostingService posting,
            InboxExport export, RequestLocale locale) {
        this.service = service;
        this.viewer = viewer;
        this.posting = posting;
        this.export = export;
        this.locale = locale;
    }

    @GET
    @Path("triage/features")
    public TemplateInstance list(@RestQuery String sort, @RestQuery String status) {
        viewer.requireStaff();
        Sort order = Sort.parse(sort);
        FeatureItemStatus filter = FeatureItemStatus.parse(status);
        List<FeatureItem> items = filter == null
                ? FeatureItem.list("from FeatureItem f left join fetch f.owner order by " + order.orderBy)
                : FeatureItem.list("from FeatureItem f left join fetch f.owner where f.status = ?1 order by " + order.orderBy,
                        filter);
        return Templates.list(new ItemList(items, linkedCounts(items), order, filter));
    }

    @GET
    @Path("triage/features/new")
    public TemplateInstance newForm(@RestQuery("ids") List<Long> ids) {
        viewer.requireStaff();
        List<Long> chosen = ids == null ? List.of() : ids.stream().distinct().toList();
        List<Suggestion> picked = chosen.stream().map(posting::visible).toList();
        String title = picked.isEmpty() ? "" : picked.get(0).title;
        return Templates.form(new FeatureItemForm(title, "", 2, null, "", chosen), picked, Member.staff(),
                FieldErrors.none(), PRIORITIES);
    }

    @POST
    @Path("triage/features")
    public Response create(@BeanParam FeatureItemForm form) {
        try {
            FeatureItem item = service.create(form);
            return Response.seeOther(UriBuilder.fromPath("/triage/features/{id}").build(item.id)).build();
        } catch (FormInvalid invalid) {
            List<Suggestion> picked = form.suggestionIds().stream().map(posting::visible).toList();
            return Forms.badRequest(Templates.form(form, picked, Member.staff(),
                    locale.errors(invalid), PRIORITIES));
        }
    }

    @GET
    @Path("triage/features/{id}")
    public TemplateInstance show(@RestPath long id) {
        FeatureItem item = service.load(id);
        return Templates.show(page(item, FeatureItemForm.of(item), FieldErrors.none(), "", ""));
    }

    @POST
    @Path("triage/features/{id}")
    public Response update(@RestPath long id, @BeanParam FeatureItemForm form) {
        try {
            service.update(id, form);
            return backTo(id);
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.show(page(service.load(id), form,
                    locale.errors(invalid), "", "")));
        }
    }

    @POST
    @Path("triage/features/{id}/status")
    public Response status(@RestPath long id, @RestForm String status, @RestForm String reason) {
        try {
            service.changeStatus(id, status, reason);
            return backTo(id);
        } catch (FormInvalid invalid) {
            FeatureItem item = service.load(id);
            return Forms.badRequest(Templates.show(page(item, FeatureItemForm.of(item),
                    locale.errors(invalid), status, reason)));
        }
    }

    @POST
    @Path("triage/features/{id}/link")
    public Response link(@RestPath long id, @RestForm Long suggestionId) {
        try {
            if (suggestionId == null) {
                throw new FormInvalid("suggestionId", FieldErrors.REQUIRED);
            }
            service.link(id, suggestionId);
            return backTo(id);
        } catch (FormInvalid invalid) {
            FeatureItem item = service.load(id);
            return Forms.badRequest(Templates.show(page(item, FeatureItemForm.of(item),
                    locale.errors(invalid), "", "")));
        }
    }

    @POST
    @Path("triage/features/{id}/unlink")
    public Response unlink(@RestPath long id, @RestForm long suggestionId) {
        service.unlink(id, suggestionId);
        return backTo(id);
    }

    @GET
    @Path("triage/features.csv")
    @Produces("text/csv")
    public Response csv() {
        viewer.requireStaff();
        return Response.ok(export.featureItems())
                .header("Content-Disposition", "attachment; filename=\"fanloop-feature-items.csv\"")
                .type("text/csv; charset=UTF-8").build();
    }

    private ItemPage page(FeatureItem item, FeatureItemForm form, FieldErrors errors, String status, String reason) {
        return new ItemPage(item, form, FeatureItemService.linked(item.id), Member.staff(), errors,
                status == null ? "" : status, reason == null ? "" : reason);
    }

    private static Map<Long, Long> linkedCounts(List<FeatureItem> items) {
        if (items.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = Suggestion.getEntityManager().createQuery(
                "select s.featureItemId, count(s) from Suggestion s where s.featureItemId in ?1 group by s.featureItemId",
                Object[].class).setParameter(1, items.stream().map(i -> i.id).toList()).getResultList();
        Map<Long, Long> counts = new java.util.HashMap<>();
        rows.forEach(r -> counts.put((Long) r[0], (Long) r[1]));
        return counts;
    }

    private static Response backTo(long id) {
        return Response.seeOther(UriBuilder.fromPath("/triage/features/{id}").build(id)).build();
    }

}
