package io.baton.example.cart.state.internal.v2v3;

import io.baton.container.statexfer.EntryMigrator;
import io.baton.container.statexfer.Migrator;
import io.baton.example.cart.state.internal.Entries;
import io.baton.example.cart.state.internal.Migrations;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** Cart state 2 -> 3, see {@link Migrations#twoToThree}: every line is stamped with the migration time. */
@Component(service = Migrator.class, property = {Migrator.TYPE + "=cart", Migrator.FROM + ":Integer=2", Migrator.TO + ":Integer=3"})
public final class Cart2To3Migrator implements EntryMigrator {
    @Override
    public Map<String, Object> migrate(Map<String, Object> state) {
        return Migrations.twoToThree(state, System.currentTimeMillis());
    }

    /** One line of the keyed view, see {@link Entries}. */
    @Override
    public Object migrateEntry(String key, Object value) {
        return Entries.twoToThree(key, value, System.currentTimeMillis());
    }
}
