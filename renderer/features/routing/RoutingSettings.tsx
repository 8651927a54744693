import { Stack, Title } from '@mantine/core';
import { GroupsOverview } from './GroupsOverview';
import { CategoryTreeEditor } from './CategoryTreeEditor';
import { AssignmentRulesEditor } from './AssignmentRulesEditor';
import { EscalationRulesEditor } from './EscalationRulesEditor';
import { TemplatesEditor } from './TemplatesEditor';

/** Work routing: groups, categories, assignment and escalation rules, ticket templates. */
export function RoutingSettings() {
  return (
    <Stack gap="md" data-testid="routing-settings">
      <Title order={3}>Work routing</Title>
      <GroupsOverview />
      <CategoryTreeEditor />
      <AssignmentRulesEditor />
      <EscalationRulesEditor />
      <TemplatesEditor />
    </Stack>
  );
}
