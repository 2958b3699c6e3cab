package app.fanloop.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import app.fanloop.attachment.BlobStores.Storage;

/** Which store fanloop.attachments.storage names, and the message for a value that names none. */
class BlobStoresTest {

    @Test
    void database_and_s3_are_the_storages_in_any_case() {
        assertEquals(Storage.DATABASE, Storage.of("database"));
        assertEquals(Storage.S3, Storage.of("S3"));
        assertEquals(Storage.S3, Storage.of(" s3 "));
    }

    @Test
    void another_storage_stops_the_app_with_the_key_and_the_values_allowed() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Storage.of("ftp"));
        assertTrue(refused.getMessage().contains("FANLOOP_ATTACHMENTS_STORAGE"), refused.getMessage());
        assertTrue(refused.getMessage().contains("'ftp'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("'database'") && refused.getMessage().contains("'s3'"), refused.getMessage());
    }
}
