package ichibyo.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.core.encode.exceptions.InvalidProfileException;
import ichibyo.core.encode.exceptions.UnknownProfileSetException;
import org.junit.jupiter.api.Test;

class ProfileCatalogTest {

    @Test
    void seeds_holdTheAppleHlsLadder_withKeyframesEveryTwoSeconds() {
        ProfileSet apple = ProfileCatalog.seeds().set("apple-hls");
        assertThat(apple.profiles()).hasSize(9).allSatisfy(p -> {
            assertThat(p.gopSeconds()).isEqualTo(2.0);
            assertThat(p.codec()).isEqualTo(Codec.H264);
            assertThat(p.container()).isEqualTo(Container.HLS_FMP4);
        });
        Profile lowest = apple.profiles().getFirst();
        Profile highest = apple.profiles().getLast();
        assertThat(new int[] {lowest.maxWidth(), lowest.maxHeight(), lowest.rateControl().peakKbps()}).containsExactly(416, 234, 145);
        assertThat(new int[] {highest.maxWidth(), highest.maxHeight(), highest.rateControl().peakKbps()}).containsExactly(1920, 1080, 7800);
        assertThat(ProfileCatalog.seeds().names()).contains("android", "tv", "vr", "preview");
        assertThat(ProfileCatalog.seeds().set("vr").profiles()).extracting(Profile::codec).containsExactly(Codec.HEVC, Codec.H264);
    }

    @Test
    void outputSize_fitsTheMaximum_keepsTheAspect_andNeverUpscales() {
        MasterInfo hd = new MasterInfo(1920, 1080, 30, 1, 300, 10, "h264", true, 48000, 0);
        Profile p234 = ProfileCatalog.seeds().set("apple-hls").profiles().getFirst();
        assertThat(OutputSize.of(hd, p234)).isEqualTo(new OutputSize(416, 234));
        MasterInfo small = new MasterInfo(320, 180, 30, 1, 300, 10, "h264", true, 48000, 0);
        assertThat(OutputSize.of(small, p234)).isEqualTo(new OutputSize(320, 180));
        MasterInfo vr = new MasterInfo(7680, 3840, 30, 1, 300, 10, "hevc", true, 48000, 0);
        assertThat(OutputSize.of(vr, ProfileCatalog.seeds().set("vr").profile("vr-4k-hevc"))).isEqualTo(new OutputSize(4096, 2048));
    }

    @Test
    void badProfiles_andUnknownSets_areNamedErrors() {
        assertThatThrownBy(() -> ProfileCatalog.seeds().set("betamax")).isInstanceOf(UnknownProfileSetException.class).hasMessageContaining("apple-hls");
        assertThatThrownBy(() -> RateControl.cappedCrf(23, 0, 100)).isInstanceOf(InvalidProfileException.class);
        assertThatThrownBy(() -> new Profile("Bad Id", 1, Codec.H264, 0, 0, 0, RateControl.crf(23), 2, null, null, null))
                .isInstanceOf(InvalidProfileException.class);
    }
}
