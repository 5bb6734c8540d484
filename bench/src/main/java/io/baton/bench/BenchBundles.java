package io.baton.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The bench bundles the build copied to one folder, and the faulty blob variant made from 2.0.0; or,
 * {@link #keyed()}, the same with the keyed blob in the blob's place.
 */
final class BenchBundles {
    final Path blobV1;
    final Path blobV2;
    final Path consumer;
    final Path faulty;
    private final Path dir;

    private BenchBundles(Path dir, Path work) throws IOException {
        this.dir = dir;
        blobV1 = require(dir.resolve("bench.blob-1.0.0.jar"));
        blobV2 = require(dir.resolve("bench.blob-2.0.0.jar"));
        consumer = require(dir.resolve("bench.consumer-1.0.0.jar"));
        faulty = faultyVariant(blobV2, work.resolve("bench.blob-2.0.1-faulty.jar"));
    }

    private BenchBundles(BenchBundles base, Path v1, Path v2) {
        this.dir = base.dir;
        blobV1 = require(v1);
        blobV2 = require(v2);
        consumer = base.consumer;
        faulty = base.faulty;
    }

    /** The keyed blob (KeyedState, pre-copied) at 1.0.0 and 2.0.0 as the blob to swap; consumer and faulty variant unchanged. */
    BenchBundles keyed() {
        return new BenchBundles(this, dir.resolve("bench.kblob-1.0.0.jar"), dir.resolve("bench.kblob-2.0.0.jar"));
    }

    static BenchBundles in(Path dir, Path work) throws IOException {
        return new BenchBundles(dir, work);
    }

    /** The blob jar of the other major version than {@code major}. */
    Path other(int major) {
        return major == 1 ? blobV2 : blobV1;
    }

    private static Path require(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Bench bundle " + jar + " not found; build with: mvn -B -pl bench -am package");
        }
        return jar;
    }

    /** Blob 2.0.1: blob 2.0.0 with {@code Bench-Fault: throw}, whose every write fails. */
    private static Path faultyVariant(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = Files.newInputStream(source); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = new Manifest(jar.getManifest());
            Attributes main = manifest.getMainAttributes();
            main.putValue("Bundle-Version", "2.0.1");
            main.putValue("Bench-Fault", "throw");
            try (OutputStream out = Files.newOutputStream(target); JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(e.getName()));
                    jar.transferTo(copy);
                    copy.closeEntry();
                }
            }
        }
        return target;
    }
}
