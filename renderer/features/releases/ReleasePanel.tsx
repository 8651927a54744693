import type { TicketDoc } from '../../../shared/domain/model';

export function ReleasePanel(_props: { ticket: TicketDoc }) {
  return null;
}
