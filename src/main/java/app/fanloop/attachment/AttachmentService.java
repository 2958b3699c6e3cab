package app.fanloop.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import app.fanloop.limit.RateLimiter;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.SiteClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * Files on posts: staging an upload (inspected, stored, counted against the member's quota), attaching staged files
 * to the post being written in the post's own transaction, and deciding who may fetch a file. The one rule for a
 * file: a picture is seen by whoever may see its post; a log only by the post's author and staff, never by
 * visitors or other fans; a staged file only by whoever uploaded it.
 */
@ApplicationScoped
@jakarta.inject.Named("attachments")
public class AttachmentService {

    private static final Logger LOG = Logger.getLogger(AttachmentService.class);

    /** A post files are attached to: a suggestion (a bug report takes logs too) or a comment. */
    public record Post(Long suggestionId, Long commentId, boolean takesLogs) {
        public static Post suggestion(long id, boolean bug) {
            return new Post(id, null, bug);
        }

        public static Post comment(long id) {
            return new Post(null, id, false);
        }

        /** A suggestion or bug report not written yet. */
        public static Post newSuggestion(boolean bug) {
            return new Post(null, null, bug);
        }

        /** A comment not written yet. */
        public static Post newComment() {
            return new Post(null, null, false);
        }

        FileInspector.Purpose purpose() {
            return takesLogs ? FileInspector.Purpose.IMAGE_OR_LOG : FileInspector.Purpose.IMAGE;
        }
    }

    /** A file that was not taken, with why (see {@link FileRefused.Reason}). */
    public record Refusal(String fileName, FileRefused.Reason reason, String value) {
        public String reasonName() {
            return reason.name();
        }
    }

    /** What staging did: the files now staged (in upload order) and the ones refused. */
    public record Staging(List<Attachment> staged, List<Refusal> refused) {
        public boolean refusedAny() {
            return !refused.isEmpty();
        }
    }

    private final Attachments attachments;
    private final FileInspector inspector;
    private final BlobStore store;
    private final AttachmentConfig config;
    private final RateLimiter rateLimits;
    private final Viewer viewer;
    private final SiteClock clock;
    private final jakarta.enterprise.event.Event<AttachmentJanitor.Discarded> discarded;

    AttachmentService(Attachments attachments, FileInspector inspector, BlobStore store, AttachmentConfig config,
            RateLimiter rateLimits, Viewer viewer, SiteClock clock,
            jakarta.enterprise.event.Event<AttachmentJanitor.Discarded> discarded) {
        this.discarded = discarded;
        this.attachments = attachments;
        this.inspector = inspector;
        this.store = store;
        this.config = config;
        this.rateLimits = rateLimits;
        this.viewer = viewer;
        this.clock = clock;
    }

    /**
     * Inspects and stores the form's new files for a post of this kind, each in its own transaction, so what was
     * taken stays taken when another file or the post's form is refused (the form shows it again, kept).
     * {@code onPost} is how many images and logs the post already holds with the files kept from before.
     */
    @Transactional(Transactional.TxType.NEVER)
    public Staging stage(AttachmentForm form, Post post, List<Attachment> onPost) {
        List<FileUpload> files = form.files();
        if (files.isEmpty()) {
            return new Staging(List.of(), List.of());
        }
        Member member = viewer.requireVoice();
        int images = (int) onPost.stream().filter(Attachment::isImage).count();
        int logs = (int) onPost.stream().filter(Attachment::isLog).count();
        List<Attachment> staged = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (FileUpload file : files) {
            String name = file.fileName() == null ? "" : file.fileName();
            try {
                quota(member, file.size());
                try (Inspected inspected = inspect(file, post.purpose())) {
                    boolean image = inspected.kind() == AttachmentKind.IMAGE;
                    int limit = image ? config.images().perPost() : config.logs().perPost();
                    if ((image ? images : logs) >= limit) {
                        throw new FileRefused(FileRefused.Reason.COUNT, String.valueOf(limit));
                    }
                    staged.add(store(member.id, inspected));
                    if (image) {
                        images++;
                    } else {
                        logs++;
                    }
                }
            } catch (FileRefused refusal) {
                refused.add(new Refusal(name, refusal.reason(), refusal.value()));
            }
        }
        return new Staging(staged, refused);
    }

    Inspected inspect(FileUpload file, FileInspector.Purpose purpose) throws FileRefused {
        try {
            return inspector.inspect(file.uploadedFile(), file.fileName(), purpose);
        } catch (IOException unreadable) {
            LOG.debugf(unreadable, "unreadable upload %s", file.fileName());
            throw new FileRefused(FileRefused.Reason.DAMAGED);
        }
    }

    /** The member's daily quota (stricter for new members); staff are not limited. */
    void quota(Member member, long size) throws FileRefused {
        if (viewer.isStaff()) {
            return;
        }
        Instant now = clock.now();
        boolean isNew = rateLimits.isNew(member, now);
        int files = isNew ? config.quota().newMemberDailyFiles() : config.quota().dailyFiles();
        long bytes = (isNew ? config.quota().newMemberDailyBytes() : config.quota().dailyBytes()).asLongValue();
        Attachments.Usage used = attachments.usedSince(member.id, now.minus(Duration.ofDays(1)));
        if (used.files() >= files || used.bytes() + size > bytes) {
            throw new FileRefused(FileRefused.Reason.QUOTA);
        }
    }

    /** Stores the bytes and the staged row in one transaction (with the database store, bytes and row commit together). */
    private Attachment store(long ownerId, Inspected inspected) {
        return QuarkusTransaction.requiringNew().call(() -> save(ownerId, inspected));
    }

    /** Stores the bytes and persists the row, staged (not attached yet), in the caller's transaction. */
    Attachment save(long ownerId, Inspected inspected) {
        Attachment a = new Attachment();
        a.kind = inspected.kind();
        a.ownerId = ownerId;
        a.contentType = inspected.contentType();
        a.fileName = inspected.fileName();
        a.byteSize = inspected.size();
        a.sha256 = inspected.sha256();
        a.blobKey = newKey();
        put(a.blobKey, inspected.file(), a.contentType);
        if (inspected.kind() == AttachmentKind.IMAGE || inspected.kind() == AttachmentKind.AVATAR) {
            a.width = inspected.width();
            a.height = inspected.height();
        }
        if (inspected.thumb() != null) {
            a.thumbKey = newKey();
            a.thumbWidth = inspected.thumbWidth();
            a.thumbHeight = inspected.thumbHeight();
            put(a.thumbKey, inspected.thumb(), a.contentType);
        }
        a.createdAt = clock.now();
        a.persist();
        return a;
    }


    private void put(String key, java.nio.file.Path file, String type) {
        try {
            store.put(key, file, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    /**
     * Attaches the form's files to the post in the post's transaction: files staged by the viewer join it (in the
     * form's order), files the form removes leave it, alt texts are set; the post's counters follow. Files the form
     * does not name stay as they were. More files than a post may hold, or a log on anything but a bug report, is a
     * form error.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void attach(Post post, AttachmentForm form) {
        List<Attachment> existing = onPost(post);
        Set<Long> removed = new HashSet<>(form.removed());
        List<Long> gone = existing.stream().filter(a -> removed.contains(a.id)).map(a -> a.id).toList();
        List<Attachment> result = new ArrayList<>(existing.stream().filter(a -> !removed.contains(a.id)).toList());
        Long me = viewer.id();
        List<Attachment> joining = me == null ? List.of()
                : attachments.claimStaged(me, form.kept()).stream().filter(a -> !removed.contains(a.id)).toList();
        result.addAll(joining);
        long images = result.stream().filter(Attachment::isImage).count();
        long logs = result.stream().filter(Attachment::isLog).count();
        if (images > config.images().perPost()) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("file", "too_many_files", config.images().perPost())));
        }
        if (logs > (post.takesLogs() ? config.logs().perPost() : 0)) {
            throw new FormInvalid("file", "logs_bug_only");
        }
        if (attachments.delete(gone) > 0) {
            discarded.fire(new AttachmentJanitor.Discarded());
        }
        Instant now = clock.now();
        for (int i = 0; i < result.size(); i++) {
            Attachment a = result.get(i);
            int inForm = form.kept().indexOf(a.id);
            if (inForm >= 0) {
                String alt = form.altOf(inForm);
                a.alt = alt.length() > 300 ? alt.substring(0, 300) : alt;
            }
            a.position = (short) i;
            a.suggestionId = post.suggestionId();
            a.commentId = post.commentId();
            if (a.attachedAt == null) {
                a.attachedAt = now;
            }
        }
        if (post.suggestionId() != null) {
            attachments.recountSuggestion(post.suggestionId());
        } else {
            attachments.recountComment(post.commentId());
        }
    }

    /** The files a post holds now, in order. */
    public List<Attachment> onPost(Post post) {
        if (post.suggestionId() != null) {
            return Attachment.ofSuggestion(post.suggestionId());
        }
        return post.commentId() == null ? List.of()
                : Attachment.ofComments(List.of(post.commentId())).getOrDefault(post.commentId(), List.of());
    }

    /**
     * The files a form shows again after a refusal: the post's own (minus none: removal waits for the save) and the
     * ones the viewer staged, in the form's order, each with the alt text typed.
     */
    public List<Kept> keptFor(List<Attachment> onPost, AttachmentForm form) {
        List<Kept> kept = new ArrayList<>();
        Set<Long> removed = new HashSet<>(form.removed());
        for (Attachment a : onPost) {
            int inForm = form.kept().indexOf(a.id);
            kept.add(new Kept(a, inForm >= 0 ? form.altOf(inForm) : a.alt, removed.contains(a.id)));
        }
        Long me = viewer.id();
        if (me != null) {
            for (Attachment a : attachments.stagedBy(me, form.kept())) {
                if (onPost.stream().noneMatch(o -> o.id.equals(a.id))) {
                    kept.add(new Kept(a, form.altOf(form.kept().indexOf(a.id)), removed.contains(a.id)));
                }
            }
        }
        return kept;
    }

    /**
     * The files part of a post's form as it is shown: the files kept (the post's own and those staged by the viewer),
     * the files refused with why, and the limits the form states.
     */
    public record Upload(AttachmentForm form, List<Kept> kept, List<Refusal> refused, Limits limits, boolean takesLogs) {
        public boolean refusedAny() {
            return !refused.isEmpty();
        }
    }

    /** The limits a form states beside its file field. */
    public record Limits(String imageSize, int imagesPerPost, String logSize, int logsPerPost, long imageBytes, long logBytes) {
    }

    /** The files part of a form not sent yet: the post's own files (none for a new post). */
    public Upload blank(Post post) {
        return new Upload(AttachmentForm.none(), keptFor(onPost(post), AttachmentForm.none()), List.of(), limits(),
                post.takesLogs());
    }

    /**
     * Stages the form's new files (see {@link #stage}) and returns the form to save the post with, or to show again
     * when a file was refused: the staged files are kept in it, nothing is lost.
     */
    public Upload receive(AttachmentForm form, Post post) {
        List<Attachment> onPost = onPost(post);
        Set<Long> removed = new HashSet<>(form.removed());
        List<Attachment> already = new ArrayList<>(onPost.stream().filter(a -> !removed.contains(a.id)).toList());
        Long me = viewer.id();
        if (me != null) {
            attachments.stagedBy(me, form.kept()).stream().filter(a -> !removed.contains(a.id)).forEach(already::add);
        }
        Staging staging = stage(form, post, already);
        AttachmentForm next = form.withStaged(staging.staged());
        return new Upload(next, keptFor(onPost, next), staging.refused(), limits(), post.takesLogs());
    }

    /** The same files part, shown again after the post's form was refused: no new file is staged twice. */
    public Upload again(Upload upload, Post post) {
        return new Upload(upload.form(), keptFor(onPost(post), upload.form()), upload.refused(), limits(), post.takesLogs());
    }

    /** The limits the forms state (for templates: {@code inject:attachments.limits}). */
    public Limits limits() {
        return new Limits(app.fanloop.web.BodyLimit.sizeText(config.images().maxSize().asLongValue()), config.images().perPost(),
                app.fanloop.web.BodyLimit.sizeText(config.logs().maxSize().asLongValue()), config.logs().perPost(),
                config.images().maxSize().asLongValue(), config.logs().maxSize().asLongValue());
    }

    /** A file shown on a form: the file, the alt text as typed, and whether the member ticked it off. */
    public record Kept(Attachment attachment, String alt, boolean removed) {
    }

    /** How a file may be cached once served. */
    public enum Caching {
        /** Anyone may see it now: shared caches may keep it a little, browsers for good (the bytes never change). */
        PUBLIC,
        /** Only some may see it (a log, a hidden post's picture, a staged file): never in a shared cache. */
        PRIVATE
    }

    /** A file the viewer may fetch, opened: the caller streams and closes it. */
    public record Served(String contentType, String fileName, long size, String sha256, boolean download,
            Caching caching, InputStream bytes) {
    }

    /** The file or its thumbnail if the viewer may fetch it, else 404 (a private file is not there for others). */
    public Served open(long id, boolean thumb) {
        Attachments.Servable file = attachments.servable(id).orElseThrow(NotFoundException::new);
        Caching caching = access(file);
        if (thumb && file.kind() == AttachmentKind.LOG) {
            throw new NotFoundException();
        }
        // A thumbnail has the picture's type; a file without one (an avatar) is its own.
        boolean full = !thumb || file.thumbKey() == null;
        String key = full ? file.blobKey() : file.thumbKey();
        try {
            return new Served(file.contentType(), file.fileName(), full ? file.byteSize() : -1,
                    full ? file.sha256() : file.sha256() + "-t", file.kind() == AttachmentKind.LOG, caching, store.open(key));
        } catch (BlobStore.NoSuchBlob missing) {
            LOG.warnf("attachment %d: its bytes are missing from the store (%s)", id, key);
            throw new NotFoundException();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one rule for files; throws 404 when the viewer may not fetch it. */
    private Caching access(Attachments.Servable file) {
        if (!file.attached()) {
            if (!viewer.is(file.ownerId())) {
                throw new NotFoundException();
            }
            return Caching.PRIVATE;
        }
        if (file.kind() == AttachmentKind.AVATAR) {
            return Caching.PUBLIC;
        }
        boolean seen = viewer.maySee(file.suggestionHidden(), file.suggestionAuthor(), file.programId())
                && (!file.onComment() || viewer.maySee(file.commentHidden(), file.commentAuthor(), file.programId()));
        if (!seen) {
            throw new NotFoundException();
        }
        if (file.kind() == AttachmentKind.LOG) {
            if (!viewer.mayReadPrivateFile(file.suggestionHidden(), file.suggestionAuthor(), file.programId())) {
                throw new NotFoundException();
            }
            return Caching.PRIVATE;
        }
        // A program's file is for its testers: no shared cache may keep it.
        return file.suggestionHidden() || file.commentHidden() || file.programId() != null ? Caching.PRIVATE
                : Caching.PUBLIC;
    }
}
