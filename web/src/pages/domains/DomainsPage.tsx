import {
  Badge,
  Button,
  Card,
  Container,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconPlus, IconWorldWww } from '@tabler/icons-react';
import { useState } from 'react';
import { type Domain, useDomains } from '../../api/domains';
import { messageOf } from '../../api/errors';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { AnchorLink } from '../../components/RouterLinks';
import { formatDateTime } from '../../lib/format';
import { AddDomainModal } from './AddDomainModal';
import { StatusBadge } from './StatusBadge';

function DomainsEmpty({ onAdd }: { onAdd: () => void }) {
  return (
    <Stack align="center" gap="sm" py={48} px="md" ta="center">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <IconWorldWww size={24} aria-hidden />
      </ThemeIcon>
      <Title order={2} fz="lg">
        No domains yet
      </Title>
      <Text c="dimmed" fz="sm" maw={480}>
        Put your membership portals, checkouts and pages on your own domain, such as www.yourbrand.com or
        sales.yourbrand.com. Atrium shows the DNS records to create, checks them itself and tells you what is
        wrong, then gets the certificate.
      </Text>
      <Button mt="xs" onClick={onAdd}>
        Add a domain
      </Button>
    </Stack>
  );
}

function failing(d: Domain): string {
  if (d.status === 'active') return 'Serving your site';
  const bad = (d.checks ?? []).filter((c) => !c.ok);
  if (!d.checks) return 'Not checked yet';
  return bad.length === 0 ? 'All checks passed' : `${bad.length} check${bad.length === 1 ? '' : 's'} failing`;
}

/** `/domains`: the account's custom domains with their status; add one. */
export function DomainsPage() {
  const domains = useDomains();
  const [adding, setAdding] = useState(false);
  return (
    <Container size="xl" px={0}>
      <Group justify="space-between" align="flex-start" gap="md">
        <PageHeader
          title="Domains"
          description="Your site on your own domain: portals, checkouts and pages, with a certificate."
        />
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
          Add domain
        </Button>
      </Group>
      <Card p={0}>
        {domains.isPending ? (
          <Stack p="md" gap="sm" role="status" aria-label="Loading domains">
            {[0, 1].map((i) => (
              <Skeleton key={i} h={28} />
            ))}
          </Stack>
        ) : domains.isError ? (
          <Stack p="md">
            <FormAlert message={messageOf(domains.error)} />
          </Stack>
        ) : domains.data.length === 0 ? (
          <DomainsEmpty onAdd={() => setAdding(true)} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Domains">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Domain</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Checks</Table.Th>
                  <Table.Th>Added</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {domains.data.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <AnchorLink to="/domains/$id" params={{ id: String(d.id) }} fw={500}>
                          {d.display_hostname}
                        </AnchorLink>
                        <Badge size="xs" variant="light" color="gray">
                          {d.kind === 'root' ? 'www + root' : 'subdomain'}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge domain={d} />
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" c={d.status === 'active' ? undefined : 'dimmed'}>
                        {failing(d)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm">{formatDateTime(d.created_at)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Text fz="xs" c="dimmed" mt="sm">
        Tracking, split-test and opt-in confirmation links always use your Atrium address, never a custom
        domain.
      </Text>
      <AddDomainModal opened={adding} onClose={() => setAdding(false)} />
    </Container>
  );
}
