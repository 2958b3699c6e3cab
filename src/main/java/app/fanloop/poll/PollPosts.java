package app.fanloop.poll;

/**
 * What a poll needs to know of the post it sits on. The post's feature answers it with its own visibility rule
 * (suggestion's PostingService), so a poll is seen exactly where its post is: a hidden, purged or otherwise
 * invisible post answers 404 for its poll too.
 */
public interface PollPosts {

    /** The post if this viewer may see it; otherwise a NotFoundException (404), as for the post itself. */
    Post visible(long postId);

    /**
     * @param open         takes votes, comments and ballots (not locked, merged or on an archived board)
     * @param openToAuthor its author may still edit it (and so its poll)
     */
    record Post(long id, long authorId, boolean open, boolean openToAuthor) {
    }
}
