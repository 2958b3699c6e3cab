package app.fanloop.suggestion;

import app.fanloop.poll.PollPosts;
import jakarta.enterprise.context.ApplicationScoped;

/** Suggestions and bug reports as the posts polls sit on: seen by the one visibility rule of {@link PostingService#visible}. */
@ApplicationScoped
public class SuggestionPolls implements PollPosts {

    private final PostingService posting;

    SuggestionPolls(PostingService posting) {
        this.posting = posting;
    }

    @Override
    public Post visible(long postId) {
        return post(posting.visible(postId));
    }

    /** The facts of a suggestion already loaded and checked. */
    static Post post(Suggestion s) {
        return new Post(s.id, s.author.id, s.isOpenForVotes(), !s.isClosedToAuthor());
    }
}
