import { describe, expect, it } from 'vitest';
import { humanize, resultsMarkdown, type RunResults } from '../../bench/lib/report.js';
import type { ScaleOutcome } from '../../bench/lib/scale.js';

const figures = (
  engine: string,
  size: number,
  buildMs: number,
  medianMs: number,
  indexBytes: number,
  top1: number,
): ScaleOutcome => ({
  status: 'ok',
  engine,
  size,
  buildMs,
  medianMs,
  p99Ms: medianMs * 3,
  queries: 100,
  top1,
  indexBytes,
  rssBytes: indexBytes,
  maxRssBytes: indexBytes * 2,
});

function results(scale: ScaleOutcome[]): RunResults {
  return {
    machine: {
      cores: 2,
      cpu: 'test cpu',
      memoryGb: 4,
      node: 'v20',
      platform: 'linux-x64',
      date: '2024-01-01 00:00 UTC',
      loadAtStart: 0,
    },
    mode: 'full',
    wallMs: 1000,
    scale,
    plan: { sizes: [200_000], queries: [500], queryBudgetMs: [10_000], buildBudgetMs: [120_000] },
  };
}

const floorLine = (md: string, text: string) => md.split('\n').find((l) => l.includes(text)) ?? '';

describe('resultsMarkdown floors', () => {
  it('meets the 200k floors when storybot is faster, smaller and as accurate', () => {
    const md = resultsMarkdown(
      results([
        figures('storybot index', 200_000, 30_000, 1.1, 140e6, 0.78),
        figures('wink-bm25', 200_000, 61_000, 74, 1.1e9, 0.74),
      ]),
      '',
    );
    expect(floorLine(md, 'median < 2 ms (index)')).toMatch(/\| yes \|$/);
    expect(floorLine(md, 'built faster than every peer')).toMatch(/\| yes \|$/);
    expect(floorLine(md, 'less memory than every peer')).toMatch(/\| yes \|$/);
    expect(floorLine(md, "top-1 ≥ best peer's")).toMatch(/\| yes \|$/);
  });

  it('does not count a peer that timed out sooner than storybot built as slower', () => {
    const md = resultsMarkdown(
      results([
        figures('storybot index', 200_000, 30_000, 1.1, 140e6, 0.78),
        { status: 'timeout', engine: 'lunr', size: 200_000, phase: 'build', budgetMs: 20_000 },
      ]),
      '',
    );
    expect(floorLine(md, 'built faster than every peer')).toMatch(/\*\*no\*\*/);
    expect(floorLine(md, 'less memory than every peer')).toMatch(/\| \? \|$/);
    expect(md).toContain('timeout: build > 20.0 s');
  });

  it('fails the accuracy floor when a peer ranks better', () => {
    const md = resultsMarkdown(
      results([
        figures('storybot index', 200_000, 30_000, 1.1, 140e6, 0.7),
        figures('wink-bm25', 200_000, 61_000, 74, 1.1e9, 0.74),
      ]),
      '',
    );
    expect(floorLine(md, "top-1 ≥ best peer's")).toMatch(/\*\*no\*\*/);
  });
});

describe('humanize', () => {
  it('spells out camel-case floor names', () => {
    expect(humanize('latencyP99Under20ms')).toBe('latency p99 under 20ms');
    expect(humanize('everyLoadAskAnsweredOnceIn3s')).toBe('every load ask answered once in 3s');
  });
});

describe('resultsMarkdown: server stories (issue 12)', () => {
  it('puts the floors in the table and the section in the report, met or not', () => {
    const run = results([]);
    run.stories = {
      note: 'from the test',
      markdown: 'STORIES TABLE',
      figures: {
        floors: { oneMegabyteAddUnder5s: true, otherServersNotPaused: false },
        addOneMB: { totalMs: { medianMs: 700, maxMs: 900 } },
        otherServers: { duringAdds: { p99Ms: 800, maxMs: 950 } },
      },
    };
    const md = resultsMarkdown(run, '');
    expect(floorLine(md, 'adding a 1 MB story')).toMatch(/#12 .*\| yes \|$/);
    expect(floorLine(md, 'not paused')).toMatch(/#12 .*\| \*\*no\*\* \|$/);
    expect(md).toContain('### Server stories (issue 12)');
    expect(md).toContain('STORIES TABLE');
    const skipped = resultsMarkdown(results([]), '');
    expect(skipped).toMatch(/### Server stories \(issue 12\)\n\nNot measured/);
  });
});

describe('resultsMarkdown held-out models', () => {
  const scores = {
    top1: 0.7,
    top3: 0.88,
    top1BeforeRefusal: 0.74,
    top3BeforeRefusal: 0.91,
    unanswerableRefused: 0.45,
    answerableRefused: 0.06,
  };
  const kinds = { casual: { answerable: 4, unanswerable: 0, top1: 2, top3: 3, refused: 1 } };
  const point = { threshold: 0.7, unanswerableRefused: 0.06, answerableRefused: 0.04 };

  it('reports news-dev and news-extra held out against the issue 10 floors', () => {
    const run = results([]);
    run.rerank = {
      news: { ...scores, byKind: kinds, byStory: {}, curve: [point] },
      squad: { top1: 0.86, top3: 0.95 },
      extra: { ...scores, top1: 0.76, stories: 24, byKind: kinds },
      squad2: { questions: 10, curve: [point], shipped: point },
    };
    const md = resultsMarkdown(run, '');
    expect(floorLine(md, 'news-dev, each story held out: right paragraph first')).toMatch(/70\.0% \| \*\*no\*\* \|$/);
    expect(
      floorLine(md, 'news-extra (24 stories by other writers), each batch held out: right paragraph first'),
    ).toMatch(/76\.0% \| yes \|$/);
    expect(md).toContain('Stories by other writers, held out (news-extra: 24 stories');
    expect(md).toContain('By question kind (news-extra, held out):');
  });
});
