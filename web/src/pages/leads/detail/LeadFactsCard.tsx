import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { LeadDetail } from '../../../api/types';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { GDPR_LABELS, gdprColor, sourceLabel } from '../../../lib/leadFields';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** The lead at a glance: score, where it came from, consent, when. */
export function LeadFacts({ lead }: { lead: LeadDetail }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
      <Fact label="Score">{formatNumber(lead.score)}</Fact>
      <Fact label="Source">
        {sourceLabel(lead.source)}
        {lead.source === 'import' && lead.source_id ? ` #${lead.source_id}` : ''}
      </Fact>
      <Fact label="GDPR">
        <Group gap={4}>
          <Badge variant="light" color={gdprColor(lead.gdpr.status)} tt="none">
            {GDPR_LABELS[lead.gdpr.status]}
          </Badge>
        </Group>
        {lead.gdpr.date && (
          <Text fz="xs" c="dimmed">
            {formatDateTime(lead.gdpr.date)}
            {lead.gdpr.ip ? ` from ${lead.gdpr.ip}` : ''}
          </Text>
        )}
      </Fact>
      <Fact label="Created">{formatDateTime(lead.created_at)}</Fact>
      <Fact label="Updated">{formatDateTime(lead.updated_at)}</Fact>
    </SimpleGrid>
  );
}
