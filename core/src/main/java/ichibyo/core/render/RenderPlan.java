package ichibyo.core.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.core.render.exceptions.InvalidRenderPlanException;
import java.util.List;

/**
 * Everything needed to render one movie, as a versioned JSON document: {@code select-materials}
 * writes it to S3 and {@code render} reads it.
 *
 * @param version   the document's format, {@value #CURRENT_VERSION}
 * @param output    size, aspect, frame rate, edition
 * @param title     text shown at the start; null for none
 * @param watermark a PNG overlaid in a corner (local path or HTTPS URL); null for none
 * @param music     background music; null for none
 * @param clips     the moments, in order
 */
public record RenderPlan(int version, Output output, String title, String watermark, Music music, List<Clip> clips) {
    public static final int CURRENT_VERSION = 1;

    public RenderPlan {
        clips = clips == null ? List.of() : List.copyOf(clips);
    }

    public static RenderPlan of(Output output, String title, String watermark, Music music, List<Clip> clips) {
        return new RenderPlan(CURRENT_VERSION, output, title, watermark, music, clips);
    }

    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws InvalidRenderPlanException for a document that is not a plan of a known version */
    public static RenderPlan fromJson(String json) {
        RenderPlan plan;
        try {
            plan = Json.mapper().readValue(json, RenderPlan.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRenderPlanException("not a render plan: " + e.getOriginalMessage());
        }
        if (plan.version() != CURRENT_VERSION) {
            throw new InvalidRenderPlanException("render plan version " + plan.version() + " is not " + CURRENT_VERSION);
        }
        return plan;
    }
}
