import type { TicketDoc } from '../../../shared/domain/model';

export function SurveyPanel(_props: { ticket: TicketDoc }) {
  return null;
}
