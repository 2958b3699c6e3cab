package app.fanloop.notification;

import app.fanloop.member.Viewer;
import app.fanloop.web.SiteClock;
import java.util.List;
import java.util.Locale;

import app.fanloop.member.Member;
import app.fanloop.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/** A member's notifications (list, unread count, marking read) and their e-mail preference. */
@ApplicationScoped
public class NotificationService {

    /** The bell shows at most this many, then "99+". */
    static final int BELL_CAP = 100;

    private final EntityManager em;
    private final Viewer viewer;
    private final SiteClock clock;
    private final NotificationConfig config;
    private final NotificationChoices choices;

    NotificationService(EntityManager em, Viewer viewer, SiteClock clock, NotificationConfig config,
            NotificationChoices choices) {
        this.choices = choices;
        this.em = em;
        this.viewer = viewer;
        this.clock = clock;
        this.config = config;
    }

    /** One page of the signed-in member's notifications, newest first. */
    public Page<Notification> page(int page) {
        Member me = viewer.requireMember();
        int size = config.pageSize();
        return Page.of(Notification.page(me.id, page, size), page, size);
    }

    /** Unread notifications, counted up to {@link #BELL_CAP}. */
    public int unread(long memberId) {
        return ((Number) em.createNativeQuery("select " + unreadSql(":m")).setParameter("m", memberId).getSingleResult())
                .intValue();
    }

    /**
     * The bell's count as an SQL expression for the member in {@code memberColumn}: their unread notifications that
     * may be shown ({@link Notification#shownSql}), counted up to {@link #BELL_CAP}.
     */
    static String unreadSql(String memberColumn) {
        return """
                (select count(*) from (select 1 from notification n where n.member_id = %s and n.read_at is null and %s
                                       limit %d) unread)""".formatted(memberColumn, Notification.shownSql("n"), BELL_CAP);
    }

    /** One of the member's notifications, read or not, changing nothing; someone else's answers 404. */
    public Notification find(long id) {
        return own(id);
    }

    /** Marks one of the member's notifications read and tells where it leads; someone else's answers 404. */
    @Transactional
    public Notification markRead(long id) {
        Notification n = own(id);
        if (n.readAt == null) {
            n.readAt = clock.now();
        }
        return n;
    }

    /**
     * For the API: the signed-in member's notifications after a cursor (older than {@code beforeId}), newest first,
     * at most {@code max}.
     */
    public List<Notification> before(Long beforeId, int max) {
        Member me = viewer.requireMember();
        return Notification.before(me.id, beforeId, max);
    }

    /** Marks these notifications of the member read (each as {@link #markRead(long)}: someone else's answers 404). */
    @Transactional
    public void markRead(List<Long> ids) {
        ids.forEach(this::markRead);
    }

    /** Marks every unread notification of the member read; returns how many. */
    @Transactional
    public int markAllRead() {
        Member me = viewer.requireMember();
        return em.createNativeQuery("update notification set read_at = :now where member_id = :m and read_at is null")
                .setParameter("now", clock.now()).setParameter("m", me.id).executeUpdate();
    }

    /** The member's e-mail preference (the weekly digest unless they chose otherwise). */
    public EmailMode emailMode(long memberId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select email_mode from notification_preference where member_id = :m")
                .setParameter("m", memberId).getResultList();
        return rows.isEmpty() ? EmailMode.DEFAULT : EmailMode.valueOf(rows.get(0));
    }

    @Transactional
    public EmailMode setEmailMode(String value, Locale language) {
        Member me = viewer.requireMember();
        EmailMode mode = EmailMode.parse(value);
        if (mode == null) {
            throw new app.fanloop.web.FormInvalid("emailMode", app.fanloop.web.FieldErrors.INVALID);
        }
        setEmailMode(me.id, mode, language);
        return mode;
    }

    /**
     * Saves the signed-in member's notification choices from /me: every category the form names gets its channel
     * (stored only where it differs from the default); an unknown channel is refused, nothing saved.
     */
    @Transactional
    public void setChoices(ChoicesForm form) {
        Member me = viewer.requireMember();
        EmailMode mode = emailMode(me.id);
        java.util.Map<NotificationCategory, NotificationChannel> chosen = new java.util.EnumMap<>(NotificationCategory.class);
        for (NotificationCategory category : NotificationCategory.ALL) {
            String value = form.of(category);
            if (value == null) {
                continue;
            }
            NotificationChannel channel = NotificationChannel.parse(value);
            if (channel == null) {
                throw new app.fanloop.web.FormInvalid(category.slug(), app.fanloop.web.FieldErrors.INVALID);
            }
            chosen.put(category, channel);
        }
        chosen.forEach((category, channel) -> choices.set(me.id, mode, category, channel));
    }

    /** Sets a member's e-mail mode, keeping their language (or taking the given one for a new row). */
    @Transactional
    public void setEmailMode(long memberId, EmailMode mode, Locale language) {
        em.createNativeQuery("""
                insert into notification_preference (member_id, email_mode, language, updated_at) values (:m, :mode, :lang, :now)
                on conflict (member_id) do update set email_mode = excluded.email_mode, updated_at = excluded.updated_at""")
                .setParameter("m", memberId).setParameter("mode", mode.name()).setParameter("lang", languageOf(language))
                .setParameter("now", clock.now()).executeUpdate();
    }

    /** Remembers the language a member uses the site in, for the e-mail they get; written only when it changes. */
    @Transactional
    public void rememberLanguage(long memberId, Locale language) {
        em.createNativeQuery("""
                insert into notification_preference (member_id, language, updated_at) values (:m, :lang, :now)
                on conflict (member_id) do update set language = excluded.language
                where notification_preference.language <> excluded.language""")
                .setParameter("m", memberId).setParameter("lang", languageOf(language))
                .setParameter("now", clock.now()).executeUpdate();
    }

    static String languageOf(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? "en" : "zh";
    }

    private Notification own(long id) {
        Member me = viewer.requireMember();
        Notification n = Notification.<Notification> find("""
                from Notification n join fetch n.event left join fetch n.actor left join fetch n.suggestion s
                left join fetch s.board left join fetch n.release
                where n.id = ?1""", id).firstResult();
        if (n == null || !n.memberId.equals(me.id)) {
            throw new NotFoundException();
        }
        return n;
    }
}
