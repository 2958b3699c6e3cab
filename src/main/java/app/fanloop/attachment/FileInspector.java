package app.fanloop.attachment;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decides what an uploaded file is from its bytes (never its name or declared type) and makes the file that is
 * stored: images are decoded and re-encoded (which drops EXIF, GPS position included, and anything hidden around
 * the pixels), with a thumbnail; logs are checked as text or a zip within the limits; everything else is refused.
 * Pixel and zip bombs are refused before they take memory.
 */
public interface FileInspector {

    /**
     * What this upload may be.
     * IMAGE: a picture for a suggestion or comment; IMAGE_OR_LOG: a bug report's file; AVATAR: a square picture.
     */
    enum Purpose { IMAGE, IMAGE_OR_LOG, AVATAR }

    /**
     * Inspects the uploaded file (a temporary file the caller owns) and writes the file(s) to store as new
     * temporary files, which the returned {@link Inspected} owns (close it to delete them).
     *
     * @throws FileRefused with the reason when the file may not be stored
     */
    Inspected inspect(Path upload, String uploadedName, Purpose purpose) throws FileRefused, IOException;
}
