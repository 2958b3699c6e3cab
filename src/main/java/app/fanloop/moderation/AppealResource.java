package app.fanloop.moderation;

import java.util.List;

import app.fanloop.member.Member;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * /appeal: how the author of a hidden post appeals (the notice of a hidden post links here). Reports are reviewed by
 * an admin anyway; an admin's decision is appealed by writing to the configured address, or to an admin.
 */
@Path("/appeal")
@Produces(MediaType.TEXT_HTML)
public class AppealResource {

    /** What the page shows: the appeal address, if configured, else the admins to write to. */
    public record AppealPage(String address, List<Member> admins) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance appeal(AppealPage page);
    }

    private final ModerationConfig config;

    AppealResource(ModerationConfig config) {
        this.config = config;
    }

    @GET
    public TemplateInstance appeal() {
        String address = config.appealAddress().filter(a -> !a.isBlank()).orElse(null);
        List<Long> adminIds = address != null ? List.of() : Member.adminIds();
        List<Member> admins = Member.staff().stream().filter(m -> !m.bot && adminIds.contains(m.id)).limit(10).toList();
        return Templates.appeal(new AppealPage(address, admins));
    }
}
