package app.fanloop.attachment;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import app.fanloop.limit.AbuseLimited;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Serves attachments ({@code /files/{id}}, and an image's thumbnail at {@code /files/{id}/thumb}) to whoever may
 * fetch them ({@link AttachmentService#open}), streamed from the store. The type is the stored one, found from the
 * bytes; a log is always a download. A file's bytes never change, so its tag is its hash and a public picture may
 * be kept by browsers for a year; shared caches keep it ten minutes at most, so a picture hidden by a moderator
 * leaves them soon after it leaves the app. Private files are never kept by a shared cache.
 */
@Path("/files/{id}")
public class FilesResource {

    /** How long a shared cache (a CDN, a proxy) may keep a public picture. */
    static final String PUBLIC = "public, max-age=31536000, s-maxage=600, immutable";
    static final String PRIVATE = "private, no-store";

    private final AttachmentService attachments;

    FilesResource(AttachmentService attachments) {
        this.attachments = attachments;
    }

    @GET
    @AbuseLimited("files")
    public Response file(@RestPath long id, @RestHeader("If-None-Match") String ifNoneMatch) {
        return serve(attachments.open(id, false), ifNoneMatch);
    }

    @GET
    @Path("thumb")
    @AbuseLimited("files")
    public Response thumb(@RestPath long id, @RestHeader("If-None-Match") String ifNoneMatch) {
        return serve(attachments.open(id, true), ifNoneMatch);
    }

    private static Response serve(AttachmentService.Served file, String ifNoneMatch) {
        String tag = "\"" + file.sha256() + "\"";
        String caching = file.caching() == AttachmentService.Caching.PUBLIC ? PUBLIC : PRIVATE;
        if (ifNoneMatch != null && ifNoneMatch.contains(tag)) {
            close(file.bytes());
            return Response.notModified().header("ETag", tag).header("Cache-Control", caching).build();
        }
        StreamingOutput body = out -> {
            try (InputStream in = file.bytes()) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder response = Response.ok(body, file.contentType())
                .header("ETag", tag)
                .header("Cache-Control", caching)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", disposition(file));
        if (file.size() >= 0) {
            response.header("Content-Length", file.size());
        }
        return response.build();
    }

    /** A log downloads under its name; a picture shows inline. The name is encoded (RFC 6266), never raw. */
    private static String disposition(AttachmentService.Served file) {
        String encoded = URLEncoder.encode(file.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        String ascii = file.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
        return (file.download() ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException ignored) {
            // nothing was read
        }
    }
}
