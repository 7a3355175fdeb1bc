package ichibyo.core.render;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The movie's format.
 *
 * @param aspect     16:9, 9:16 or 1:1
 * @param resolution the short side in pixels (720 makes 1280×720, 720×1280 or 720×720)
 * @param fps        frames per second
 * @param edition    the edition whose style and limits apply
 */
public record Output(Aspect aspect, int resolution, int fps, EditionStyle edition) {
    public static Output hd(EditionStyle edition) {
        return new Output(Aspect.LANDSCAPE, 720, 30, edition);
    }

    @JsonIgnore
    public int width() {
        return aspect.width(resolution);
    }

    @JsonIgnore
    public int height() {
        return aspect.height(resolution);
    }
}
