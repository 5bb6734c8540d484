package io.baton.example.cart.state.internal.v1v2;

import io.baton.container.statexfer.EntryMigrator;
import io.baton.container.statexfer.Migrator;
import io.baton.example.cart.state.internal.Entries;
import io.baton.example.cart.state.internal.Migrations;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** Cart state 2 -> 1, see {@link Migrations#twoToOne}: lets a swap away from 1.0.0 roll back. */
@Component(service = Migrator.class, property = {Migrator.TYPE + "=cart", Migrator.FROM + ":Integer=2", Migrator.TO + ":Integer=1"})
public final class Cart2To1Migrator implements EntryMigrator {
    @Override
    public Map<String, Object> migrate(Map<String, Object> state) {
        return Migrations.twoToOne(state);
    }

    /** One line of the keyed view, see {@link Entries}. */
    @Override
    public Object migrateEntry(String key, Object value) {
        return Entries.twoToOne(key, value);
    }
}
