package dev.eddy.generator.simulation;

/** What a visitor looks at; {@link #EXIT} ends a visit. */
enum PageKind {
    HOME, CATEGORY, PRODUCT, SEARCH, CART, CHECKOUT, ORDER_COMPLETE, LOGIN, USER_STATUS, ROBOTS, EXIT
}
