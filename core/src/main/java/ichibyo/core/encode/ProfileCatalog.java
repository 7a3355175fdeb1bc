package ichibyo.core.encode;

import com.fasterxml.jackson.core.type.TypeReference;
import ichibyo.core.Json;
import ichibyo.core.encode.exceptions.UnknownProfileSetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profile sets a job may name. The seeds ({@value #RESOURCE}) hold real ladders: Apple's HLS authoring
 * ladder (2 s keyframes, 416×234 at 145 kb/s to 1920×1080 at 7.8 Mb/s), an Android set, a TV set, VR within
 * headset decoder limits, and {@code preview}, two small rungs for checking a master quickly.
 */
public final class ProfileCatalog {
    public static final String RESOURCE = "/ichibyo/core/encode/profile-sets.json";
    /** The set a master gets when nothing names one (an upload without {@code x-amz-meta-profile-set}): iOS and PC's ladder. */
    public static final String DEFAULT_SET = "apple-hls";
    private static volatile ProfileCatalog seeds;

    private final Map<String, ProfileSet> sets;

    public ProfileCatalog(List<ProfileSet> sets) {
        Map<String, ProfileSet> byName = new LinkedHashMap<>();
        sets.forEach(s -> byName.put(s.name(), s));
        this.sets = Map.copyOf(byName);
    }

    /** The seed sets shipped with core. */
    public static ProfileCatalog seeds() {
        ProfileCatalog result = seeds;
        if (result == null) {
            try (InputStream in = ProfileCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                result = new ProfileCatalog(Json.mapper().readValue(in, new TypeReference<List<ProfileSet>>() {}));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            seeds = result;
        }
        return result;
    }

    public ProfileSet set(String name) {
        ProfileSet set = sets.get(name);
        if (set == null) {
            throw new UnknownProfileSetException("no profile set " + name + " (known: " + String.join(", ", new java.util.TreeSet<>(sets.keySet())) + ")");
        }
        return set;
    }

    public java.util.Set<String> names() {
        return sets.keySet();
    }
}
