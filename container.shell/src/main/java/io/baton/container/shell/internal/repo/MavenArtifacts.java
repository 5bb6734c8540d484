package io.baton.container.shell.internal.repo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ops4j.pax.url.mvn.MavenResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mvn:} targets: resolved by Pax URL's Maven resolver (pax-url-aether, the one Karaf uses) from
 * the local Maven repository and the configured remote ones, then checked against the checksum the
 * repository keeps beside the artifact ({@code .sha512}, {@code .sha256}, {@code .sha1} or {@code .md5},
 * the strongest there is). A download from a remote repository is checked by the resolver itself as it
 * arrives ({@code globalChecksumPolicy=fail}); this second check also catches an artifact changed in
 * the local repository afterwards. What passes is copied into the download folder, so the bytes
 * checked are the bytes installed. Thread-safe.
 */
final class MavenArtifacts {
    private static final Logger LOG = LoggerFactory.getLogger(MavenArtifacts.class);
    static final String PID = "org.ops4j.pax.url.mvn";
    private static final String[][] CHECKSUMS = {{"sha512", "SHA-512"}, {"sha256", "SHA-256"}, {"sha1", "SHA-1"}, {"md5", "MD5"}};

    private final Supplier<MavenResolver> resolver;
    private final Function<String, String> properties;
    private final Downloads downloads;

    /**
     * @param resolver pax-url's resolver service (null if none is registered)
     * @param properties the framework properties, to name the configured repositories in errors
     */
    MavenArtifacts(Supplier<MavenResolver> resolver, Function<String, String> properties, Downloads downloads) {
        this.resolver = resolver;
        this.properties = properties;
        this.downloads = downloads;
    }

    /**
     * @return the verified artifact in the download folder
     * @throws IllegalArgumentException a malformed target, an artifact no repository has (naming the
     *         repositories), or one that does not match its checksum; nothing written then
     */
    Path resolve(String target) throws IOException {
        MavenCoordinates mvn = MavenCoordinates.parse(target);
        MavenResolver maven = resolver.get();
        if (maven == null) {
            throw new IllegalArgumentException(target + ": no Maven resolver is running (the bundle org.ops4j.pax.url.mvn, pax-url-aether)");
        }
        File file;
        try {
            file = maven.resolve(mvn.groupId, mvn.artifactId, mvn.classifier == null ? "" : mvn.classifier,
                    mvn.type == null ? "jar" : mvn.type, mvn.version == null ? "LATEST" : mvn.version);
        } catch (IOException | RuntimeException e) {
            if (checksumFailed(e)) {
                throw new IllegalArgumentException(target + ": the download does not match the repository's checksum; refused, nothing installed"
                        + " (searched: " + repositories() + ")", e);
            }
            throw new IllegalArgumentException("No Maven repository has " + target + " (searched: " + repositories() + "): " + firstLine(e), e);
        }
        Path artifact = file.toPath();
        if (Files.size(artifact) > RepositorySettings.MAX_BUNDLE_BYTES) {
            throw new IllegalArgumentException(target + ": " + artifact + " is larger than " + RepositorySettings.MAX_BUNDLE_BYTES + " bytes; refused");
        }
        byte[] bytes = Files.readAllBytes(artifact);
        verify(target, artifact, bytes);
        return downloads.store(Downloads.safeName(mvn.groupId + "-" + mvn.artifactId + "-" + artifact.getFileName()), bytes);
    }

    private static void verify(String target, Path artifact, byte[] bytes) throws IOException {
        for (String[] checksum : CHECKSUMS) {
            Path file = artifact.resolveSibling(artifact.getFileName() + "." + checksum[0]);
            if (Files.isRegularFile(file)) {
                String expected = Files.readString(file, StandardCharsets.US_ASCII).trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
                if (!expected.equals(digest(checksum[1], bytes))) {
                    throw new IllegalArgumentException(target + ": " + artifact + " does not match its checksum " + file.getFileName()
                            + "; refused, nothing installed");
                }
                LOG.info("{}: {} matches its {} checksum", target, artifact, checksum[0]);
                return;
            }
        }
        // e.g. an artifact `mvn install` put there: the repository keeps no checksum for it
        LOG.info("{}: {} has no checksum in its repository", target, artifact);
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }

    /** @return the repositories the resolver was configured with, as the framework properties say */
    private String repositories() {
        String local = properties.apply(PID + ".localRepository");
        String remote = properties.apply(PID + ".repositories");
        if (local == null && remote == null) {
            return "the repositories of configuration " + PID;
        }
        return "local repository " + (local == null ? "~/.m2/repository" : local) + ", remote repositories ["
                + (remote == null ? "" : remote) + "]";
    }

    /** Maven Resolver reports a checksum mismatch (policy {@code fail}) as a ChecksumFailureException somewhere in the chain. */
    private static boolean checksumFailed(Throwable e) {
        if (e == null) {
            return false;
        }
        if (e.getClass().getSimpleName().equals("ChecksumFailureException") || checksumFailed(e.getCause())) {
            return true;
        }
        for (Throwable s : e.getSuppressed()) {
            if (checksumFailed(s)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
