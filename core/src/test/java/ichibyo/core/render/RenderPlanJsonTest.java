package ichibyo.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.render.exceptions.InvalidRenderPlanException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderPlanJsonTest {
    @Test
    void plan_survivesARoundTripThroughJson() {
        RenderPlan plan = RenderPlan.of(Output.hd(EditionStyle.YEARLY), "Our year", "/media/mark.png", Music.of("/media/song.m4a"),
                List.of(Clip.video("https://bucket.example/v.mp4?X-Amz-Signature=abc", 12.5),
                        Clip.photo("/media/p.jpg", new KenBurns(Region.WHOLE, new Region(0.2, 0.1, 0.6, 0.6)))
                                .withDuration(1.5).withFocus(new FocusPoint(0.4, 0.3), new Region(0.3, 0.2, 0.2, 0.2))));

        String json = plan.toJson();

        assertThat(json).contains("\"version\" : 1", "\"aspect\" : \"16:9\"", "\"edition\" : \"YEARLY\"");
        assertThat(RenderPlan.fromJson(json)).isEqualTo(plan);
    }

    @Test
    void handWrittenPlan_getsDefaults() {
        RenderPlan plan = RenderPlan.fromJson("""
                {"version": 1,
                 "output": {"aspect": "9:16", "resolution": 720, "fps": 30, "edition": "QUARTERLY"},
                 "clips": [{"kind": "VIDEO", "source": "/v.mp4"}]}""");

        assertThat(plan.output().width()).isEqualTo(720);
        assertThat(plan.output().height()).isEqualTo(1280);
        assertThat(plan.clips().getFirst().durationOrDefault()).isEqualTo(1.0);
        assertThat(plan.clips().getFirst().startOrZero()).isZero();
        assertThat(plan.title()).isNull();
    }

    @Test
    void planOfAnotherVersion_isRefused() {
        assertThatThrownBy(() -> RenderPlan.fromJson("{\"version\": 2, \"clips\": []}")).isInstanceOf(InvalidRenderPlanException.class);
    }

    @Test
    void notAPlan_isRefused() {
        assertThatThrownBy(() -> RenderPlan.fromJson("[1, 2]")).isInstanceOf(InvalidRenderPlanException.class);
    }
}
