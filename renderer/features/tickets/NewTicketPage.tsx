import { useMemo, useState } from 'react';
import { Grid, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { routeTicket } from '../../../shared/domain/routing';
import { applyTemplate } from '../../../shared/domain/templates';
import type { TicketInput } from '../../../shared/domain/validation';
import { createTicket } from '../../data';
import { useDb } from '../../app/database';
import { navigate } from '../../app/router';
import { useAppSettings } from '../../app/settings';
import { useSession } from '../../app/session';
import { useDirectory } from '../../app/people';
import { useCis } from '../../app/cis';
import { useUi } from '../../state/ui';
import { useRoutingSettings } from '../routing/hooks';
import { TicketForm } from './TicketForm';
import { Suggestions } from '../search/Suggestions';
import { useSubmit } from '../../lib/useSubmit';

export function emptyTicketInput(requesterId: string): TicketInput {
  return {
    kind: 'incident',
    title: '',
    description: '',
    impact: 2,
    urgency: 2,
    category: '',
    requesterId,
    assigneeId: '',
    groupId: '',
    ciIds: [],
    tags: [],
  };
}

export function NewTicketPage() {
  const db = useDb();
  const userId = useUi((s) => s.userId);
  const session = useSession();
  const settings = useAppSettings();
  const routing = useRoutingSettings();
  const directory = useDirectory();
  const [value, setValue] = useState<TicketInput>(() => emptyTicketInput(userId));
  const [templateId, setTemplateId] = useState<string | null>(null);
  // Set when the user clears a routed group: they want none, so the rules stop filling it.
  const [routingOff, setRoutingOff] = useState(false);
  const cis = useCis(value.ciIds ?? []);
  const { errors, saving, submit } = useSubmit();

  // While the group is empty, the first matching assignment rule fills it (and the assignee).
  const route = useMemo(() => {
    if (routingOff || value.groupId !== '') return null;
    const classes = new Map(cis.map((ci) => [ci.id, ci.ciClass]));
    return routeTicket(
      { kind: value.kind, category: value.category, ciIds: value.ciIds },
      routing.assignmentRules,
      { ciClassOf: (id) => classes.get(id) },
    );
  }, [routingOff, value.groupId, value.kind, value.category, value.ciIds, cis, routing.assignmentRules]);
  const shown: TicketInput = route
    ? { ...value, groupId: route.groupId, assigneeId: route.assigneeId || value.assigneeId }
    : value;

  const onChange = (next: TicketInput) => {
    if (route && next.groupId === shown.groupId && next.assigneeId === shown.assigneeId) {
      // Another field changed: keep the group to the rules, so a new category re-routes.
      setValue({ ...next, groupId: '', assigneeId: value.assigneeId });
      return;
    }
    if (route && next.groupId === '') setRoutingOff(true);
    setValue(next);
  };

  const chooseTemplate = (id: string | null) => {
    setTemplateId(id);
    const template = routing.templates.find((t) => t.id === id);
    if (template) setValue(applyTemplate(value, template));
  };

  const save = () =>
    submit(
      () => createTicket(db, shown, session),
      (result) => navigate(`/tickets/${result.ticket.id}`),
    );

  const note = route ? (
    <Text span size="xs" c="teal" data-testid="routing-note">
      Routed to {directory.name(route.groupId)} by rule {route.rule.name}
    </Text>
  ) : undefined;

  return (
    <Stack maw={1280}>
      <Title order={2}>New ticket</Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Select
                label="Template"
                placeholder={routing.templates.length > 0 ? 'Start from a template' : 'No templates yet'}
                description="Fills the form; you can change anything before creating the ticket."
                data={routing.templates.map((t) => ({ value: t.id, label: t.name }))}
                value={templateId}
                onChange={chooseTemplate}
                disabled={routing.templates.length === 0}
                clearable
                searchable
                maw={420}
              />
              <TicketForm
                value={shown}
                onChange={onChange}
                errors={errors}
                onSubmit={save}
                onCancel={() => navigate('/tickets')}
                submitLabel="Create ticket"
                saving={saving}
                matrix={settings.matrix}
                categories={settings.categories}
                groupNote={note}
              />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          {/* While the ticket is typed: the fix may already be in the knowledge base. */}
          <Suggestions title={shown.title} description={shown.description ?? ''} kind={shown.kind} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
