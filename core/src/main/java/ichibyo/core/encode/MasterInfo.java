package ichibyo.core.encode;

/**
 * What the workflow needs to know of a master: its picture, its exact frame count and constant frame rate
 * (a rational, so 30000/1001 stays exact), and its audio.
 *
 * @param frames          video frames, counted (not estimated from the duration)
 * @param durationSeconds the video stream's duration
 * @param audioSampleRate 0 without audio
 * @param startSeconds    the first frame's time stamp (frame times are counted from it)
 */
public record MasterInfo(int width, int height, int fpsNum, int fpsDen, int frames, double durationSeconds, String videoCodec,
                         boolean hasAudio, int audioSampleRate, double startSeconds) {

    public double fps() {
        return (double) fpsNum / fpsDen;
    }

    /** Where frame {@code n} starts, in seconds from the first frame. */
    public double frameTime(long n) {
        return (double) n * fpsDen / fpsNum;
    }

    /** The duration the frames make: frames ÷ fps. */
    public double framesDuration() {
        return frameTime(frames);
    }
}
