/** Helpers the states share (payload templates, ResultPath, running children); not part of the emulator's API. */
package ichibyo.sfn.state.internal;
