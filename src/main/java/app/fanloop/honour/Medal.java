package app.fanloop.honour;

import java.util.List;

/** 勋章: awarded automatically, each once per member. Icons live in /static/medals/. */
public enum Medal {
    FIRST_SUGGESTION, FIRST_ADOPTED, FIRST_SHIPPED, TEN_SHIPPED, TOP_WEEKLY, ONE_YEAR,
    /** Still a tester when a closed beta program closed (awarded by the beta feature). */
    BETA_TESTER;

    public static final List<Medal> ALL = List.of(values());

    /** How many shipped suggestions the TEN_SHIPPED medal takes. */
    public static final int MANY_SHIPPED = 10;

    public String icon() {
        return "/static/medals/" + name().toLowerCase().replace('_', '-') + ".svg";
    }

    public static Medal parse(String value) {
        for (Medal m : values()) {
            if (m.name().equals(value)) {
                return m;
            }
        }
        return null;
    }
}
