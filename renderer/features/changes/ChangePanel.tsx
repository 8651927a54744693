import type { TicketDoc } from '../../../shared/domain/model';

export function ChangePanel(_props: { ticket: TicketDoc }) {
  return null;
}
