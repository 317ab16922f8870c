package com.credbroker.broker.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of a listing: {@code {"items": [...], "next_cursor": "..." | null}}. */
public record ListResponse<T>(@JsonProperty("items") List<T> items, @JsonProperty("next_cursor") String nextCursor) {
}
