import type { ReactNode } from 'react';
import { Anchor, Group, Paper, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import type { Compliance, Dashboard, DrillKey, DurationStats } from '../../../shared/domain/kpi/model';
import { ciStateLabel, formatHours, formatRate } from '../../../shared/domain/kpi/report';
import { formatCount, formatScore, NO_VALUE, type Drill } from './format';
import { KPI_HELP, type KpiId } from './help';

function Card({ id, title, children }: { id: KpiId; title: string; children: ReactNode }) {
  return (
    <Paper
      withBorder
      p="sm"
      className="dash-card"
      data-testid={`kpi-${id}`}
      component="section"
      aria-label={title}
    >
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {children}
      <Text size="xs" c="dimmed" mt={6}>
        {KPI_HELP[id]}
      </Text>
    </Paper>
  );
}

/** The card's main number: a drill-down when it stands for tickets, plain text otherwise. */
function MainValue({
  id,
  text,
  label,
  onClick,
}: {
  id: KpiId;
  text: string;
  label: string;
  onClick?: () => void;
}) {
  if (!onClick || text === NO_VALUE)
    return (
      <Text className="dash-value" data-testid={`kpi-${id}-value`} aria-label={label}>
        {text}
      </Text>
    );
  return (
    <UnstyledButton
      className="dash-value"
      data-testid={`kpi-${id}-value`}
      aria-label={label}
      onClick={onClick}
    >
      {text}
    </UnstyledButton>
  );
}

/** A smaller figure that opens its tickets. */
function Sub({
  children,
  label,
  onClick,
  testId,
}: {
  children: ReactNode;
  label: string;
  onClick: () => void;
  testId?: string;
}) {
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      aria-label={label}
      onClick={onClick}
      data-testid={testId}
    >
      {children}
    </Anchor>
  );
}

const tickets = (n: number) => `${formatCount(n)} ticket${n === 1 ? '' : 's'}`;

function CountCard({
  id,
  title,
  count,
  drill,
  keyName,
}: {
  id: KpiId;
  title: string;
  count: number;
  drill: Drill;
  keyName: DrillKey;
}) {
  return (
    <Card id={id} title={title}>
      <MainValue
        id={id}
        text={formatCount(count)}
        label={`${title}: ${tickets(count)}. Show them`}
        onClick={() => drill(keyName)}
      />
    </Card>
  );
}

function DurationCard({
  id,
  title,
  stats,
  drill,
  keyName,
}: {
  id: KpiId;
  title: string;
  stats: DurationStats;
  drill: Drill;
  keyName: DrillKey;
}) {
  const open = () => drill(keyName);
  return (
    <Card id={id} title={title}>
      <MainValue
        id={id}
        text={formatHours(stats.meanMs)}
        label={`${title}, mean: ${formatHours(stats.meanMs)}. Show the tickets`}
        onClick={open}
      />
      <Group gap={6}>
        <Text size="sm" c="dimmed" data-testid={`kpi-${id}-median`}>
          Median {formatHours(stats.medianMs)} ·
        </Text>
        <Sub label={`${title}: ${tickets(stats.count)} measured. Show them`} onClick={open}>
          {tickets(stats.count)}
        </Sub>
      </Group>
    </Card>
  );
}

function SlaCard({
  id,
  title,
  clock,
  c,
  drill,
}: {
  id: KpiId;
  title: string;
  clock: 'response' | 'resolution';
  c: Compliance;
  drill: Drill;
}) {
  const parts = [
    ['met', 'Met', c.met],
    ['breached', 'Breached', c.breached],
    ['inProgress', 'In progress', c.inProgress],
  ] as const;
  return (
    <Card id={id} title={title}>
      <MainValue id={id} text={formatRate(c.rate)} label={`${title}: ${formatRate(c.rate)}`} />
      <Group gap="xs">
        {parts.map(([key, label, count]) => (
          <Sub
            key={key}
            label={`${title}, ${label.toLowerCase()}: ${tickets(count)}. Show them`}
            onClick={() => drill(`sla.${clock}.${key}`)}
            testId={`kpi-${id}-${key}`}
          >
            {label} {formatCount(count)}
          </Sub>
        ))}
      </Group>
    </Card>
  );
}

function RateCard({
  id,
  title,
  rate,
  part,
  whole,
  partKey,
  wholeKey,
  partText,
  drill,
}: {
  id: KpiId;
  title: string;
  rate: number | null;
  part: number;
  whole: number;
  partKey: DrillKey;
  wholeKey: DrillKey;
  partText: string;
  drill: Drill;
}) {
  return (
    <Card id={id} title={title}>
      <MainValue
        id={id}
        text={formatRate(rate)}
        label={`${title}: ${formatRate(rate)}. Show the ${partText} tickets`}
        onClick={() => drill(partKey)}
      />
      <Text size="sm" c="dimmed" component="div">
        {formatCount(part)} {partText} of{' '}
        <Sub label={`${title}: ${formatCount(whole)} in the base. Show them`} onClick={() => drill(wholeKey)}>
          {formatCount(whole)}
        </Sub>
      </Text>
    </Card>
  );
}

