package app.fanloop.attachment;

/**
 * A file that may not be stored, with the reason as a message key ({@code att:refused_<reason>} in
 * {@link AttachmentMessages}) and the value the message names (a size, a count), so the form says it next to the field.
 */
public class FileRefused extends Exception {

    /** Why a file is refused; each has a message in both languages. */
    public enum Reason {
        /** Not a PNG, JPEG or WebP picture (or, on a bug report, a .txt, .log or .zip log). */
        TYPE,
        /** HEIC/HEIF: no reader for it here; phones share such pictures as JPEG when asked. */
        HEIC,
        /** Larger than the configured size. */
        SIZE,
        /** More pixels than the configured limit (a pixel bomb or a giant picture). */
        PIXELS,
        /** A picture that does not decode. */
        DAMAGED,
        /** A zip with too many entries, or that unpacks to too much (a zip bomb), or that is damaged or encrypted. */
        ZIP,
        /** More files on the post than allowed. */
        COUNT,
        /** The member's daily quota is used up. */
        QUOTA
    }

    private final Reason reason;
    private final String value;

    public FileRefused(Reason reason, String value) {
        super(reason.name().toLowerCase() + (value == null ? "" : " (" + value + ")"));
        this.reason = reason;
        this.value = value;
    }

    public FileRefused(Reason reason) {
        this(reason, null);
    }

    public Reason reason() {
        return reason;
    }

    /** What the message names (the limit, the count), or null. */
    public String value() {
        return value;
    }
}
