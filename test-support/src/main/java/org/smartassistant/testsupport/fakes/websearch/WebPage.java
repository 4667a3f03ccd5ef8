package org.smartassistant.testsupport.fakes.websearch;

/**
 * A page a fake search engine finds: each fake writes it in its provider's own fields (SearXNG
 * {@code content}, Tavily {@code content} and {@code score}, Brave {@code description}).
 *
 * @param title the page title
 * @param url the page address
 * @param snippet the text shown under the title (may hold markup, as Brave's {@code <strong>})
 */
public record WebPage(String title, String url, String snippet) {}
