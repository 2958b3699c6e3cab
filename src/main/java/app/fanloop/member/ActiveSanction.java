package app.fanloop.member;

import java.time.Instant;

/** The sanction in force on the viewer: a ban outweighs a silence. */
public record ActiveSanction(String kind, String reason, Instant until) {

    public boolean isBan() {
        return "BAN".equals(kind);
    }

    public boolean isPermanent() {
        return until == null;
    }
}
