/**
 * The project part of a project or task page: a project lists its tasks and their progress, a
 * task shows the project it belongs to and its plan.
 */
import type { TicketDoc } from '../../../shared/domain/model';
import { ProjectTasksPanel } from './ProjectTasksPanel';
import { TaskPlanPanel } from './TaskPlanPanel';

export function ProjectPanel({ ticket }: { ticket: TicketDoc }) {
  if (ticket.kind === 'project') return <ProjectTasksPanel project={ticket} />;
  if (ticket.kind === 'task') return <TaskPlanPanel task={ticket} />;
  return null;
}
