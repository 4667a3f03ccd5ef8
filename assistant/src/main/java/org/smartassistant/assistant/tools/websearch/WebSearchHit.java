package org.smartassistant.assistant.tools.websearch;

/** One result of a web search, whichever provider found it; the snippet may contain markup. */
record WebSearchHit(String title, String url, String snippet) {}
