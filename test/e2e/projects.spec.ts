import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** A local calendar date `days` from today, as a date input takes it. */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function createProject(page: Page, title: string): Promise<string> {
  await page.goto('/#/tickets/new');
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Kind', exact: true }).click();
  await page.getByRole('option', { name: 'Project', exact: true }).click();
  await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByTestId('ticket-heading')).toHaveText(title);
  const number = (await page.getByTestId('ticket-number').textContent()) ?? '';
  expect(number).toMatch(/^PRJ-/);
  return number;
}

interface TaskSpec {
  title: string;
  estimateHours: string;
  due?: string;
  dependsOn?: string[];
}

async function addTask(page: Page, spec: TaskSpec): Promise<string> {
  const rows = page.getByTestId('task-row');
  const before = await rows.count();
  await page.getByTestId('project-panel').getByRole('button', { name: 'Add task' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill(spec.title);
  await dialog.getByRole('textbox', { name: 'Estimate (hours)' }).fill(spec.estimateHours);
  if (spec.due) await dialog.getByLabel('Due date').fill(spec.due);
  for (const dep of spec.dependsOn ?? []) {
    await dialog.getByRole('combobox', { name: 'Depends on' }).click();
    await page.getByRole('option', { name: new RegExp(`^${dep} `) }).click();
  }
  // Closes the dependency list before submitting.
  await dialog.getByRole('textbox', { name: 'Title', exact: true }).click();
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(rows).toHaveCount(before + 1);
  return (await rows.last().getAttribute('data-number')) ?? '';
}

function taskRow(page: Page, number: string): Locator {
  return page.locator(`[data-testid="task-row"][data-number="${number}"]`);
}

async function changeStatus(page: Page, to: string): Promise<void> {
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByRole('menuitem', { name: to, exact: true }).click();
}

async function completeTask(page: Page, number: string): Promise<void> {
  await taskRow(page, number).getByRole('link', { name: number }).click();
  await expect(page.getByTestId('ticket-number')).toHaveText(number);
  await changeStatus(page, 'Resolved');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Resolution code' }).click();
  await page.getByRole('option', { name: 'Completed', exact: true }).click();
  await dialog.getByLabel('Resolution notes').fill('Done as planned.');
  await dialog.getByRole('button', { name: 'Move to Resolved' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('task-project').getByRole('link').click();
}

test('a project with dependent tasks, progress and a timeline', async ({ app: page }) => {
  const project = await createProject(page, 'Move the support desk to the second floor');
  const progress = page.getByTestId('project-progress');
  await expect(progress).toHaveText('No tasks yet');

  const dates = page.getByRole('form', { name: 'Project dates' });
  await dates.getByLabel('Planned start').fill(dayFromToday(0));
  await dates.getByLabel('Planned end').fill(dayFromToday(-2));
  await dates.getByRole('button', { name: 'Save dates' }).click();
  await expect(dates.getByText('The end must be after the start.')).toBeVisible();
  await dates.getByLabel('Planned end').fill(dayFromToday(10));
  await dates.getByRole('button', { name: 'Save dates' }).click();
  await expect(dates.getByText('The end must be after the start.')).toHaveCount(0);
  await page.reload();
  await expect(dates.getByLabel('Planned start')).toHaveValue(dayFromToday(0));
  await expect(dates.getByLabel('Planned end')).toHaveValue(dayFromToday(10));

  // A bad task is refused field by field and nothing is saved.
  await page.getByTestId('project-panel').getByRole('button', { name: 'Add task' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Estimate (hours)' }).fill('-3');
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog.getByText(/Enter the estimate in hours/)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Estimate (hours)' }).fill('2');
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog.getByText('Title is required.')).toBeVisible();
  await expect(dialog.getByText('Nothing has been saved.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('task-row')).toHaveCount(0);

  const cabling = await addTask(page, {
    title: 'Pull network cables',
    estimateHours: '2',
    due: dayFromToday(-1),
  });
  const desks = await addTask(page, {
    title: 'Assemble the desks',
    estimateHours: '2',
    due: dayFromToday(3),
  });
  const move = await addTask(page, {
    title: 'Move the workstations',
    estimateHours: '4',
    dependsOn: [cabling, desks],
  });
  await expect(progress).toHaveText('0 of 3 tasks done, 0% of estimated work');
  await expect(taskRow(page, cabling).getByText('Late')).toBeVisible();
  await expect(taskRow(page, move).getByText('Blocked')).toBeVisible();
  await expect(taskRow(page, move)).toContainText(cabling);
  await expect(taskRow(page, move)).toContainText(desks);

  // The third task cannot start while the two it depends on are open.
  await taskRow(page, move).getByRole('link', { name: move }).click();
  await expect(page.getByTestId('task-project')).toContainText(`Part of project ${project}`);
  await expect(page.getByTestId('task-blocked')).toContainText(`Blocked by ${cabling}, ${desks}`);
  await changeStatus(page, 'In progress');
  await page.getByRole('button', { name: 'Move to In progress' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText(
    `cannot start before the tasks it depends on are done: ${cabling}, ${desks}`,
  );
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('ticket-page').getByText('New', { exact: true }).first()).toBeVisible();

  // A dependency that closes a loop is refused with the loop named.
  await page.getByTestId('task-project').getByRole('link').click();
  await taskRow(page, cabling).getByRole('link', { name: cabling }).click();
  const plan = page.getByRole('form', { name: 'Task plan' });
  await plan.getByRole('combobox', { name: 'Depends on' }).click();
  await page.getByRole('option', { name: new RegExp(`^${move} `) }).click();
  await plan.getByRole('textbox', { name: 'Estimate (hours)' }).click();
  await plan.getByRole('button', { name: 'Save plan' }).click();
  await expect(
    plan.getByText(`Circular dependency: ${cabling} depends on ${move}, which depends on ${cabling}.`),
  ).toBeVisible();
  await page.getByTestId('task-project').getByRole('link').click();

  await completeTask(page, cabling);
  await expect(progress).toHaveText('1 of 3 tasks done, 25% of estimated work');
  await expect(taskRow(page, cabling).getByText('Late')).toHaveCount(0);
  await completeTask(page, desks);
  await expect(progress).toHaveText('2 of 3 tasks done, 50% of estimated work');
  await expect(taskRow(page, move).getByText('Blocked')).toHaveCount(0);

  // Now it may start.
  await taskRow(page, move).getByRole('link', { name: move }).click();
  await expect(page.getByTestId('task-blocked')).toHaveCount(0);
  await changeStatus(page, 'In progress');
  await page.getByRole('button', { name: 'Move to In progress' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByTestId('task-project').getByRole('link').click();
  await expect(taskRow(page, move)).toContainText('In progress');

  await page.getByTestId('project-panel').getByRole('link', { name: 'Timeline' }).click();
  await expect(page.getByRole('heading', { name: `${project} timeline` })).toBeVisible();
  const bars = page.getByTestId('timeline-bar');
  await expect(bars).toHaveCount(3);
  await expect(page.locator(`[data-testid="timeline-bar"][data-number="${cabling}"]`)).toHaveAttribute(
    'data-done',
    'true',
  );
  await expect(page.locator(`[data-testid="timeline-bar"][data-number="${move}"]`)).toHaveAttribute(
    'data-done',
    'false',
  );
  await expect(page.getByTestId('timeline-row').filter({ hasText: move })).toContainText(
    `after ${[cabling, desks].sort().join(', ')}`,
  );
  await page.getByRole('link', { name: `Back to ${project}` }).click();
  await expect(page.getByTestId('ticket-number')).toHaveText(project);
});
