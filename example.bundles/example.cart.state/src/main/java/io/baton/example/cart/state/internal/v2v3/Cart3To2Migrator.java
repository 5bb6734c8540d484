package io.baton.example.cart.state.internal.v2v3;

import io.baton.container.statexfer.EntryMigrator;
import io.baton.container.statexfer.Migrator;
import io.baton.example.cart.state.internal.Entries;
import io.baton.example.cart.state.internal.Migrations;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** Cart state 3 -> 2, see {@link Migrations#threeToTwo}: lets a swap to 3.x roll back to 2.0.0 (or on to 1.0.0). */
@Component(service = Migrator.class, property = {Migrator.TYPE + "=cart", Migrator.FROM + ":Integer=3", Migrator.TO + ":Integer=2"})
public final class Cart3To2Migrator implements EntryMigrator {
    @Override
    public Map<String, Object> migrate(Map<String, Object> state) {
        return Migrations.threeToTwo(state);
    }

    /** One line of the keyed view, see {@link Entries}. */
    @Override
    public Object migrateEntry(String key, Object value) {
        return Entries.threeToTwo(key, value);
    }
}
