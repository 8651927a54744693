import { useSyncExternalStore } from 'react';

/**
 * Hash routing: works the same from app://, http://127.0.0.1 and a file, and a reload keeps the
 * page. Routes are parsed here so components receive typed parameters.
 */
export type Route =
  /** `drill`: a dashboard figure's tickets (shared/domain/kpi/drill.ts), still encoded. */
  | { name: 'tickets'; drill?: string }
  | { name: 'dashboard' }
  | { name: 'ticket'; id: string }
  | { name: 'new-ticket' }
  | { name: 'settings' }
  | { name: 'sync' }
  | { name: 'known-errors' }
  | { name: 'change-calendar' }
  | { name: 'project-timeline'; id: string }
  | { name: 'notifications' }
  | { name: 'service-settings' }
  | { name: 'knowledge' }
  | { name: 'new-article' }
  | { name: 'article'; id: string }
  | { name: 'search'; query: string }
  | { name: 'cmdb' }
  | { name: 'ci'; id: string }
  | { name: 'cmdb-import' }
  | { name: 'assets' }
  | { name: 'audits' }
  | { name: 'audit'; id: string }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/tickets';
  if (path === '/' || path === '/tickets') return { name: 'tickets' };
  const drill = /^\/tickets\?drill=([^#]*)$/.exec(path);
  // Left encoded: decodeDrill splits the parts before decoding each one.
  if (drill) return { name: 'tickets', drill: drill[1] ?? '' };
  if (path === '/dashboard') return { name: 'dashboard' };
  if (path === '/tickets/new') return { name: 'new-ticket' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/sync') return { name: 'sync' };
  if (path === '/problems/known-errors') return { name: 'known-errors' };
  if (path === '/changes/calendar') return { name: 'change-calendar' };
  if (path === '/notifications') return { name: 'notifications' };
  if (path === '/settings/service') return { name: 'service-settings' };
  if (path === '/knowledge') return { name: 'knowledge' };
  if (path === '/cmdb') return { name: 'cmdb' };
  if (path === '/cmdb/import') return { name: 'cmdb-import' };
  if (path === '/assets') return { name: 'assets' };
  if (path === '/audits') return { name: 'audits' };
  const ci = /^\/cmdb\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (ci?.[1]) return { name: 'ci', id: ci[1] };
  const audit = /^\/audits\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (audit?.[1]) return { name: 'audit', id: audit[1] };
  if (path === '/knowledge/new') return { name: 'new-article' };
  const article = /^\/knowledge\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (article?.[1]) return { name: 'article', id: article[1] };
  const search = /^\/search(?:\?q=(.*))?$/.exec(path);
  if (search) return { name: 'search', query: safeDecode(search[1] ?? '') };
  const match = /^\/tickets\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (match?.[1]) return { name: 'ticket', id: match[1] };
  const timeline = /^\/projects\/([A-Za-z0-9_-]{1,64})\/timeline$/.exec(path);
  if (timeline?.[1]) return { name: 'project-timeline', id: timeline[1] };
  return { name: 'not-found', path };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

export function navigate(path: string): void {
  window.location.hash = path;
}
