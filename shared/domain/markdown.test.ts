import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  attachmentRef,
  markdownText,
  MAX_BLOCK_DEPTH,
  parseMarkdown,
  safeHref,
  type MdBlock,
  type MdInline,
} from './markdown';
import { MAX_INLINE_DEPTH } from './markdownInline';

const text = (value: string): MdInline => ({ type: 'text', value });
const para = (...children: MdInline[]): MdBlock => ({ type: 'paragraph', children });

/** Every inline node of a document, depth first. */
function inlines(blocks: readonly MdBlock[]): MdInline[] {
  const out: MdInline[] = [];
  const walk = (nodes: readonly MdInline[]) => {
    for (const n of nodes) {
      out.push(n);
      if (n.type === 'emphasis' || n.type === 'strong' || n.type === 'link') walk(n.children);
    }
  };
  for (const b of blocks) {
    if (b.type === 'heading' || b.type === 'paragraph') walk(b.children);
    else if (b.type === 'quote') out.push(...inlines(b.children));
    else if (b.type === 'list') for (const item of b.items) out.push(...inlines(item));
    else if (b.type === 'table') for (const row of [b.head, ...b.rows]) for (const cell of row) walk(cell);
  }
  return out;
}

function blockDepth(blocks: readonly MdBlock[]): number {
  let max = 0;
  for (const b of blocks) {
    if (b.type === 'quote') max = Math.max(max, 1 + blockDepth(b.children));
    if (b.type === 'list') for (const item of b.items) max = Math.max(max, 1 + blockDepth(item));
  }
  return max;
}

function inlineDepth(nodes: readonly MdInline[]): number {
  let max = 0;
  for (const n of nodes) {
    if (n.type === 'emphasis' || n.type === 'strong' || n.type === 'link') {
      max = Math.max(max, 1 + inlineDepth(n.children));
    }
  }
  return max;
}

const links = (source: string) =>
  inlines(parseMarkdown(source)).filter((n): n is Extract<MdInline, { type: 'link' }> => n.type === 'link');
const images = (source: string) => inlines(parseMarkdown(source)).filter((n) => n.type === 'image');

describe('blocks', () => {
  it('parses headings, paragraphs, rules and code', () => {
    expect(
      parseMarkdown('# Title #\n\nFirst line\nsecond line\n\n---\n\n```sh\nls -la\n  <b>x</b>\n```\n'),
    ).toEqual([
      { type: 'heading', level: 1, children: [text('Title')] },
      para(text('First line\nsecond line')),
      { type: 'rule' },
      { type: 'code', lang: 'sh', value: 'ls -la\n  <b>x</b>' },
    ]);
    expect(parseMarkdown('###### six\n####### seven')).toEqual([
      { type: 'heading', level: 6, children: [text('six')] },
      para(text('####### seven')),
    ]);
    expect(parseMarkdown('    indented\n    code\n\nafter')).toEqual([
      { type: 'code', lang: '', value: 'indented\ncode' },
      para(text('after')),
    ]);
  });

  it('runs an unclosed fence to the end of the document', () => {
    expect(parseMarkdown('~~~\n# not a heading\n')).toEqual([
      { type: 'code', lang: '', value: '# not a heading\n' },
    ]);
  });

  it('parses bullet and ordered lists with one nested level and paragraphs in items', () => {
    const doc = parseMarkdown(
      '1. Open **Settings**\n2. Choose Wi-Fi\n   - forget the network\n   - join again\n3. Done\n\n- a\n- b',
    );
    expect(doc).toEqual([
      {
        type: 'list',
        ordered: true,
        start: 1,
        items: [
          [para(text('Open '), { type: 'strong', children: [text('Settings')] })],
          [
            para(text('Choose Wi-Fi')),
            {
              type: 'list',
              ordered: false,
              start: 1,
              items: [[para(text('forget the network'))], [para(text('join again'))]],
            },
          ],
          [para(text('Done'))],
        ],
      },
      { type: 'list', ordered: false, start: 1, items: [[para(text('a'))], [para(text('b'))]] },
    ]);
    expect(parseMarkdown('3) third\n4) fourth')[0]).toMatchObject({ type: 'list', ordered: true, start: 3 });
  });

  it('keeps list items together across blank lines when the content is indented', () => {
    const doc = parseMarkdown('- one\n\n  still one\n- two');
    expect(doc).toEqual([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[para(text('one')), para(text('still one'))], [para(text('two'))]],
      },
    ]);
  });

  it('parses block quotes with lazy continuation and nested blocks', () => {
    expect(parseMarkdown('> quoted\ncontinued\n> - item\n\nout')).toEqual([
      {
        type: 'quote',
        children: [
          para(text('quoted\ncontinued')),
          { type: 'list', ordered: false, start: 1, items: [[para(text('item'))]] },
        ],
      },
      para(text('out')),
    ]);
  });

  it('parses tables with alignment and pads short rows', () => {
    expect(parseMarkdown('| Model | Port |\n|:---|---:|\n| HP 4250 | 9100 |\n| Canon \\| IR |')).toEqual([
      {
        type: 'table',
        align: ['left', 'right'],
        head: [[text('Model')], [text('Port')]],
        rows: [
          [[text('HP 4250')], [text('9100')]],
          [[text('Canon | IR')], []],
        ],
      },
    ]);
    // A delimiter row with another column count is no table.
    expect(parseMarkdown('a | b\n--- | --- | ---')[0]?.type).toBe('paragraph');
  });

  it('gives the plain text of a document', () => {
    expect(markdownText(parseMarkdown('# Reset\n\n1. Hold *power*\n\n`code`'))).toBe(
      'Reset\nHold power\ncode',
    );
  });
});

