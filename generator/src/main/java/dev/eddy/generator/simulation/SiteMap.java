package dev.eddy.generator.simulation;

import java.util.List;

/**
 * The simulated shop: the request line of every page, and what the server answers (status, size). Request lines are
 * built once; a click only picks one.
 */
final class SiteMap {

    /** A request line and its path (without query string), the path being what a referrer points at. */
    record PageRequest(String request, String path) {
        static PageRequest get(String path) {
            return new PageRequest("GET " + path + " HTTP/1.1", stripQuery(path));
        }

        static PageRequest post(String path) {
            return new PageRequest("POST " + path + " HTTP/1.1", stripQuery(path));
        }

        private static String stripQuery(String path) {
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }
    }

    static final int PRODUCTS = 200;
    private static final List<String> CATEGORY_NAMES = List.of("electronics", "books", "garden", "fashion", "toys",
            "sports", "kitchen");
    private static final List<String> SEARCH_TERMS = List.of("laptop", "headphones", "novel", "garden+hose", "jacket",
            "lego", "running+shoes", "coffee+maker", "phone+case", "desk+lamp", "backpack", "board+game");

    private static final PageRequest HOME = PageRequest.get("/index.html");
    private static final PageRequest CART = PageRequest.get("/cart.html");
    private static final PageRequest CHECKOUT = PageRequest.get("/checkout.html");
    private static final PageRequest ORDER_COMPLETE = PageRequest.post("/checkout/complete.html");
    private static final PageRequest LOGIN = PageRequest.get("/site/login.html");
    private static final PageRequest USER_STATUS = PageRequest.get("/site/user_status.html");
    private static final PageRequest ROBOTS = PageRequest.get("/robots.txt");
    static final PageRequest TRACKING_PIXEL = PageRequest.get("/images/track.png");
    static final PageRequest LOGO = PageRequest.get("/images/logo-small.png");
    private static final PageRequest[] CATEGORIES = CATEGORY_NAMES.stream()
            .map(name -> PageRequest.get("/category/" + name + ".html")).toArray(PageRequest[]::new);
    private static final PageRequest[] PRODUCT_PAGES = buildProducts();
    private static final PageRequest[] SEARCHES = SEARCH_TERMS.stream()
            .map(term -> PageRequest.get("/search.html?q=" + term)).toArray(PageRequest[]::new);

    private SiteMap() {
    }

    static PageRequest request(PageKind kind, Draws draws) {
        return switch (kind) {
            case HOME -> HOME;
            case CATEGORY -> CATEGORIES[draws.index(CATEGORIES.length)];
            case PRODUCT -> PRODUCT_PAGES[popularProduct(draws)];
            case SEARCH -> SEARCHES[draws.index(SEARCHES.length)];
            case CART -> CART;
            case CHECKOUT -> CHECKOUT;
            case ORDER_COMPLETE -> ORDER_COMPLETE;
            case LOGIN -> LOGIN;
            case USER_STATUS -> USER_STATUS;
            case ROBOTS -> ROBOTS;
            case EXIT -> throw new IllegalArgumentException("EXIT has no request");
        };
    }

    /** A few products are much more popular than the rest (squared uniform: the head of the list gets most views). */
    private static int popularProduct(Draws draws) {
        double u = draws.uniform();
        return (int) (u * u * PRODUCTS);
    }

    /** The answer a human visitor gets; mostly 200, with Datagen's redirect and 4xx codes where they make sense. */
    static int humanStatus(PageKind kind, Draws draws) {
        double u = draws.uniform();
        return switch (kind) {
            case LOGIN -> u < 0.45 ? 302 : commonStatus(u - 0.45, draws);
            case PRODUCT -> u < 0.03 ? 404 : commonStatus(u - 0.03, draws);
            case ORDER_COMPLETE -> u < 0.01 ? 405 : commonStatus(u - 0.01, draws);
            default -> commonStatus(u, draws);
        };
    }

    private static int commonStatus(double u, Draws draws) {
        if (u < 0.004) {
            return 404;
        }
        if (u < 0.007) {
            return 406;
        }
        if (u < 0.009) {
            return 407;
        }
        return 200;
    }

    /** Crawlers follow stale links: more 404s than humans see. */
    static int botStatus(Draws draws) {
        return draws.chance(0.06) ? 404 : 200;
    }

    static long bytes(PageRequest request, int status, Draws draws) {
        if (status != 200) {
            return draws.pick(ValueDomains.IMAGE_BYTES);
        }
        if (request == TRACKING_PIXEL) {
            return ValueDomains.IMAGE_BYTES[0];
        }
        if (request == LOGO) {
            return ValueDomains.IMAGE_BYTES[1];
        }
        return draws.pick(ValueDomains.PAGE_BYTES);
    }

    private static PageRequest[] buildProducts() {
        PageRequest[] pages = new PageRequest[PRODUCTS];
        for (int i = 0; i < PRODUCTS; i++) {
            pages[i] = PageRequest.get("/product/" + (i + 1) + ".html");
        }
        return pages;
    }
}
