package app.fanloop.attachment;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Attachments: what may be uploaded, how much, and where the bytes are kept. */
@ConfigMapping(prefix = "fanloop.attachments")
public interface AttachmentConfig {

    /** "database" (the blob_chunk table; nothing to set up, shared by every node) or "s3". */
    @WithDefault("database")
    String storage();

    S3 s3();

    Images images();

    Logs logs();

    Quota quota();

    /** Images decoded at once on this node: a decode holds up to max-side² × 4 bytes, so this bounds the heap. */
    @WithDefault("2")
    int decodeConcurrency();

    /** A staged upload no post took (a form never submitted) is removed after this long. */
    @WithDefault("PT24H")
    Duration stagedLifetime();

    /** How often each node's janitor looks for staged uploads to remove and discarded bytes to delete; "off" stops it. */
    @WithDefault("10m")
    String janitorEvery();

    interface Images {
        /** Largest image accepted, as uploaded. */
        @WithDefault("10M")
        MemorySize maxSize();

        /** Images on one post (suggestion, bug report or comment). */
        @WithDefault("9")
        int perPost();

        /** Largest picture a header may announce, in pixels; a larger one is refused before it is decoded (a pixel bomb). */
        @WithDefault("100000000")
        long maxPixels();

        /** Longest side kept: a larger picture is decoded subsampled and scaled down to this. */
        @WithDefault("4096")
        int maxSide();

        /** Longest side of the thumbnail shown in a post. */
        @WithDefault("480")
        int thumbSide();

        /** Side of the square an avatar is cropped and scaled to. */
        @WithDefault("256")
        int avatarSide();
    }

    interface Logs {
        /** Largest log accepted (.txt, .log, .zip). */
        @WithDefault("20M")
        MemorySize maxSize();

        /** Logs on one bug report. */
        @WithDefault("3")
        int perPost();

        /** Entries a zip may hold. */
        @WithDefault("1000")
        int zipMaxEntries();

        /** What a zip may unpack to in all, counted while inflating, not from its headers (a zip bomb). */
        @WithDefault("200M")
        MemorySize zipMaxUnpacked();

        /** Largest unpacked-to-packed ratio of one entry. */
        @WithDefault("200")
        int zipMaxRatio();
    }

    interface Quota {
        /** Bytes a member may upload per day. */
        @WithDefault("200M")
        MemorySize dailyBytes();

        /** Files a member may upload per day. */
        @WithDefault("100")
        int dailyFiles();

        /** Files per day for a new member (younger than fanloop.rate-limit.new-member-age), as Discourse limits new accounts. */
        @WithDefault("10")
        int newMemberDailyFiles();

        /** Bytes per day for a new member. */
        @WithDefault("30M")
        MemorySize newMemberDailyBytes();
    }

    interface S3 {
        /** The endpoint of an S3-compatible store (MinIO, Ceph, AWS: https://s3.<region>.amazonaws.com). */
        Optional<String> endpoint();

        @WithDefault("us-east-1")
        String region();

        @WithDefault("fanloop-attachments")
        String bucket();

        /** From the environment (FANLOOP_ATTACHMENTS_S3_ACCESS_KEY), never the repository. */
        Optional<String> accessKey();

        /** From the environment (FANLOOP_ATTACHMENTS_S3_SECRET_KEY), never the repository. */
        Optional<String> secretKey();

        /** Path-style addressing (bucket in the path), which MinIO and most self-hosted stores need. */
        @WithDefault("true")
        boolean pathStyle();
    }
}
