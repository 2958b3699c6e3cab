package app.fanloop.attachment;

import java.util.List;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import app.fanloop.limit.RateLimiter;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * 头像: a member's own picture in place of the initials circle. An upload is inspected as an avatar (decoded,
 * cropped to a square of fanloop.attachments.images.avatar-side, re-encoded), stored attached (so it is public at
 * once, like the name beside it) and set on the member in one transaction; the picture it replaces is deleted and
 * its bytes go after the commit. Changes are rate limited (fanloop.rate-limit.actions.avatar) and an upload needs
 * room in the daily upload quota.
 */
@ApplicationScoped
public class Avatars {

    /** The rate limit on avatar changes (uploads; removing is free). */
    public static final String RATE_LIMIT = "avatar";

    private final AttachmentService files;
    private final Attachments attachments;
    private final RateLimiter limiter;
    private final Viewer viewer;
    private final Event<AttachmentJanitor.Discarded> discarded;

    Avatars(AttachmentService files, Attachments attachments, RateLimiter limiter, Viewer viewer,
            Event<AttachmentJanitor.Discarded> discarded) {
        this.files = files;
        this.attachments = attachments;
        this.limiter = limiter;
        this.viewer = viewer;
        this.discarded = discarded;
    }

    /**
     * Makes the uploaded file the viewer's avatar; returns it. Nothing changes when the file is refused.
     *
     * @throws FileRefused when the file is not a picture that may be stored, or the daily quota is used up
     */
    @Transactional(Transactional.TxType.NEVER)
    public Attachment change(FileUpload file) throws FileRefused {
        Member member = viewer.requireVoice();
        files.quota(member, file.size());
        try (Inspected inspected = files.inspect(file, FileInspector.Purpose.AVATAR)) {
            return QuarkusTransaction.requiringNew().call(() -> {
                limiter.hit(RATE_LIMIT, member);
                Attachment avatar = files.save(member.id, inspected);
                avatar.attachedAt = avatar.createdAt;
                discard(attachments.replaceAvatar(member.id, avatar.id));
                return avatar;
            });
        }
    }

    /** Takes the viewer's avatar away: the token's picture or the initials show again. */
    @Transactional
    public void remove() {
        Member member = viewer.requireMember();
        discard(attachments.replaceAvatar(member.id, null));
    }

    private void discard(Long old) {
        if (old != null && attachments.delete(List.of(old)) > 0) {
            discarded.fire(new AttachmentJanitor.Discarded());
        }
    }
}
