import { Autocomplete, Button, Grid, Group, Paper, Text, TextInput, Textarea } from '@mantine/core';
import { WEEKDAYS, type CalendarDraft } from '../../../shared/domain/slaDraft';
import type { FieldErrors } from '../../../shared/domain/validation';

/** Zones this device knows; the field still accepts any name and the check reports unknown ones. */
const TIME_ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/London', 'America/New_York'];
  }
})();

/** Monday first on screen, as office weeks are read; stored Sunday first. */
const SCREEN_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** One business calendar of the settings form; errors are keyed `calendars.<index>.<field>`. */
export function CalendarFields({
  index,
  calendar,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  calendar: CalendarDraft;
  errors: FieldErrors;
  onChange: (calendar: CalendarDraft) => void;
  onRemove: () => void;
}) {
  const error = (field: string) => errors[`calendars.${index}.${field}`];
  const set = (patch: Partial<CalendarDraft>) => onChange({ ...calendar, ...patch });
  const title = calendar.name.trim() || `Calendar ${index + 1}`;
  return (
    <Paper withBorder p="sm" role="group" aria-label={`Calendar ${title}`} data-testid="sla-calendar">
      <Grid gap="xs">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <TextInput
            label="Id"
            description="Policies refer to it"
            value={calendar.id}
            onChange={(e) => set({ id: e.currentTarget.value })}
            error={error('id')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput
            label="Name"
            description="Shown in the policies"
            value={calendar.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={error('name')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Autocomplete
            label="Time zone"
            description="IANA name, e.g. Europe/London"
            data={TIME_ZONES}
            limit={30}
            value={calendar.timeZone}
            onChange={(timeZone) => set({ timeZone })}
            error={error('timeZone')}
          />
        </Grid.Col>
        {SCREEN_ORDER.map((day) => (
          <Grid.Col key={day} span={{ base: 6, md: 3 }}>
            <TextInput
              label={WEEKDAYS[day]}
              placeholder="Closed"
              value={calendar.hours[day] ?? ''}
              onChange={(e) => {
                const hours = [...calendar.hours];
                hours[day] = e.currentTarget.value;
                set({ hours });
              }}
              error={error(`hours.${day}`)}
            />
          </Grid.Col>
        ))}
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Textarea
            label="Holidays"
            description="Dates YYYY-MM-DD, separated by commas or new lines; no working time on these days"
            autosize
            minRows={1}
            maxRows={4}
            value={calendar.holidays}
            onChange={(e) => set({ holidays: e.currentTarget.value })}
            error={error('holidays')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Group h="100%" align="flex-end" justify="flex-end">
            <Button variant="subtle" color="red" onClick={onRemove}>
              Remove calendar
            </Button>
          </Group>
        </Grid.Col>
      </Grid>
      {error('hours') && (
        <Text c="red" size="xs" mt={4} role="alert">
          {error('hours')}
        </Text>
      )}
    </Paper>
  );
}
