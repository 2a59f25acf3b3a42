// Preloaded (`node --import`) into a CLI process the load benchmark starts: on exit, writes the
// process's peak resident set to stderr, so the parent measures the CLI itself, not a wrapper.
import { MAX_RSS_MARK } from './rss-mark.js';

process.on('exit', () => {
  process.stderr.write(`\n${MAX_RSS_MARK} ${process.resourceUsage().maxRSS}\n`);
});
