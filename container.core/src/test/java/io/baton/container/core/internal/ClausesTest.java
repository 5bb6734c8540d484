package io.baton.container.core.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class ClausesTest {

    @Test
    public void quotedValuesKeepTheirSeparators() {
        List<Clauses.Clause> clauses = Clauses.parse(
                "a.b;version=\"[1.0,2)\";resolution:=optional, c.d;e.f;x:Long=3,osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\"");
        assertEquals(3, clauses.size());
        assertEquals(List.of("a.b"), clauses.get(0).names);
        assertEquals("[1.0,2)", clauses.get(0).attributes.get("version"));
        assertEquals("optional", clauses.get(0).directives.get("resolution"));
        assertEquals(List.of("c.d", "e.f"), clauses.get(1).names);
        assertEquals("3", clauses.get(1).attributes.get("x"));
        assertEquals("(&(osgi.ee=JavaSE)(version=17))", clauses.get(2).directives.get("filter"));
    }

    @Test
    public void anEmptyHeaderHasNoClause() {
        assertEquals(0, Clauses.parse(null).size());
        assertEquals(0, Clauses.parse(" ").size());
    }
}
