package app.fanloop.release;

/** Where a release goes out: the weekly 开发版 (DEV) or the 稳定版 (STABLE). */
public enum ReleaseChannel {
    DEV, STABLE;

    public static ReleaseChannel parse(String value) {
        if (value != null) {
            for (ReleaseChannel channel : values()) {
                if (channel.name().equalsIgnoreCase(value.strip())) {
                    return channel;
                }
            }
        }
        return null;
    }

    /** The lower-case form used in addresses (?channel=dev). */
    public String param() {
        return name().toLowerCase();
    }
}
