package io.baton.example.cart.state.internal.v1v2;

import io.baton.container.statexfer.EntryMigrator;
import io.baton.container.statexfer.Migrator;
import io.baton.example.cart.state.internal.Entries;
import io.baton.example.cart.state.internal.Migrations;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** Cart state 1 -> 2, see {@link Migrations#oneToTwo}: shipped from cart 2.0.0 on, so 1.0.0 can be swapped up. */
@Component(service = Migrator.class, property = {Migrator.TYPE + "=cart", Migrator.FROM + ":Integer=1", Migrator.TO + ":Integer=2"})
public final class Cart1To2Migrator implements EntryMigrator {
    @Override
    public Map<String, Object> migrate(Map<String, Object> state) {
        return Migrations.oneToTwo(state);
    }

    /** One line of the keyed view, see {@link Entries}. */
    @Override
    public Object migrateEntry(String key, Object value) {
        return Entries.oneToTwo(key, value);
    }
}
