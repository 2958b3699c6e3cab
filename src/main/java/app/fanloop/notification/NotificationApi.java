package app.fanloop.notification;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.member.Viewer;
import app.fanloop.web.ApiDocs;
import app.fanloop.web.Cursor;
import app.fanloop.web.Problem;
import app.fanloop.web.RequestLocale;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** /api/v1/me/notifications: the signed-in member's notifications (cursor-paginated, newest first) and marking them read. */
@Path("/api/v1/me/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationApi {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** One notification, its words in the reader's language (Accept-Language). */
    @Schema(name = "Notification")
    public record Item(@Schema(example = "1234") long id, @Schema(example = "STATUS_CHANGED") NotificationKind kind,
            @Schema(example = "“锁屏显示农历” is now Planned") String headline,
            @Schema(example = "We will ship it in the next weekly build.") String detail,
            @Schema(example = "/suggestions/7", description = "The page it is about, on the site") String link,
            Instant createdAt, boolean read) {
    }

    /** Which notifications to mark read: the given ids, or every unread one when {@code ids} is absent. */
    @Schema(name = "MarkRead")
    public record MarkRead(@Size(max = MAX_LIMIT) @Schema(example = "[1234, 1235]", nullable = true,
            description = "Ids of the member's notifications; absent or null: all") List<Long> ids) {
    }

    @Schema(name = "Unread")
    public record Unread(@Schema(example = "0", description = "Unread notifications left (counted up to 100)") int unread) {
    }

    @Schema(name = "NotificationPage")
    public record ItemPage(List<Item> items, @Schema(nullable = true, example = "MR8xMjMz") String next) {
    }

    private final NotificationService notifications;
    private final Viewer viewer;
    private final RequestLocale locale;

    NotificationApi(NotificationService notifications, Viewer viewer, RequestLocale locale) {
        this.notifications = notifications;
        this.viewer = viewer;
        this.locale = locale;
    }

    @GET
    @Operation(summary = "My notifications", description = "Newest first; pass the page's `next` as `cursor` for the "
            + "following page. Stable while new notifications arrive.")
    @SecurityRequirement(name = ApiDocs.BEARER)
    @SecurityRequirement(name = ApiDocs.API_KEY)
    @APIResponse(responseCode = "200", description = "A page of notifications", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ItemPage.class), examples = @ExampleObject(name = "page",
                    value = "{\"items\":[{\"id\":1234,\"kind\":\"STATUS_CHANGED\",\"headline\":\"Status of “Lunar calendar” changed to Planned\",\"detail\":\"\",\"link\":\"/suggestions/7\",\"createdAt\":\"2026-03-02T09:30:00Z\",\"read\":false}],\"next\":null}")))
    @APIResponse(responseCode = "400", description = "A cursor or limit that is not valid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "bad limit",
                    value = "{\"type\":\"/problems/bad-request\",\"title\":\"Bad request\",\"status\":400,\"detail\":\"Some query parameters have invalid values; see errors.\",\"errors\":[{\"field\":\"limit\",\"message\":\"At most 100\"}]}")))
    @APIResponse(responseCode = "401", description = "No credential", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public ItemPage list(@Parameter(description = "The `next` of the previous page") @RestQuery String cursor,
            @Parameter(description = "Items per page, 1–100 (default 20)") @RestQuery Integer limit) {
        viewer.requireMember();
        int size = Cursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        Cursor after = Cursor.parse(cursor, 1);
        List<Notification> rows = notifications.before(after == null ? null : after.longAt(0), size + 1);
        Cursor.Page<Item> page = Cursor.Page.of(rows, size, n -> Cursor.of(n.id), this::item);
        return new ItemPage(page.items(), page.next());
    }

    @POST
    @Path("read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark notifications read", description = "The given ids, or all unread ones when `ids` is absent.")
    @SecurityRequirement(name = ApiDocs.BEARER)
    @SecurityRequirement(name = ApiDocs.API_KEY)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MarkRead.class),
            examples = { @ExampleObject(name = "some", value = "{\"ids\":[1234,1235]}"), @ExampleObject(name = "all", value = "{}") }))
    @APIResponse(responseCode = "200", description = "Done; what is left unread", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Unread.class), examples = @ExampleObject(name = "none left", value = "{\"unread\":0}")))
    @APIResponse(responseCode = "404", description = "An id that is not one of the member's notifications",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Unread read(@Valid MarkRead body) {
        if (body == null || body.ids() == null) {
            notifications.markAllRead();
        } else {
            notifications.markRead(body.ids());
        }
        return new Unread(notifications.unread(viewer.requireMember().id));
    }

    private Item item(Notification n) {
        return new Item(n.id, n.kind, NotificationText.headline(n, locale.get()), NotificationText.detail(n, locale.get()),
                NotificationText.targetPath(n), n.createdAt, !n.isUnread());
    }
}
