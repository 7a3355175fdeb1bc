package ichibyo.core.render;

import java.util.List;

/**
 * The one ffmpeg run that renders a movie.
 *
 * @param arguments   ffmpeg's arguments (without the program itself)
 * @param filterGraph the filtergraph, also written to the script file the arguments name
 * @param duration    the movie's planned length in seconds
 */
public record MovieCommand(List<String> arguments, String filterGraph, double duration) {}
