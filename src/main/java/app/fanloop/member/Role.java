package app.fanloop.member;

/** The roles that widen what a member may do; every signed-in member is a fan. */
public final class Role {
    public static final String PM = "pm";
    public static final String ADMIN = "admin";

    private Role() {
    }
}
