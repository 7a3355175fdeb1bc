package ichibyo.core.render.internal;

/** A picture's size in pixels. */
record Size(int width, int height) {}
