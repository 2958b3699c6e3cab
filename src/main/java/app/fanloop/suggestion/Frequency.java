package app.fanloop.suggestion;

/** How often a reported bug happens. */
public enum Frequency {
    ALWAYS, OFTEN, SOMETIMES, RARELY;

    public static Frequency parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (Frequency f : values()) {
            if (f.name().equalsIgnoreCase(value.strip())) {
                return f;
            }
        }
        return null;
    }
}
