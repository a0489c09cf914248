package org.rmel.run;

/** UTF-8 validation of raw bytes (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
final class Utf8 {
    private static final java.lang.invoke.VarHandle WORDS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private Utf8() {
    }

    /** Offset (from {@code start}) of the first byte that breaks UTF-8, or -1 when all is valid. */
    static int firstInvalid(byte[] b, int start, int len) {
        int end = start + len;
        int i = start;
        while (i < end) {
            // ASCII, eight bytes at a time: most of a log is ASCII, so this is nearly all of the work
            while (i + 8 <= end && ((long) WORDS.get(b, i) & 0x8080808080808080L) == 0) {
                i += 8;
            }
            if (i >= end) {
                break;
            }
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return i - start;
            }
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                if (i + k >= end || (b[i + k] & 0xC0) != 0x80) {
                    return i - start;
                }
                cp = (cp << 6) | (b[i + k] & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i - start;
            }
            i += n + 1;
        }
        return -1;
    }
}
