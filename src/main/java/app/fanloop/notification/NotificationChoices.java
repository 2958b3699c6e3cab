package app.fanloop.notification;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A member's notification choices: a channel ({@link NotificationChannel}) per category ({@link NotificationCategory}).
 * Only the choices that differ from the default are stored (notification_choice); the default of every category is
 * what the member's e-mail setting says (the weekly digest unless they chose otherwise). The one home of the rule,
 * as a Java answer and as the SQL expression the delivery, the immediate mail and the digest select with
 * ({@link #channelSql}), so a choice is applied where notifications are written and mail is picked, never by
 * filtering afterwards.
 */
@ApplicationScoped
public class NotificationChoices {

    private final EntityManager em;
    private final SiteClock clock;

    NotificationChoices(EntityManager em, SiteClock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * The channel the member in {@code memberColumn} chose for the category in {@code categoryExpression} (an SQL
     * string expression), or its default: two primary-key look-ups per row.
     */
    static String channelSql(String memberColumn, String categoryExpression) {
        String defaults = Stream.of(EmailMode.values())
                .map(m -> "when '" + m.name() + "' then '" + NotificationChannel.defaultFor(m).name() + "'")
                .collect(Collectors.joining(" ", "case np.email_mode ", " end"));
        return "coalesce((select nc.channel from notification_choice nc where nc.member_id = " + memberColumn
                + " and nc.category = " + categoryExpression + "), (select " + defaults
                + " from notification_preference np where np.member_id = " + memberColumn + "), '"
                + NotificationChannel.defaultFor(EmailMode.DEFAULT).name() + "')";
    }

    /** {@link #channelSql} for a notification row aliased {@code n}: its member and the category of its kind. */
    static String channelOfSql(String n) {
        return channelSql(n + ".member_id", NotificationCategory.sqlOf(n + ".kind"));
    }

    /** The member's channel for every category, defaults included, in category order. */
    public Map<NotificationCategory, NotificationChannel> of(long memberId, EmailMode emailMode) {
        Map<NotificationCategory, NotificationChannel> choices = new EnumMap<>(NotificationCategory.class);
        for (NotificationCategory c : NotificationCategory.ALL) {
            choices.put(c, NotificationChannel.defaultFor(emailMode));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select category, channel from notification_choice where member_id = :m")
                .setParameter("m", memberId).getResultList();
        for (Object[] row : rows) {
            NotificationCategory category = NotificationCategory.parse((String) row[0]);
            if (category != null) {
                choices.put(category, NotificationChannel.valueOf((String) row[1]));
            }
        }
        return choices;
    }

    /** Sets the member's channel of a category: a row when it differs from the default, none when it is the default. */
    @Transactional
    public void set(long memberId, EmailMode emailMode, NotificationCategory category, NotificationChannel channel) {
        if (channel == NotificationChannel.defaultFor(emailMode)) {
            em.createNativeQuery("delete from notification_choice where member_id = :m and category = :c")
                    .setParameter("m", memberId).setParameter("c", category.name()).executeUpdate();
            return;
        }
        em.createNativeQuery("""
                insert into notification_choice (member_id, category, channel, updated_at) values (:m, :c, :ch, :now)
                on conflict (member_id, category) do update set channel = excluded.channel, updated_at = excluded.updated_at""")
                .setParameter("m", memberId).setParameter("c", category.name()).setParameter("ch", channel.name())
                .setParameter("now", clock.now()).executeUpdate();
    }

    /**
     * One-click unsubscribe of one category from an e-mail: its notifications stay in the bell, without e-mail (a
     * category the member had turned off entirely stays off).
     */
    @Transactional
    public void stopMail(long memberId, EmailMode emailMode, NotificationCategory category) {
        if (of(memberId, emailMode).get(category).mails()) {
            set(memberId, emailMode, category, NotificationChannel.BELL);
        }
    }

    /**
     * Unsubscribing from all e-mail: the choices that still mailed go (with e-mail off, their default is the bell),
     * so nothing mails any more.
     */
    @Transactional
    public void stopAllMail(long memberId) {
        em.createNativeQuery("delete from notification_choice where member_id = :m and channel in ('IMMEDIATE', 'WEEKLY')")
                .setParameter("m", memberId).executeUpdate();
    }
}
