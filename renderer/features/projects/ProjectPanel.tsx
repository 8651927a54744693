import type { TicketDoc } from '../../../shared/domain/model';

export function ProjectPanel(_props: { ticket: TicketDoc }) {
  return null;
}
