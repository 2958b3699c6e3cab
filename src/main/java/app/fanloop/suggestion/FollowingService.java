package app.fanloop.suggestion;

import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** A member follows or stops following a suggestion. */
@ApplicationScoped
public class FollowingService {

    private final Viewer viewer;
    private final PostingService posting;
    private final Follows follows;

    FollowingService(Viewer viewer, PostingService posting, Follows follows) {
        this.viewer = viewer;
        this.posting = posting;
        this.follows = follows;
    }

    /** Follows or unfollows a suggestion; {@code wanted} null toggles. */
    @Transactional
    public FollowState follow(long id, Boolean wanted) {
        Member member = viewer.requireMember();
        Suggestion s = posting.visible(id);
        boolean following = follows.isFollowing(s.id, member.id);
        boolean want = wanted == null ? !following : wanted;
        if (want && !following) {
            follows.add(s.id, member.id);
        } else if (!want && following) {
            follows.remove(s.id, member.id);
        }
        return new FollowState(s.id, want, follows.count(s.id));
    }

    public record FollowState(long suggestionId, boolean following, int followers) {
    }
}
