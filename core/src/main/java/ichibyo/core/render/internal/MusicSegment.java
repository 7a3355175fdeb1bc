package ichibyo.core.render.internal;

import static ichibyo.core.render.internal.FilterText.num;

import ichibyo.core.media.MediaInfo;
import ichibyo.core.media.MediaLocation;
import ichibyo.core.render.Music;
import java.util.List;

/** The music under the clips' own sound, as long as the movie, fading out at the end. */
final class MusicSegment {
    private final Filtergraph g;
    private final Music music;
    private final MediaInfo info;

    MusicSegment(Filtergraph g, Music music, MediaInfo info) {
        this.g = g;
        this.music = music;
        this.info = info;
    }

    /** {@code audio} mixed with the music, faded out at the end; returns the new chain. */
    String music(String audio, double total) {
        int in = g.input(List.of("-ss", num(Math.max(0, music.start())), "-t", num(total + 0.5), "-f", info.demuxer()),
                MediaLocation.of(music.source()));
        double fadeOut = Math.min(1.0, total / 4);
        g.graph().append('[').append(in).append(":a]asetpts=PTS-STARTPTS,aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo")
                .append(",volume=").append(num(music.volume())).append(",apad,atrim=end=").append(num(total))
                .append(",afade=t=out:st=").append(num(total - fadeOut)).append(":d=").append(num(fadeOut)).append("[music];\n")
                .append('[').append(audio).append("][music]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[amixed];\n");
        return "amixed";
    }

}
