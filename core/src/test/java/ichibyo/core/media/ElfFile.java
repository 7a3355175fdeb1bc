package ichibyo.core.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dynamic loader reads from a 64-bit little-endian ELF file (x86_64 and aarch64): its machine,
 * its interpreter and the libraries it needs. Enough to check a layer for an architecture that cannot run
 * here, without binutils.
 */
record ElfFile(int machine, String interpreter, List<String> needed) {
    static final int X86_64 = 62;
    static final int AARCH64 = 183;

    private static final int PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3;
    private static final long DT_NULL = 0, DT_NEEDED = 1, DT_STRTAB = 5;

    static ElfFile read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 64 || b.getInt(0) != 0x464C457F || b.get(4) != 2 || b.get(5) != 1) {
            throw new IOException(file + " is not a 64-bit little-endian ELF file");
        }
        int machine = Short.toUnsignedInt(b.getShort(18));
        long phoff = b.getLong(32);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        List<long[]> loads = new ArrayList<>(); // {vaddr, offset, filesz}
        String interpreter = null;
        long dynamic = -1, dynamicSize = 0;
        for (int i = 0; i < phnum; i++) {
            int h = Math.toIntExact(phoff + (long) i * phentsize);
            int type = b.getInt(h);
            long offset = b.getLong(h + 8), vaddr = b.getLong(h + 16), filesz = b.getLong(h + 32);
            if (type == PT_LOAD) {
                loads.add(new long[] {vaddr, offset, filesz});
            } else if (type == PT_INTERP) {
                interpreter = string(b, offset);
            } else if (type == PT_DYNAMIC) {
                dynamic = offset;
                dynamicSize = filesz;
            }
        }
        List<Long> neededOffsets = new ArrayList<>();
        long strtab = -1;
        for (long e = dynamic; dynamic >= 0 && e + 16 <= dynamic + dynamicSize; e += 16) {
            long tag = b.getLong(Math.toIntExact(e));
            long value = b.getLong(Math.toIntExact(e + 8));
            if (tag == DT_NULL) {
                break;
            } else if (tag == DT_NEEDED) {
                neededOffsets.add(value);
            } else if (tag == DT_STRTAB) {
                strtab = value;
            }
        }
        List<String> needed = new ArrayList<>();
        if (!neededOffsets.isEmpty()) {
            long strtabOffset = fileOffset(loads, strtab, file);
            for (long o : neededOffsets) {
                needed.add(string(b, strtabOffset + o));
            }
        }
        return new ElfFile(machine, interpreter, needed);
    }

    private static long fileOffset(List<long[]> loads, long vaddr, Path file) throws IOException {
        for (long[] load : loads) {
            if (vaddr >= load[0] && vaddr < load[0] + load[2]) {
                return vaddr - load[0] + load[1];
            }
        }
        throw new IOException(file + ": address " + Long.toHexString(vaddr) + " is in no loaded segment");
    }

    private static String string(ByteBuffer b, long offset) {
        int start = Math.toIntExact(offset);
        int end = start;
        while (b.get(end) != 0) {
            end++;
        }
        return new String(b.array(), start, end - start, StandardCharsets.ISO_8859_1);
    }
}
