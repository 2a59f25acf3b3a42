/** The line the CLI's preloaded report-rss.ts writes on exit, which load-timing.ts reads back. */
export const MAX_RSS_MARK = 'storybot-bench max-rss-kb';
