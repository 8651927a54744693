/**
 * The kind-specific parts of a ticket page. Each process owns its panels in its feature folder;
 * this file only decides which ones a record of a given kind shows.
 */
import type { TicketDoc } from '../../../shared/domain/model';
import { SlaPanel } from '../sla/SlaPanel';
import { ProblemPanel } from '../problems/ProblemPanel';
import { KnownErrorHints } from '../problems/KnownErrorHints';
import { ChangePanel } from '../changes/ChangePanel';
import { ReleasePanel } from '../releases/ReleasePanel';
import { ProjectPanel } from '../projects/ProjectPanel';
import { SurveyPanel } from '../csat/SurveyPanel';
import { SolvedByPanel } from '../knowledge/SolvedByPanel';

/** Main column, under the description. */
export function ProcessPanels({ ticket }: { ticket: TicketDoc }) {
  switch (ticket.kind) {
    case 'problem':
      return <ProblemPanel ticket={ticket} />;
    case 'change':
      return <ChangePanel ticket={ticket} />;
    case 'release':
      return <ReleasePanel ticket={ticket} />;
    case 'project':
    case 'task':
      return <ProjectPanel ticket={ticket} />;
    case 'incident':
    case 'request':
    case 'question':
      return (
        <>
          <SurveyPanel ticket={ticket} />
          <KnownErrorHints ticket={ticket} />
        </>
      );
  }
}

/** Side column, above the details. */
export function ProcessSide({ ticket }: { ticket: TicketDoc }) {
  return (
    <>
      <SlaPanel ticket={ticket} />
      <SolvedByPanel ticket={ticket} />
    </>
  );
}
