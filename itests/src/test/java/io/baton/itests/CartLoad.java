package io.baton.itests;

import io.baton.example.cart.api.CartService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real threads adding to carts through the facade, each on a cart of its own, recording every add
 * that was acknowledged (returned normally): the expected state after any number of swaps.
 */
final class CartLoad implements AutoCloseable {
    private final CartService cart;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Map<String, Integer>> acknowledged = new ArrayList<>();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final List<Throwable> failures = new ArrayList<>();

    CartLoad(CartService cart, int threadCount, int maxAddsPerThread) {
        this(cart, threadCount, maxAddsPerThread, 0);
    }

    /** Reads of the thread's own cart after each add (0: one read every 16 adds): 15 makes a 94 % read mix. */
    private final int readsPerAdd;

    CartLoad(CartService cart, int threadCount, int maxAddsPerThread, int readsPerAdd) {
        this.cart = cart;
        this.readsPerAdd = readsPerAdd;
        for (int i = 0; i < threadCount; i++) {
            String cartId = "load-" + i;
            Map<String, Integer> acks = new TreeMap<>();
            acknowledged.add(acks);
            Thread t = new Thread(() -> run(cartId, acks, maxAddsPerThread), "cart-caller-" + i);
            threads.add(t);
            t.start();
        }
    }

    private void run(String cartId, Map<String, Integer> acks, int maxAdds) {
        for (int n = 0; running.get() && n < maxAdds; n++) {
            String sku = "sku-" + (n % 5);
            int qty = 1 + n % 3;
            try {
                int after = cart.add(cartId, sku, qty);
                int expected = acks.merge(sku, qty, Integer::sum);
                if (after != expected) {
                    throw new AssertionError(cartId + " " + sku + ": add answered " + after + ", expected " + expected);
                }
                calls.incrementAndGet();
                if (readsPerAdd == 0 && n % 16 == 0) {
                    cart.lines(cartId); // reads under load too
                }
                for (int r = 0; r < readsPerAdd; r++) {
                    cart.lines(cartId);
                    reads.incrementAndGet();
                }
            } catch (Throwable e) {
                synchronized (failures) {
                    failures.add(e);
                }
            }
        }
    }

    /** @return cart id to (sku to quantity) of every acknowledged add */
    Map<String, Map<String, Integer>> expected() {
        Map<String, Map<String, Integer>> all = new TreeMap<>();
        for (int i = 0; i < acknowledged.size(); i++) {
            if (!acknowledged.get(i).isEmpty()) {
                all.put("load-" + i, acknowledged.get(i));
            }
        }
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}
