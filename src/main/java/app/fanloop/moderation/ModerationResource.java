package app.fanloop.moderation;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import app.fanloop.board.Board;
import app.fanloop.member.Viewer;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SafeRedirect;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The admins' review queue: reported posts, most reported first, with what can be done about them. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ModerationResource {

    static final int QUEUE_SIZE = 50;

    /** A reported post with its open reports; exactly one of suggestion and comment is set. */
    public record Reported(Suggestion suggestion, Comment comment, List<Report> reports) {
        public int count() {
            return reports.size();
        }

        public String type() {
            return suggestion != null ? "suggestion" : "comment";
        }

        public long id() {
            return suggestion != null ? suggestion.id : comment.id;
        }

        public boolean hidden() {
            return suggestion != null ? suggestion.hidden : comment.hidden;
        }

        public String actionBase() {
            return "/admin/reports/" + type() + "/" + id();
        }
    }

    public record Queue(List<Reported> items, List<Board> boards) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(Queue queue);
    }

    private final ModerationService moderation;
    private final Viewer viewer;

    ModerationResource(ModerationService moderation, Viewer viewer) {
        this.moderation = moderation;
        this.viewer = viewer;
    }

    /** Four statements whatever the size: reported suggestions, reported comments, their reports, the boards. */
    @GET
    @Path("admin/reports")
    public TemplateInstance queue() {
        viewer.requireAdmin();
        List<Suggestion> suggestions = Suggestion.<Suggestion> find(
                "from Suggestion s join fetch s.author join fetch s.board where s.openReports > 0 order by s.openReports desc, s.id")
                .page(0, QUEUE_SIZE).list();
        List<Comment> comments = Comment.<Comment> find("""
                from Comment c join fetch c.author join fetch c.suggestion where c.openReports > 0
                order by c.openReports desc, c.id""").page(0, QUEUE_SIZE).list();
        Map<String, List<Report>> reports = new HashMap<>();
        if (!suggestions.isEmpty() || !comments.isEmpty()) {
            List<Long> sIds = suggestions.isEmpty() ? List.of(-1L) : suggestions.stream().map(s -> s.id).toList();
            List<Long> cIds = comments.isEmpty() ? List.of(-1L) : comments.stream().map(c -> c.id).toList();
            Report.<Report> list("""
                    from Report r join fetch r.reporter where r.status = ?1 and (r.suggestion.id in ?2 or r.comment.id in ?3)
                    order by r.createdAt""", Report.Status.OPEN, sIds, cIds)
                    .forEach(r -> reports.computeIfAbsent(r.suggestion != null ? "s" + r.suggestion.id : "c" + r.comment.id,
                            k -> new ArrayList<>()).add(r));
        }
        List<Reported> items = new ArrayList<>();
        suggestions.forEach(s -> items.add(new Reported(s, null, reports.getOrDefault("s" + s.id, List.of()))));
        comments.forEach(c -> items.add(new Reported(null, c, reports.getOrDefault("c" + c.id, List.of()))));
        items.sort(Comparator.comparingInt(Reported::count).reversed());
        return Templates.queue(new Queue(items, Board.all()));
    }

    /** dismiss, hide, restore, lock, unlock, pin, unpin, move or purge; back to where the admin came from. */
    @POST
    @Path("admin/reports/{type}/{id}/{action}")
    public Response act(@RestPath String type, @RestPath long id, @RestPath String action, @RestForm String reason,
            @RestForm Long board, @RestForm String confirm, @RestForm String back) {
        ModerationService.Target target = ModerationService.Target.parse(type);
        String next = back == null || back.isBlank() ? "/admin/reports" : SafeRedirect.localPath(back);
        switch (action) {
            case "dismiss" -> moderation.dismiss(target, id);
            case "hide" -> moderation.hide(target, id, reason);
            case "restore" -> moderation.restore(target, id);
            case "lock", "unlock" -> moderation.lock(suggestionOnly(target, id), action.equals("lock"));
            case "pin", "unpin" -> moderation.pin(suggestionOnly(target, id), action.equals("pin"));
            case "move" -> moderation.move(suggestionOnly(target, id), board);
            case "purge" -> {
                long parent = moderation.purge(target, id, confirm);
                // The purged post's own page is gone: go back to its board or suggestion.
                if (next.startsWith("/suggestions/" + id) || next.startsWith("/comments/")) {
                    next = target == ModerationService.Target.SUGGESTION ? "/admin/reports" : "/suggestions/" + parent;
                }
            }
            default -> throw new NotFoundException();
        }
        return Response.seeOther(URI.create(next)).build();
    }

    private static long suggestionOnly(ModerationService.Target target, long id) {
        if (target != ModerationService.Target.SUGGESTION) {
            throw new NotFoundException();
        }
        return id;
    }
}
