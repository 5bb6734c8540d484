package io.baton.container.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class TableTest {

    @Test
    public void columnsAreAlignedToTheWidestCellAndLinesHaveNoTrailingBlanks() {
        String text = new Table("ID", "NAME").row(1, "a").row(100, null).toString();
        assertEquals("ID   NAME\n---  ----\n1    a\n100  -\n", text);
    }

    @Test
    public void aRowWithTheWrongNumberOfCellsIsRefusedNamingTheColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row(1));
        assertEquals("Row has 1 cells, expected 2 (A, B)", e.getMessage());
    }
}
