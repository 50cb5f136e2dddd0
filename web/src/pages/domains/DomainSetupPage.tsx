import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  Container,
  CopyButton,
  Group,
  List,
  Modal,
  Skeleton,
  Stack,
  Stepper,
  Table,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCheck,
  IconCopy,
  IconRefresh,
  IconX,
} from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { type Domain, type DomainCheck, useCheckDomain, useDomain, useRemoveDomain } from '../../api/domains';
import { ApiError, messageOf } from '../../api/errors';
import { FormAlert } from '../../components/FormAlert';
import { AnchorLink } from '../../components/RouterLinks';
import { formatDateTime } from '../../lib/format';
import { StatusBadge } from './StatusBadge';

const CHECK_TITLES: Record<DomainCheck['name'], string> = {
  cname: 'CNAME record',
  conflicts: 'No conflicting records',
  forwarding: 'Root domain forwarding',
};

function Copyable({ value, label }: { value: string; label: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Code fz="sm" style={{ wordBreak: 'break-all' }}>
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
            <ActionIcon
              variant={copied ? 'filled' : 'subtle'}
              color={copied ? 'teal' : 'gray'}
              onClick={copy}
              aria-label={copied ? `${label} copied` : `Copy ${label}`}
            >
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

function Records({ domain }: { domain: Domain }) {
  const { records, forwarding } = domain.instructions;
  return (
    <Stack gap="md">
      <Text>
        Sign in where the DNS of your domain is managed (usually your registrar) and create this record:
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table withTableBorder aria-label="DNS records to create">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Type</Table.Th>
              <Table.Th>Name (host)</Table.Th>
              <Table.Th>Value (points to)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records.map((r) => (
              <Table.Tr key={r.host}>
                <Table.Td>{r.type}</Table.Td>
                <Table.Td>
                  <Copyable value={r.name} label="record name" />
                </Table.Td>
                <Table.Td>
                  <Copyable value={r.value} label="record value" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text fz="sm" c="dimmed">
        If "{records[0]?.name}" already has an A, AAAA or another CNAME record, delete it: a name with a CNAME
        can hold no other record.
      </Text>
      {forwarding && (
        <Alert variant="light" color="blue" title={`Then forward ${forwarding.from}`}>
          <Text fz="sm">
            A root domain cannot hold a CNAME, so visitors who type <b>{forwarding.from}</b> need a forwarding
            (also called URL redirect) at your registrar: to <b>{forwarding.to}</b>, permanent (301), with the
            path kept ("forward path"), so {forwarding.from}/offer lands on{' '}
            {forwarding.to.replace('https://', '')}
            /offer.
          </Text>
          <Text fz="sm" mt="xs">
            No forwarding service? Give {forwarding.from} an A record with this server's address instead, and
            Atrium forwards it itself.
          </Text>
        </Alert>
      )}
    </Stack>
  );
}

function CheckRow({ check }: { check: DomainCheck }) {
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm" data-testid={`check-${check.name}`}>
      <ThemeIcon color={check.ok ? 'teal' : 'red'} variant="light" radius="xl" size="md" mt={2}>
        {check.ok ? <IconCheck size={16} aria-hidden /> : <IconX size={16} aria-hidden />}
      </ThemeIcon>
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text fw={500}>
          {CHECK_TITLES[check.name]}: {check.ok ? 'right' : 'not right yet'}
        </Text>
        <Text fz="sm">
          <Text span c="dimmed" fz="sm">
            Expected:
          </Text>{' '}
          <Code fz="xs">{check.expected}</Code>
        </Text>
        <Text fz="sm">
          <Text span c="dimmed" fz="sm">
            Found:
          </Text>{' '}
          <Code fz="xs">{check.found}</Code>
        </Text>
        {check.hint && (
          <Text fz="sm" c={check.ok ? 'dimmed' : undefined}>
            {check.hint}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

function Checks({ domain, onCheck, checking }: { domain: Domain; onCheck: () => void; checking: boolean }) {
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text fz="sm" c="dimmed">
          {domain.last_checked_at
            ? `Last checked ${formatDateTime(domain.last_checked_at)}.`
            : 'Not checked yet.'}{' '}
          {domain.status === 'pending' && domain.next_check_at
            ? `Atrium checks again by itself at ${formatDateTime(domain.next_check_at)}.`
            : ''}
        </Text>
        <Button leftSection={<IconRefresh size={16} aria-hidden />} onClick={onCheck} loading={checking}>
          Check now
        </Button>
      </Group>
      {domain.checks ? (
        <Stack gap="md" aria-label="Checks">
          {domain.checks.map((c) => (
            <CheckRow key={c.name} check={c} />
          ))}
        </Stack>
      ) : (
        <Text>
          Create the records above, then press "Check now". New records can take a few minutes to show.
        </Text>
      )}
    </Stack>
  );
}

/** `/domains/$id`: the setup wizard: the records to create, live checks explained, and the result. */
export function DomainSetupPage({ id }: { id: number }) {
  const domain = useDomain(id);
  const check = useCheckDomain();
  const remove = useRemoveDomain();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (domain.isPending) {
    return (
      <Stack role="status" aria-label="Loading domain">
        <Skeleton h={36} w={320} />
        <Skeleton h={200} />
      </Stack>
    );
  }
  if (domain.isError) {
    const gone = domain.error instanceof ApiError && domain.error.status === 404;
    return (
      <Container size="md" px={0}>
        <FormAlert
          title={gone ? 'This domain is not here' : undefined}
          message={
            gone
              ? 'It was removed, or it is not one of yours. Domains whose DNS is not right within 24 hours are removed, and Atrium mails you why.'
              : messageOf(domain.error)
          }
        />
        <AnchorLink to="/domains" mt="md" display="inline-block">
          Back to domains
        </AnchorLink>
      </Container>
    );
  }
  const d = domain.data;
  const anyChecked = d.checks !== null;
  const step = d.status === 'active' ? 3 : anyChecked ? 1 : 0;

  const runCheck = async () => {
    setError(null);
    try {
      const result = await check.mutateAsync(d.id);
      if (result.status === 'active') {
        notifications.show({
          color: 'teal',
          title: `${d.display_hostname} is connected`,
          message: 'Your site answers there now.',
        });
      }
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const onRemove = async () => {
    try {
      await remove.mutateAsync(d.id);
      notifications.show({ color: 'teal', title: 'Domain removed', message: d.display_hostname });
      await navigate({ to: '/domains' });
    } catch (e) {
      setError(messageOf(e));
      setConfirming(false);
    }
  };

  return (
    <Container size="md" px={0}>
      <AnchorLink to="/domains" fz="sm" c="dimmed">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden /> Domains
        </Group>
      </AnchorLink>
      <Group justify="space-between" align="center" mt="xs" mb="lg">
        <Group gap="sm">
          <Title order={1} fz={28}>
            {d.display_hostname}
          </Title>
          <StatusBadge domain={d} />
        </Group>
        <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
          Remove
        </Button>
      </Group>
      <FormAlert message={error} />
      <Card>
        <Stepper active={step} orientation="vertical" allowNextStepsSelect={false} size="sm">
          <Stepper.Step label="Create the records" description="At your DNS provider">
            <Records domain={d} />
          </Stepper.Step>
          <Stepper.Step label="Check" description="Atrium reads your DNS">
            <Records domain={d} />
            <Stack mt="lg">
              <Checks domain={d} onCheck={runCheck} checking={check.isPending} />
            </Stack>
          </Stepper.Step>
          <Stepper.Step label="Connected" description="Certificate on the first visit">
            <span />
          </Stepper.Step>
          <Stepper.Completed>
            <Stack gap="md">
              <Alert
                color="teal"
                variant="light"
                title={`${d.display_hostname} is connected`}
                icon={<IconCheck />}
              >
                Your membership portals, checkouts and pages answer on{' '}
                <Anchor href={d.url} target="_blank" rel="noreferrer">
                  {d.url}
                </Anchor>
                . The certificate is issued on the first visit, which takes a few seconds.
              </Alert>
              <Checks domain={d} onCheck={runCheck} checking={check.isPending} />
            </Stack>
          </Stepper.Completed>
        </Stepper>
        {step === 0 && (
          <Group mt="lg">
            <Button
              onClick={runCheck}
              loading={check.isPending}
              leftSection={<IconRefresh size={16} aria-hidden />}
            >
              I created the records: check now
            </Button>
          </Group>
        )}
      </Card>
      {d.status === 'pending' && d.expires_at && (
        <Group gap={6} mt="sm">
          <IconAlertTriangle size={14} aria-hidden />
          <Text fz="xs" c="dimmed">
            If the records are not right by {formatDateTime(d.expires_at)} (24 hours after adding), Atrium
            removes the domain and mails you what it found.
          </Text>
        </Group>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Remove this domain?" centered>
        <Stack>
          <Text>{d.display_hostname} stops serving your site at once. You can add it again later.</Text>
          <List size="sm">
            <List.Item>Links to it stop working until you do.</List.Item>
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button color="red" onClick={onRemove} loading={remove.isPending}>
              Remove domain
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Container>
  );
}
