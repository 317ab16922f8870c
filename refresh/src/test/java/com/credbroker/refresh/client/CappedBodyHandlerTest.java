package com.credbroker.refresh.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The cap without a network: what the JDK client would signal, for sized and chunked bodies. */
class CappedBodyHandlerTest {
    final CappedBodyHandler handler = new CappedBodyHandler(10, Duration.ofSeconds(5));

    @Test
    void declaredLengthOverTheCapIsRefusedBeforeReading() {
        RecordingSubscription subscription = new RecordingSubscription();
        HttpResponse.BodySubscriber<CappedBodyHandler.Body> subscriber = handler.apply(info("11"));

        subscriber.onSubscribe(subscription);

        assertThat(subscription.cancelled).isTrue();
        assertThat(subscription.requested).isZero();
        assertThat(subscriber.getBody().toCompletableFuture().join().tooLarge()).isTrue();
    }

    @Test
    void chunkedBodyIsCutOffWhenItGrowsPastTheCap() {
        RecordingSubscription subscription = new RecordingSubscription();
        HttpResponse.BodySubscriber<CappedBodyHandler.Body> subscriber = handler.apply(info(null));
        subscriber.onSubscribe(subscription);

        subscriber.onNext(List.of(bytes("123456")));
        subscriber.onNext(List.of(bytes("78901")));

        assertThat(subscription.cancelled).isTrue();
        assertThat(subscription.requested).isEqualTo(2);
        assertThat(subscriber.getBody().toCompletableFuture().join().tooLarge()).isTrue();
    }

    @Test
    void bodyAtTheCapIsKept() {
        RecordingSubscription subscription = new RecordingSubscription();
        HttpResponse.BodySubscriber<CappedBodyHandler.Body> subscriber = handler.apply(info(null));
        subscriber.onSubscribe(subscription);

        subscriber.onNext(List.of(bytes("12345"), bytes("67890")));
        subscriber.onComplete();

        CappedBodyHandler.Body body = subscriber.getBody().toCompletableFuture().join();
        assertThat(body.tooLarge()).isFalse();
        assertThat(body.text()).isEqualTo("1234567890");
        assertThat(subscription.cancelled).isFalse();
    }

    @Test
    void bodyNotCompleteInTimeFailsAndCancels() throws InterruptedException {
        RecordingSubscription subscription = new RecordingSubscription();
        HttpResponse.BodySubscriber<CappedBodyHandler.Body> subscriber =
                new CappedBodyHandler(10, Duration.ofMillis(50)).apply(info(null));
        subscriber.onSubscribe(subscription);
        subscriber.onNext(List.of(bytes("123")));

        assertThatThrownBy(() -> subscriber.getBody().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        // The cancel runs on the timer's thread just after it fails the body.
        assertThat(subscription.cancelledSignal.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static HttpResponse.ResponseInfo info(String contentLength) {
        HttpHeaders headers = HttpHeaders.of(
                contentLength == null ? Map.of() : Map.of("Content-Length", List.of(contentLength)), (a, b) -> true);
        return new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }

    private static final class RecordingSubscription implements Flow.Subscription {
        final CountDownLatch cancelledSignal = new CountDownLatch(1);
        volatile long requested;
        volatile boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
            cancelledSignal.countDown();
        }
    }
}
