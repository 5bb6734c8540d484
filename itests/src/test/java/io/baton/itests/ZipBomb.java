package io.baton.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A real zip bomb, written in a second: a bundle manifest and one entry of zeros that inflates about a
 * thousandfold (2.5 GB from 2.5 MB). Deflating gigabytes would take the test minutes, so one MiB of
 * zeros is deflated once, ending byte-aligned with a full flush (no back-reference crosses it), and
 * that piece is repeated; an empty final block ends the stream. The zip format is written by hand
 * because {@code ZipOutputStream} cannot take data already deflated.
 */
final class ZipBomb {
    private static final int MIB = 1 << 20;

    private ZipBomb() {
    }

    /** @param mebibytes how much the entry inflates to (below 4096: no Zip64) */
    static Path write(Path target, String symbolicName, int mebibytes) throws IOException {
        byte[] piece = deflatedZeros();
        CRC32 crc = new CRC32();
        byte[] zeros = new byte[MIB];
        for (int i = 0; i < mebibytes; i++) {
            crc.update(zeros);
        }
        byte[] end = {0x03, 0x00}; // a final, empty block with fixed codes
        long compressed = (long) piece.length * mebibytes + end.length;
        long inflated = (long) mebibytes * MIB;

        byte[] manifest = ("Manifest-Version: 1.0\r\nBundle-ManifestVersion: 2\r\nBundle-SymbolicName: " + symbolicName
                + "\r\nBundle-Version: 9.9.9\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        CRC32 manifestCrc = new CRC32();
        manifestCrc.update(manifest);

        List<byte[]> central = new ArrayList<>();
        try (OutputStream out = Files.newOutputStream(target)) {
            long offset = 0;
            central.add(header(false, "META-INF/MANIFEST.MF", 0, manifestCrc.getValue(), manifest.length, manifest.length, offset));
            byte[] local = header(true, "META-INF/MANIFEST.MF", 0, manifestCrc.getValue(), manifest.length, manifest.length, 0);
            out.write(local);
            out.write(manifest);
            offset += local.length + manifest.length;

            central.add(header(false, "zeros.bin", 8, crc.getValue(), compressed, inflated, offset));
            local = header(true, "zeros.bin", 8, crc.getValue(), compressed, inflated, 0);
            out.write(local);
            for (int i = 0; i < mebibytes; i++) {
                out.write(piece);
            }
            out.write(end);
            offset += local.length + compressed;

            long directorySize = 0;
            for (byte[] c : central) {
                out.write(c);
                directorySize += c.length;
            }
            ByteBuffer eocd = le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) central.size())
                    .putShort((short) central.size()).putInt((int) directorySize).putInt((int) offset).putShort((short) 0);
            out.write(eocd.array());
        }
        return target;
    }

    private static byte[] deflatedZeros() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(new byte[MIB]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 << 10];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        deflater.end();
        return out.toByteArray();
    }

    /** A local file header, or a central directory one. */
    private static byte[] header(boolean local, String name, int method, long crc, long compressed, long inflated, long offset) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = le((local ? 30 : 46) + n.length);
        b.putInt(local ? 0x04034b50 : 0x02014b50);
        if (!local) {
            b.putShort((short) 20); // made by
        }
        b.putShort((short) 20).putShort((short) 0).putShort((short) method).putShort((short) 0).putShort((short) 0x21)
                .putInt((int) crc).putInt((int) compressed).putInt((int) inflated).putShort((short) n.length).putShort((short) 0);
        if (!local) {
            b.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offset);
        }
        b.put(n);
        return b.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
