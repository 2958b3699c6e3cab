package app.fanloop.release;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/** Members follow release channels (their new releases are notified). */
@ApplicationScoped
public class ChannelFollowing {

    private final EntityManager em;
    private final Viewer viewer;

    ChannelFollowing(EntityManager em, Viewer viewer) {
        this.em = em;
        this.viewer = viewer;
    }

    /** Follows or unfollows a release channel; {@code wanted} null toggles. Returns whether the member follows it now. */
    @Transactional
    public boolean follow(String channelName, Boolean wanted) {
        Member member = viewer.requireMember();
        ReleaseChannel channel = ReleaseChannel.parse(channelName);
        if (channel == null) {
            throw new NotFoundException();
        }
        boolean following = followedChannels(member.id).contains(channel);
        boolean want = wanted == null ? !following : wanted;
        if (want && !following) {
            em.createNativeQuery("insert into channel_follow (channel, member_id) values (:c, :m) on conflict do nothing")
                    .setParameter("c", channel.name()).setParameter("m", member.id).executeUpdate();
        } else if (!want && following) {
            em.createNativeQuery("delete from channel_follow where channel = :c and member_id = :m")
                    .setParameter("c", channel.name()).setParameter("m", member.id).executeUpdate();
        }
        return want;
    }

    /** The channels a member follows. */
    @SuppressWarnings("unchecked")
    public Set<ReleaseChannel> followedChannels(Long memberId) {
        if (memberId == null) {
            return Set.of();
        }
        Set<ReleaseChannel> channels = new LinkedHashSet<>();
        ((List<String>) em.createNativeQuery("select channel from channel_follow where member_id = :m order by channel")
                .setParameter("m", memberId).getResultList()).forEach(c -> channels.add(ReleaseChannel.valueOf(c)));
        return channels;
    }
}
