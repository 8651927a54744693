/**
 * Operating-system notifications for new in-app ones. The desktop shell shows them through its
 * bridge (`notify:show`, which opens the route when clicked); in a browser tab the Notification
 * API is used only when the user has already allowed it: the app never asks on its own.
 */
import type { AppNotification } from '../../../shared/domain/notifications';
import { navigate } from '../../app/router';
import { desktopApi } from '../../lib/desktop';

/** More than this at once (a sync catching up) becomes one summary. */
const SINGLE_MAX = 3;

interface OsNotice {
  title: string;
  body: string;
  route: string;
}

type ShowFn = (notice: OsNotice) => Promise<unknown>;

/** The desktop shell's notifications (clicking one opens its route); null in a browser tab. */
function bridgeShow(): ShowFn | null {
  const api = desktopApi();
  return api ? (notice) => api.showNotification(notice) : null;
}

function browserShow(): ShowFn | null {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return null;
  return async (notice) => {
    const n = new Notification(notice.title, { body: notice.body, tag: notice.route });
    n.onclick = () => {
      window.focus();
      navigate(notice.route);
    };
  };
}

export function raiseOsNotifications(fresh: readonly AppNotification[]): void {
  const show = bridgeShow() ?? browserShow();
  if (!show) return;
  const notices: OsNotice[] =
    fresh.length > SINGLE_MAX
      ? [{ title: 'Outpost', body: `${fresh.length} new notifications`, route: '/notifications' }]
      : fresh.map((n) => ({ title: n.detail, body: n.title, route: n.link }));
  for (const notice of notices) {
    show(notice).catch((error: unknown) => console.warn('Outpost: could not show a notification', error));
  }
}
