package dev.sandboxplugin.verdict;

/**
 * One breach attempt or limit hit, with the evidence for it.
 *
 * @param kind what was attempted: {@code TIMEOUT}, {@code MEMORY}, {@code PIDS}, {@code SECCOMP},
 *     {@code FILE_WRITE}, {@code NETWORK}, {@code EXEC}, {@code MOUNT}
 * @param detail the evidence in words: the limit, the line of output, the signal
 */
public record Violation(String kind, String detail) {}
