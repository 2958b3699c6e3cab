package app.fanloop.suggestion;

import app.fanloop.web.PersonalFacts;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A guard on pages shared by all members: a member with a hidden suggestion or comment sees it where
 * others see nothing or a placeholder (the visibility rule, member/Visibility), so their pages are rendered
 * for them alone.
 */
@ApplicationScoped
public class OwnHiddenPosts implements PersonalFacts {

    @Override
    public String kind() {
        return "ownHidden";
    }

    @Override
    public String sql() {
        return """
                select 1 where exists (select 1 from suggestion where author_id = :member and hidden)
                            or exists (select 1 from comment where author_id = :member and hidden)""";
    }

    @Override
    public boolean guard() {
        return true;
    }
}
