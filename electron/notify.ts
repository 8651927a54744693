// OS notifications for assignments and SLA warnings. The renderer decides what is worth telling;
// this module only shows it, keeps each notification alive until it is dismissed (a collected
// Notification loses its click handler), and turns a click into "bring the window forward and
// open this page".
import type { NotificationRequest } from '../shared/ipc/contract';
import { IpcFailure } from './validate';

export type NotificationLike = {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
};

export type NotifierDeps = {
  isSupported: () => boolean;
  create: (options: { title: string; body: string; silent: boolean }) => NotificationLike;
  /** Focus the window and, with a route, open that page in it. */
  onClick: (route: string | undefined) => void;
};

/** More than this many on screen at once is noise; the oldest stop being tracked. */
const MAX_TRACKED = 20;

export function createNotifier(deps: NotifierDeps) {
  const live: NotificationLike[] = [];
  const forget = (notification: NotificationLike): void => {
    const index = live.indexOf(notification);
    if (index >= 0) live.splice(index, 1);
  };
  return {
    show(request: NotificationRequest): void {
      if (!deps.isSupported()) {
        throw new IpcFailure('unavailable', 'This system does not show notifications.');
      }
      const notification = deps.create({ title: request.title, body: request.body, silent: false });
      notification.on('click', () => {
        forget(notification);
        deps.onClick(request.route);
      });
      notification.on('close', () => forget(notification));
      live.push(notification);
      if (live.length > MAX_TRACKED) live.shift();
      notification.show();
    },
    /** Notifications still on screen (for tests and diagnostics). */
    get tracked(): number {
      return live.length;
    },
  };
}
