/**
 * Renders the Markdown AST (shared/domain/markdown.ts) as React elements. Every string reaches
 * the DOM as a text node or as an attribute React sets: no HTML is ever parsed from the source,
 * links carry only the http(s) and `#/` targets the parser accepted, and images show only
 * blob: URLs of the article's own attachments.
 */
import { useMemo, type MouseEvent, type ReactNode } from 'react';
import { parseMarkdown, type MdBlock, type MdInline } from '../../../shared/domain/markdown';
import { desktopApi } from '../../lib/desktop';
import { useFileBlob } from '../attachments/useFileBlob';
import './markdown.css';

/** Maps an image reference to a file id of the article's attachments, or null. */
export type ImageResolver = (ref: string) => string | null;

export interface MarkdownProps {
  source: string;
  images?: ImageResolver;
  testId?: string;
}

const NO_IMAGES: ImageResolver = () => null;

export function Markdown({ source, images = NO_IMAGES, testId }: MarkdownProps) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className="kb-markdown" data-testid={testId}>
      <Blocks blocks={blocks} images={images} />
    </div>
  );
}

function Blocks({ blocks, images }: { blocks: readonly MdBlock[]; images: ImageResolver }) {
  return <>{blocks.map((b, i) => renderBlock(b, i, images))}</>;
}

function renderBlock(block: MdBlock, key: number, images: ImageResolver): ReactNode {
  switch (block.type) {
    case 'heading': {
      const Tag = `h${block.level}` as const;
      return <Tag key={key}>{renderInlines(block.children, images)}</Tag>;
    }
    case 'paragraph':
      return <p key={key}>{renderInlines(block.children, images)}</p>;
    case 'code':
      return (
        <pre key={key} data-lang={block.lang || undefined}>
          <code>{block.value}</code>
        </pre>
      );
    case 'rule':
      return <hr key={key} />;
    case 'quote':
      return (
        <blockquote key={key}>
          <Blocks blocks={block.children} images={images} />
        </blockquote>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          {/* A single paragraph reads as a tight item, without paragraph spacing. */}
          {item.length === 1 && item[0]?.type === 'paragraph' ? (
            renderInlines(item[0].children, images)
          ) : (
            <Blocks blocks={item} images={images} />
          )}
        </li>
      ));
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'table':
      return (
        <table key={key}>
          <thead>
            <tr>
              {block.head.map((cell, i) => (
                <th key={i} style={{ textAlign: block.align[i] ?? undefined }}>
                  {renderInlines(cell, images)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i} style={{ textAlign: block.align[i] ?? undefined }}>
                    {renderInlines(cell, images)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

function renderInlines(nodes: readonly MdInline[], images: ImageResolver): ReactNode[] {
  return nodes.map((n, i) => renderInline(n, i, images));
}

function renderInline(node: MdInline, key: number, images: ImageResolver): ReactNode {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'code':
      return <code key={key}>{node.value}</code>;
    case 'emphasis':
      return <em key={key}>{renderInlines(node.children, images)}</em>;
    case 'strong':
      return <strong key={key}>{renderInlines(node.children, images)}</strong>;
    case 'break':
      return <br key={key} />;
    case 'link':
      return node.external ? (
        <ExternalLink key={key} href={node.href}>
          {renderInlines(node.children, images)}
        </ExternalLink>
      ) : (
        <a key={key} href={node.href}>
          {renderInlines(node.children, images)}
        </a>
      );
    case 'image': {
      const fileId = images(node.ref);
      return fileId ? (
        <AttachmentImage key={key} fileId={fileId} alt={node.alt} />
      ) : (
        <span key={key} data-testid="kb-image-missing" title="Not an attachment of this article">
          {node.alt}
        </span>
      );
    }
  }
}

/** Opens outside the app: the system browser in the desktop shell, a new tab in a browser. */
function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const api = desktopApi();
    // The app-wide link guard may have sent it out already (it listens first).
    if (!api || event.defaultPrevented) return;
    event.preventDefault();
    void api['shell:openExternal'](href);
  };
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" onClick={onClick}>
      {children}
    </a>
  );
}

function AttachmentImage({ fileId, alt }: { fileId: string; alt: string }) {
  const view = useFileBlob(fileId);
  if (view.status === 'present' && view.url.startsWith('blob:')) return <img src={view.url} alt={alt} />;
  return <span data-testid="kb-image-missing">{alt}</span>;
}
