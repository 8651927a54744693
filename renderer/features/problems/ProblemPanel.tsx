import type { TicketDoc } from '../../../shared/domain/model';

export function ProblemPanel(_props: { ticket: TicketDoc }) {
  return null;
}
