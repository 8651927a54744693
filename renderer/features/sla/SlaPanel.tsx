import type { TicketDoc } from '../../../shared/domain/model';

export function SlaPanel(_props: { ticket: TicketDoc }) {
  return null;
}
