/**
 * Markdown stories, read with a real CommonMark parser (mdast-util-from-markdown, on micromark):
 * headings name the story or its sections, list items and block-quote paragraphs become
 * paragraphs of their own, and inline markup (emphasis, links, code, HTML, escapes, character
 * references) is removed, so readers see, and the search matches, the words and nothing else.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, RootContent } from 'mdast';
import type { StoryBlock } from './load.js';

/** The plain text of an inline run: what a reader sees of it. */
function plainText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'html':
      return '';
    default:
      return 'children' in node ? node.children.map((child) => plainText(child as Nodes)).join('') : '';
  }
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function collect(nodes: readonly RootContent[], nested: boolean, out: StoryBlock[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        out.push({ kind: 'heading', text: collapse(plainText(node)) });
        break;
      case 'paragraph':
        out.push({ kind: nested ? 'item' : 'paragraph', text: collapse(plainText(node)) });
        break;
      case 'code':
        out.push({ kind: nested ? 'item' : 'paragraph', text: collapse(node.value) });
        break;
      case 'list':
      case 'listItem':
      case 'blockquote':
        collect(node.children, true, out);
        break;
      default:
        // html blocks, thematic breaks, link definitions: nothing a reader would quote.
        break;
    }
  }
}

/** A setext underline (`===` or `---`) belongs to the line above it. */
const SETEXT_UNDERLINE = /^[ \t]{0,3}(=+|-+)[ \t]*$/;

/**
 * Blocks of a Markdown story. As for plain text, a file with no blank line at all has one
 * paragraph per line (which a Markdown reader would otherwise join into one).
 */
export function markdownBlocks(text: string): StoryBlock[] {
  let source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/\n[ \t]*\n/.test(source.trim())) {
    const lines = source.trim().split('\n');
    source = lines.map((line, i) => (i > 0 && !SETEXT_UNDERLINE.test(line) ? `\n${line}` : line)).join('\n');
  }
  const out: StoryBlock[] = [];
  collect(fromMarkdown(source).children, false, out);
  return out.filter((block) => block.text !== '');
}
