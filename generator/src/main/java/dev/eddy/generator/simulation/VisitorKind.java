package dev.eddy.generator.simulation;

/** Who is browsing: a registered user, an anonymous human (user id -1) or a crawler (user id -1, bot agent). */
enum VisitorKind {
    KNOWN_USER, ANONYMOUS, BOT
}
