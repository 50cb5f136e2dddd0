import { Badge, Card, Container, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { ApiError, messageOf } from '../../../api/errors';
import { useLead } from '../../../api/leads';
import { FormAlert } from '../../../components/FormAlert';
import { PageLoader } from '../../../components/PageLoader';
import { AnchorLink } from '../../../components/RouterLinks';
import { leadName } from '../../../lib/leadFields';
import { DeleteLeadButton } from './DeleteLeadButton';
import { LeadFacts } from './LeadFactsCard';
import { LeadListsCard } from './LeadListsCard';
import { LeadStatusForm } from './LeadStatusForm';
import { LeadTabs } from './LeadTabs';
import { LeadTagsCard } from './LeadTagsCard';
import { MembershipsCard } from './MembershipsCard';

function BackLink() {
  return (
    <AnchorLink to="/leads" fz="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden /> All leads
      </Group>
    </AnchorLink>
  );
}

/** `/leads/$id`: every field, custom fields, tags, lists, memberships, status and the timeline. */
export function LeadDetailPage({ id }: { id: number }) {
  const lead = useLead(id);

  if (lead.isPending) return <PageLoader />;
  if (lead.isError) {
    const gone = lead.error instanceof ApiError && lead.error.status === 404;
    return (
      <Container size="sm" px={0}>
        <Stack gap="md">
          <BackLink />
          <Title order={1} fz={28}>
            {gone ? 'Lead not found' : 'Could not load the lead'}
          </Title>
          <FormAlert message={gone ? 'It may have been deleted.' : messageOf(lead.error)} />
        </Stack>
      </Container>
    );
  }

  const l = lead.data;
  const name = leadName(l);
  return (
    <Container size="xl" px={0}>
      <Stack gap="lg">
        <Stack gap="xs">
          <BackLink />
          <Group justify="space-between" align="flex-start" gap="md">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="xs">
                <Title order={1} fz={28} style={{ wordBreak: 'break-word' }}>
                  {name || l.email}
                </Title>
                {l.blocked && (
                  <Badge color="red" variant="light">
                    Blocked
                  </Badge>
                )}
              </Group>
              {name && <Text c="dimmed">{l.email}</Text>}
            </Stack>
            <DeleteLeadButton lead={l} />
          </Group>
        </Stack>
        <Card>
          <LeadFacts lead={l} />
        </Card>
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
            <LeadTabs lead={l} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
            <Stack gap="lg">
              <LeadTagsCard lead={l} />
              <LeadListsCard lead={l} />
              <LeadStatusForm key={`status-${l.id}`} lead={l} />
              <MembershipsCard leadId={l.id} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </Container>
  );
}
