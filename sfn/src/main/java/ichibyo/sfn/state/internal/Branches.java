package ichibyo.sfn.state.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the children of a Parallel or inline Map on virtual threads, at most {@code maxConcurrency} at
 * once (0 = no limit), and collects their outputs in order. The first failure stops the others.
 */
public final class Branches {
    private Branches() {}

    public static List<JsonNode> runAll(List<Callable<JsonNode>> children, int maxConcurrency) throws InterruptedException {
        int n = children.size();
        JsonNode[] results = new JsonNode[n];
        if (n == 0) return List.of();
        Semaphore permits = new Semaphore(maxConcurrency > 0 ? maxConcurrency : Integer.MAX_VALUE);
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger remaining = new AtomicInteger(n);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < n && !done.isDone(); i++) {
                permits.acquire();
                if (done.isDone()) break;
                int index = i;
                Callable<JsonNode> child = children.get(i);
                pool.submit(() -> {
                    try {
                        results[index] = child.call();
                        if (remaining.decrementAndGet() == 0) done.complete(null);
                    } catch (Throwable t) {
                        done.completeExceptionally(t);
                    } finally {
                        permits.release();
                    }
                });
            }
            try {
                done.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) throw re;
                if (cause instanceof InterruptedException ie) throw ie;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException(cause);
            }
            return new ArrayList<>(Arrays.asList(results));
        } finally {
            pool.shutdownNow();
            try {
                // Let aborted children finish their last events before the parent records its own.
                pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
