package app.fanloop.moderation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.audit.AuditEntry;
import app.fanloop.audit.AuditLog;
import app.fanloop.member.Viewer;
import app.fanloop.web.Page;
import app.fanloop.web.Pages;
import app.fanloop.web.SiteConfig;
import io.quarkus.panache.common.Parameters;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The audit log for admins: filter by actor, action, target and dates; read-only. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AuditResource {

    static final int PAGE_SIZE = 50;

    /** The filters as typed, and the page of entries they select. */
    public record AuditPage(Page<AuditEntry> entries, String actor, String action, String target, String from, String to,
            List<String> actions) {
        public String pageBase() {
            return "?actor=" + enc(actor) + "&action=" + enc(action) + "&target=" + enc(target) + "&from=" + enc(from)
                    + "&to=" + enc(to) + "&page=";
        }

        private static String enc(String value) {
            return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(AuditPage page);
    }

    private final Viewer viewer;
    private final SiteConfig site;

    AuditResource(Viewer viewer, SiteConfig site) {
        this.viewer = viewer;
        this.site = site;
    }

    /**
     * @param actor a member id or a name fragment
     * @param target e.g. "suggestion:42" or "member"
     */
    @GET
    @Path("admin/audit")
    public TemplateInstance audit(@RestQuery String actor, @RestQuery String action, @RestQuery String target,
            @RestQuery String from, @RestQuery String to, @RestQuery Integer page) {
        viewer.requireAdmin();
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (actor != null && !actor.isBlank()) {
            if (actor.strip().matches("\\d{1,18}")) {
                where.append(" and a.actor.id = :actorId");
                params.and("actorId", Long.parseLong(actor.strip()));
            } else {
                where.append(" and lower(a.actor.name) like :actorName");
                params.and("actorName", "%" + actor.strip().toLowerCase() + "%");
            }
        }
        if (action != null && !action.isBlank()) {
            where.append(" and a.action = :action");
            params.and("action", action.strip());
        }
        if (target != null && !target.isBlank()) {
            String[] parts = target.strip().split(":", 2);
            where.append(" and a.targetType = :type");
            params.and("type", parts[0]);
            if (parts.length == 2 && parts[1].matches("\\d{1,18}")) {
                where.append(" and a.targetId = :targetId");
                params.and("targetId", Long.parseLong(parts[1]));
            }
        }
        LocalDate fromDay = day(from);
        if (fromDay != null) {
            where.append(" and a.createdAt >= :from");
            params.and("from", fromDay.atStartOfDay(site.zone()).toInstant());
        }
        LocalDate toDay = day(to);
        if (toDay != null) {
            where.append(" and a.createdAt < :to");
            params.and("to", toDay.plusDays(1).atStartOfDay(site.zone()).toInstant());
        }
        int p = Pages.clamp(page, 1000);
        List<AuditEntry> rows = AuditEntry.<AuditEntry> find("from AuditEntry a join fetch a.actor where " + where
                + " order by a.createdAt desc, a.id desc", params).range((p - 1) * PAGE_SIZE, p * PAGE_SIZE).list();
        return Templates.audit(new AuditPage(Page.of(rows, p, PAGE_SIZE), text(actor), text(action), text(target),
                text(from), text(to), AuditLog.ACTIONS));
    }

    private static LocalDate day(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
