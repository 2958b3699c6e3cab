package app.fanloop.mention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fanloop.mention")
public interface MentionConfig {

    /**
     * The most members one post (a suggestion or a comment, over all its edits) notifies by @name, against spam: the
     * first ones in the text; names beyond stay in the text, linked, and notify nobody.
     */
    @WithDefault("10")
    int perPost();

    /** How many names the autocomplete offers while typing. */
    @WithDefault("8")
    int suggestions();
}
