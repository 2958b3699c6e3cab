package app.fanloop.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import app.fanloop.member.Member;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * A URL an admin registered to receive signed events. Never deleted (its deliveries are its history): an admin
 * switches it off, and so does the delivery job after too many failures in a row.
 */
@Entity
public class WebhookEndpoint extends PanacheEntityBase {

    public static final String OFF_BY_ADMIN = "ADMIN";
    public static final String OFF_BY_FAILURES = "FAILURES";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String url;

    public String description = "";

    @Column(columnDefinition = "varchar(40)[]")
    public String[] events = new String[0];

    /** The signing secret, sealed (see WebhookSecrets); never shown again after it was created. */
    public String secretSealed;

    public boolean enabled = true;

    public String disabledReason;

    public Instant disabledAt;

    public int consecutiveFailures;

    @ManyToOne(fetch = FetchType.LAZY)
    public Member createdBy;

    public Instant createdAt;

    public String path() {
        return "/admin/webhooks/" + id;
    }

    public String enablePath() {
        return path() + "/enable";
    }

    public String disablePath() {
        return path() + "/disable";
    }

    public String testPath() {
        return path() + "/test";
    }

    public List<String> eventList() {
        return Arrays.asList(events);
    }

    public boolean receives(String wireName) {
        return eventList().contains(wireName);
    }

    /** The host the endpoint names, for short mentions (a notification, a list). */
    public String host() {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    public boolean offByFailures() {
        return OFF_BY_FAILURES.equals(disabledReason);
    }

    public static List<WebhookEndpoint> newestFirst() {
        return list("order by id desc");
    }
}