describe('inline', () => {
  it('parses emphasis, strong, nested and intraword rules', () => {
    expect(parseMarkdown('*a* **b** ***c*** _d_ snake_case_name 2*3*4')).toEqual([
      para(
        { type: 'emphasis', children: [text('a')] },
        text(' '),
        { type: 'strong', children: [text('b')] },
        text(' '),
        { type: 'emphasis', children: [{ type: 'strong', children: [text('c')] }] },
        text(' '),
        { type: 'emphasis', children: [text('d')] },
        text(' snake_case_name 2'),
        { type: 'emphasis', children: [text('3')] },
        text('4'),
      ),
    ]);
    expect(parseMarkdown('**unclosed *mixed')).toEqual([para(text('**unclosed *mixed'))]);
  });

  it('parses code spans, escapes, entities and hard breaks', () => {
    expect(parseMarkdown('`` a ` b `` \\*not\\* &amp; &#60;b&#x3E; &bogus; line  \nnext\\\nlast')).toEqual([
      para(
        { type: 'code', value: 'a ` b' },
        text(' *not* & <b> &bogus; line'),
        { type: 'break' },
        text('next'),
        { type: 'break' },
        text('last'),
      ),
    ]);
    expect(parseMarkdown('`a ``b`` c`')).toEqual([para({ type: 'code', value: 'a ``b`` c' })]);
    expect(parseMarkdown('``unclosed `other`')).toEqual([
      para(text('``unclosed '), { type: 'code', value: 'other' }),
    ]);
  });

  it('makes http(s) and in-app links, with titles and nested parentheses', () => {
    expect(
      links('[docs](https://example.org/a_(b) "Title") [ticket](#/tickets/tkt_1) <http://x.test/p?q=1>'),
    ).toEqual([
      { type: 'link', href: 'https://example.org/a_(b)', external: true, children: [text('docs')] },
      { type: 'link', href: '#/tickets/tkt_1', external: false, children: [text('ticket')] },
      { type: 'link', href: 'http://x.test/p?q=1', external: true, children: [text('http://x.test/p?q=1')] },
    ]);
  });

  it('links bare URLs without trailing punctuation', () => {
    expect(parseMarkdown('See https://example.org/kb/42. Or (https://example.org/x).')).toEqual([
      para(
        text('See '),
        {
          type: 'link',
          href: 'https://example.org/kb/42',
          external: true,
          children: [text('https://example.org/kb/42')],
        },
        text('. Or ('),
        {
          type: 'link',
          href: 'https://example.org/x',
          external: true,
          children: [text('https://example.org/x')],
        },
        text(').'),
      ),
    ]);
  });

  it('does not nest links', () => {
    const doc = parseMarkdown('[outer [inner](https://a.test)](https://b.test)');
    expect(doc).toEqual([
      para(
        text('[outer '),
        { type: 'link', href: 'https://a.test', external: true, children: [text('inner')] },
        // The outer brackets stay text; the bare URL after them is linked on its own.
        text(']('),
        { type: 'link', href: 'https://b.test', external: true, children: [text('https://b.test')] },
        text(')'),
      ),
    ]);
    expect(links('[see https://a.test here](https://b.test)')).toEqual([
      { type: 'link', href: 'https://b.test', external: true, children: [text('see https://a.test here')] },
    ]);
  });

  it('resolves images to attachments only; anything else is its alt text', () => {
    expect(
      parseMarkdown(
        '![Port](attachment:port.jpg) ![x](https://evil.test/a.png) ![y](data:image/png;base64,AA==)',
      ),
    ).toEqual([para({ type: 'image', ref: 'port.jpg', alt: 'Port' }, text(' x y'))]);
  });
});

