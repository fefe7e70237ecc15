package dev.eddy.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestLineTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET /index.html HTTP/1.1                 | GET  | /index.html",
        "GET /site/user_status.html HTTP/1.1      | GET  | /site/user_status.html",
        "POST /cart?item=42&qty=1 HTTP/1.1        | POST | /cart",
        "GET /product/7#reviews HTTP/2            | GET  | /product/7",
        "/checkout                                | GET  | /checkout",
        "GET   /spaced   HTTP/1.0                 | GET  | /spaced",
    })
    void pageIsThePathWithoutQueryOrFragment(String request, String method, String page) {
        RequestLine line = RequestLine.parse(request);
        assertThat(line.method()).isEqualTo(method);
        assertThat(line.page()).isEqualTo(page);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "GET index.html HTTP/1.1", "hello world", "   "})
    void rejectsRequestsWithoutAPath(String request) {
        assertThatThrownBy(() -> RequestLine.parse(request))
                .isInstanceOfSatisfying(EventFormatException.class,
                        e -> assertThat(e.field()).isEqualTo("request"));
    }
}
