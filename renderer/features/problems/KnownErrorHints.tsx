import type { TicketDoc } from '../../../shared/domain/model';

export function KnownErrorHints(_props: { ticket: TicketDoc }) {
  return null;
}