describe('hostile input', () => {
  const UNSAFE_LINKS = [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java&#x09;script:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'javascript&colon;alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///etc/passwd',
    '//evil.test/x',
    '/relative',
    'https://user:pass@evil.test/',
    'https://evil.test"onmouseover="alert(1)',
    'http://',
    'https:evil.test',
    'mailto:a@b.test',
    '#javascript:alert(1)',
  ];

  it.each(UNSAFE_LINKS)('keeps %s out of links, images and autolinks', (target) => {
    for (const source of [`[click](${target})`, `[click](<${target}>)`, `<${target}>`, `![img](${target})`]) {
      expect(links(source), source).toEqual([]);
      expect(images(source), source).toEqual([]);
    }
    expect(safeHref(target)).toBeNull();
  });

  it('shows HTML as text', () => {
    const source =
      '<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n<a href="javascript:alert(3)">x</a>';
    expect(parseMarkdown(source)).toEqual([para(text(source))]);
    expect(parseMarkdown('<svg onload=alert(1)>\n\n<iframe src=javascript:alert(1)>')).toEqual([
      para(text('<svg onload=alert(1)>')),
      para(text('<iframe src=javascript:alert(1)>')),
    ]);
  });

  it('accepts only well-formed attachment references', () => {
    expect(attachmentRef('attachment:fil_01ABC')).toBe('fil_01ABC');
    expect(attachmentRef('ATTACHMENT: port photo.jpg ')).toBe('port photo.jpg');
    expect(attachmentRef('attachment:../secret')).toBeNull();
    expect(attachmentRef('attachment:')).toBeNull();
    expect(attachmentRef('blob:http://x/1')).toBeNull();
  });

  it('bounds nesting of quotes, lists and emphasis', () => {
    expect(blockDepth(parseMarkdown('>'.repeat(5000) + ' deep'))).toBeLessThanOrEqual(MAX_BLOCK_DEPTH);
    const nestedList = Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    expect(blockDepth(parseMarkdown(nestedList))).toBeLessThanOrEqual(MAX_BLOCK_DEPTH);
    const deep = parseMarkdown('*'.repeat(4000) + 'x' + '*'.repeat(4000));
    const first = deep[0];
    expect(first?.type).toBe('paragraph');
    if (first?.type === 'paragraph')
      expect(inlineDepth(first.children)).toBeLessThanOrEqual(MAX_INLINE_DEPTH + 1);
  });

  it('parses large pathological inputs completely', () => {
    const inputs = [
      '['.repeat(20_000),
      '[a]('.repeat(10_000),
      '[a](b "'.repeat(5_000),
      '`'.repeat(3_000) + 'x' + '``'.repeat(3_000),
      '*_'.repeat(20_000),
      '**a '.repeat(10_000),
      '<'.repeat(20_000) + 'a',
      '&#'.repeat(20_000),
      '![['.repeat(10_000) + ']]('.repeat(10_000),
      'https://a.test/' + '('.repeat(10_000),
      '- '.repeat(20_000),
      '|'.repeat(20_000) + '\n' + '-|'.repeat(20_000),
      'a  \n'.repeat(20_000),
    ];
    for (const input of inputs) {
      const doc = parseMarkdown(input);
      expect(Array.isArray(doc)).toBe(true);
      // Nothing of the source is lost or invented beyond markup characters.
      expect(markdownText(doc).length).toBeLessThanOrEqual(input.length);
    }
  });

  it('never throws and only ever links to safe targets (property)', () => {
    const piece = fc.constantFrom(
      '*',
      '_',
      '**',
      '`',
      '[',
      ']',
      '(',
      ')',
      '![',
      '<',
      '>',
      '\n',
      '\n\n',
      '> ',
      '- ',
      '1. ',
      '#',
      '|',
      '---',
      '```',
      '\\',
      '&#106;',
      '&amp;',
      'javascript:',
      'data:',
      'https://a.test/',
      '#/tickets/x',
      'attachment:p.png',
      ' ',
      'x',
      '"',
      "'",
      '<script>',
      'onerror=',
      '\t',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const doc = parseMarkdown(parts.join(''));
        for (const node of inlines(doc)) {
          if (node.type === 'link') {
            expect(node.href).toMatch(/^(https?:\/\/[^\s"'<>\\`@]+|#\/[A-Za-z0-9_\-./?=&%~+]*)$/);
            expect(safeHref(node.href)).not.toBeNull();
          }
          if (node.type === 'image') expect(attachmentRef(`attachment:${node.ref}`)).toBe(node.ref);
        }
      }),
      { numRuns: 500 },
    );
  });
});
