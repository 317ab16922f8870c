package com.credbroker.refresh.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A body handler that keeps at most {@code maxBytes} and waits at most {@code timeout} for the whole
 * body. A larger {@code Content-Length} is refused before a byte is read; a body that grows past the
 * cap (chunked) is cut off as soon as it does. Either way, and on timeout, the subscription is
 * cancelled, which makes the JDK client close that connection instead of draining it. A timeout fails
 * the body with a {@link java.util.concurrent.TimeoutException}. Thread-safe: a subscriber serves one
 * response, whose signals are serialised.
 */
final class CappedBodyHandler implements HttpResponse.BodyHandler<CappedBodyHandler.Body> {

    /** The bytes read, or {@code tooLarge} with no bytes. */
    record Body(byte[] bytes, boolean tooLarge) {
        static final Body TOO_LARGE = new Body(new byte[0], true);

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final int maxBytes;
    private final Duration timeout;

    CappedBodyHandler(int maxBytes, Duration timeout) {
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    @Override
    public HttpResponse.BodySubscriber<Body> apply(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
        return new Subscriber(maxBytes, declared > maxBytes, timeout);
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<Body> {
        private final int maxBytes;
        private final boolean refuse;
        private final Duration timeout;
        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Subscriber(int maxBytes, boolean refuse, Duration timeout) {
            this.maxBytes = maxBytes;
            this.refuse = refuse;
            this.timeout = timeout;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (refuse) {
                tooLarge();
                return;
            }
            // orTimeout's timer is cancelled when the body completes first.
            result.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((body, failure) -> {
                if (failure instanceof TimeoutException) {
                    s.cancel();
                }
            });
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if ((long) buffer.size() + item.remaining() > maxBytes) {
                    tooLarge();
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.writeBytes(chunk);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(new Body(buffer.toByteArray(), false));
        }

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        private void tooLarge() {
            result.complete(Body.TOO_LARGE);
            subscription.cancel();
        }
    }
}