export function KpiCards({ d, drill }: { d: Dashboard; drill: Drill }) {
  const { csat, audits, assets } = d;
  const states = assets.byState.filter((s) => s.count > 0);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="sm" aria-label="Key figures">
      <CountCard id="opened" title="Opened" count={d.volume.opened} drill={drill} keyName="opened" />
      <CountCard id="resolved" title="Resolved" count={d.volume.resolved} drill={drill} keyName="resolved" />
      <CountCard id="backlog" title="Backlog" count={d.backlog.total} drill={drill} keyName="backlog" />
      <DurationCard
        id="resolution-time"
        title="Resolution time"
        stats={d.resolutionTime}
        drill={drill}
        keyName="resolutionTime"
      />
      <DurationCard
        id="first-response"
        title="First response"
        stats={d.firstResponse}
        drill={drill}
        keyName="firstResponse"
      />
      <SlaCard id="sla-response" title="SLA response" clock="response" c={d.sla.response} drill={drill} />
      <SlaCard
        id="sla-resolution"
        title="SLA resolution"
        clock="resolution"
        c={d.sla.resolution}
        drill={drill}
      />
      <Card id="csat" title="Customer satisfaction">
        <MainValue
          id="csat"
          text={formatRate(csat.share)}
          label={`Satisfied (4–5): ${formatRate(csat.share)}. Show the answers`}
          onClick={() => drill('csat')}
        />
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            Mean <span data-testid="kpi-csat-mean">{formatScore(csat.mean)}</span>
            {csat.mean === null ? '' : ' of 5'} ·
          </Text>
          <Sub
            label={`Satisfaction: ${formatCount(csat.answers)} answers. Show them`}
            onClick={() => drill('csat')}
            testId="kpi-csat-answers"
          >
            {formatCount(csat.answers)} answer{csat.answers === 1 ? '' : 's'}
          </Sub>
        </Group>
      </Card>
      <RateCard
        id="fcr"
        title="First-contact resolution"
        rate={d.fcr.rate}
        part={d.fcr.firstContact}
        whole={d.fcr.resolved}
        partKey="fcr.yes"
        wholeKey="fcr"
        partText="at first contact"
        drill={drill}
      />
      <RateCard
        id="reopen"
        title="Reopen rate"
        rate={d.reopen.rate}
        part={d.reopen.reopened}
        whole={d.reopen.resolved}
        partKey="reopen.yes"
        wholeKey="reopen"
        partText="reopened"
        drill={drill}
      />
      <Card id="problems" title="Problems: time to resolve">
        <MainValue
          id="problems"
          text={formatHours(d.problems.timeToResolve.meanMs)}
          label={`Problems, mean time to resolve: ${formatHours(d.problems.timeToResolve.meanMs)}. Show the problems`}
          onClick={() => drill('problems.resolved')}
        />
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            Median {formatHours(d.problems.timeToResolve.medianMs)} ·
          </Text>
          <Sub
            label={`${formatCount(d.problems.resolved)} problems resolved. Show them`}
            onClick={() => drill('problems.resolved')}
          >
            {formatCount(d.problems.resolved)} resolved
          </Sub>
        </Group>
      </Card>
      <RateCard
        id="changes"
        title="Change success rate"
        rate={d.changes.rate}
        part={d.changes.successful}
        whole={d.changes.closed}
        partKey="changes.successful"
        wholeKey="changes.closed"
        partText="successful"
        drill={drill}
      />
      <Card id="assets" title="Assets">
        <Anchor
          href="#/assets"
          className="dash-value"
          data-testid="kpi-assets-value"
          aria-label={`Assets: ${formatCount(assets.total)}. Open the asset list`}
          underline="never"
        >
          {formatCount(assets.total)}
        </Anchor>
        <Text size="sm" c="dimmed">
          {states.length === 0
            ? 'No assets yet'
            : states.map((s) => `${ciStateLabel(s.state)} ${formatCount(s.count)}`).join(' · ')}
        </Text>
      </Card>
      <Card id="audits" title="Audit found rate">
        <Anchor
          href="#/audits"
          className="dash-value"
          data-testid="kpi-audits-value"
          aria-label={`Audit found rate: ${formatRate(audits.rate)}. Open the audits`}
          underline="never"
        >
          {formatRate(audits.rate)}
        </Anchor>
        <Text size="sm" c="dimmed">
          {audits.closed === 0
            ? 'No audit closed in the period'
            : `${formatCount(audits.found)} of ${formatCount(audits.expected)} found in ${formatCount(audits.closed)} audit${audits.closed === 1 ? '' : 's'}`}
        </Text>
      </Card>
    </SimpleGrid>
  );
}
