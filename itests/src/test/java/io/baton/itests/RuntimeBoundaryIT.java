package io.baton.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import io.baton.container.core.SwapReport;
import io.baton.container.core.SwapStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The runtime is never touched by an application: deploying or swapping a bundle of the runtime (or a
 * fragment of one) is refused with the reason and the bundle named, and the advice is right; a target
 * that needs a package only the runtime exports, at another version, is refused naming the exporter.
 * Nothing changes in the framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeBoundaryIT extends SwapTestSupport {
    private Map<Long, String> before;

    @Override
    @Configuration
    public Option[] config() {
        return new Option[] {composite(super.config()), systemProperty("baton.itest.scr").value(BatonTestSupport.runtimeJar("org.apache.felix.scr-"))};
    }

    @Before
    public void cartTwoServes() {
        if (container.managed().isEmpty()) {
            deploy(jar("example.cart.impl.v2"));
        }
        before = frameworkSnapshot();
    }

    @Test
    public void deployingABundleOfTheRuntimeIsRefused() {
        try {
            container.deploy(List.of(System.getProperty("baton.itest.scr")));
            fail("a second DS runtime must not be deployed");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("Cannot deploy org.apache.felix.scr: it is part of Baton's runtime (bundle "));
            assertTrue(e.getMessage(), e.getMessage().contains("upgrade the runtime"));
        }
        assertEquals(before, frameworkSnapshot());
    }

    @Test
    public void swappingBatonItselfIsRefusedWithTheRightAdvice() throws Exception {
        Path core = JarVariants.of(jar("example.cart.api")).header("Bundle-SymbolicName", "io.baton.container.core").version("9.0.0")
                .writeTo(workFile("core-9"));
        SwapReport report = container.swap(request(core));
        assertEquals(SwapStatus.REFUSED, report.status);
        assertTrue(report.failure, report.failure.contains("io.baton.container.core: it is part of Baton's runtime"));
        assertTrue("no advice to deploy it through Baton: " + report.failure, !report.failure.contains("deploy it"));
        assertEquals(before, frameworkSnapshot());
    }

    @Test
    public void aFragmentOfARuntimeBundleIsRefused() throws Exception {
        Path fragment = JarVariants.of(jar("example.cart.api")).header("Bundle-SymbolicName", "io.baton.itests.cm.fragment")
                .header("Fragment-Host", "org.apache.felix.configadmin").header("Export-Package", null).writeTo(workFile("cm-fragment"));
        try {
            container.deploy(List.of(fragment.toString()));
            fail("a fragment of ConfigAdmin must not be deployed");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("is a fragment of org.apache.felix.configadmin"));
            assertTrue(e.getMessage(), e.getMessage().contains("part of Baton's runtime"));
        }
        assertEquals(before, frameworkSnapshot());
    }

    @Test
    public void aPackageOnlyTheRuntimeExportsAtAnotherVersionIsNamed() throws Exception {
        String imports;
        try (JarInputStream in = new JarInputStream(java.nio.file.Files.newInputStream(jar("example.cart.impl.v3")))) {
            imports = in.getManifest().getMainAttributes().getValue("Import-Package");
        }
        Path needsCm9 = JarVariants.of(jar("example.cart.impl.v3"))
                .header("Import-Package", imports + ",org.osgi.service.cm;version=\"[9,10)\"").writeTo(workFile("cart-cm9"));
        SwapReport report = container.swap(request(needsCm9));
        assertEquals(SwapStatus.REFUSED, report.status);
        assertTrue(report.failure, report.failure.contains("missing osgi.wiring.package (&(osgi.wiring.package=org.osgi.service.cm)"));
        assertTrue(report.failure, report.failure.matches(".*only org\\.apache\\.felix\\.configadmin \\S+ \\(bundle \\d+\\) exports it at 1\\.6.*"));
        assertEquals(before, frameworkSnapshot());
    }
}
