package ichibyo.core.encode;

import ichibyo.core.encode.exceptions.InvalidProfileException;
import ichibyo.core.encode.exceptions.UnknownProfileSetException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The outputs one job makes of a master: a named, versioned list of profiles (a ladder). */
public record ProfileSet(String name, int version, String description, List<Profile> profiles) {

    public ProfileSet {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new InvalidProfileException("a profile set name is 1–63 lower-case letters, digits and dashes, not " + name);
        }
        if (profiles == null || profiles.isEmpty() || profiles.size() > 20) {
            throw new InvalidProfileException("profile set " + name + " needs 1–20 profiles");
        }
        profiles = List.copyOf(profiles);
        Set<String> ids = new HashSet<>();
        for (Profile p : profiles) {
            if (!ids.add(p.id())) {
                throw new InvalidProfileException("profile set " + name + " names profile " + p.id() + " twice");
            }
        }
    }

    public Profile profile(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new UnknownProfileSetException("profile set " + name + " has no profile " + id));
    }

    /** Name and version: {@code apple-hls-v1}, the folder outputs are placed in and a job's name part. */
    public String versionedName() {
        return name + "-v" + version;
    }
}
