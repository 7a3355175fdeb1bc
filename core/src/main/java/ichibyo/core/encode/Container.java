package ichibyo.core.encode;

/** What an output is delivered as: one MP4 file, or HLS with fMP4 segments (packaged after verify). */
public enum Container { MP4, HLS_FMP4 }
