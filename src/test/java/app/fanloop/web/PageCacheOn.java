package app.fanloop.web;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The page cache on, its copies living a minute, long enough for a test to see them (the other tests run with it off).
 * One profile for every test that needs just that: each profile is an application of its own, built and started once
 * per run (MemberPagesTest, PollPageCacheTest).
 */
public class PageCacheOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fanloop.visitor-cache.ttl", "PT1M");
    }
}
