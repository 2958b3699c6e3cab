package app.fanloop.release;

import java.util.List;

/** The sections of release notes, in the order they are shown. */
public enum ReleaseSection {
    NEW, IMPROVED, FIXED;

    public static final List<ReleaseSection> ALL = List.of(values());

    public static ReleaseSection parse(String value) {
        if (value != null) {
            for (ReleaseSection section : values()) {
                if (section.name().equalsIgnoreCase(value.strip())) {
                    return section;
                }
            }
        }
        return null;
    }
}
